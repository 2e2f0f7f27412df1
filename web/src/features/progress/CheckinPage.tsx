import { type Checkin, TRIGGERS, type Trigger } from "@kinship/contracts/progress";
import type { CrisisNotice } from "@kinship/contracts/safety";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { CrisisCheck } from "../../ui/CrisisCheck.tsx";
import { CrisisPanel } from "../../ui/CrisisPanel.tsx";
import { TextAreaField, TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useCheckin, useProgressSettings, useSaveCheckin, useUpdateSettings } from "./api.ts";
import { deviceZone, todayIn, useDayFormat, useFormErrors } from "./shared.tsx";

const MOODS = [1, 2, 3, 4, 5] as const;
const CRAVINGS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** The daily check-in: one per day, editable, and any earlier day can be filled in. */
export function CheckinPage() {
  const { t } = useTranslation();
  const settings = useProgressSettings();
  const today = todayIn(settings.data?.timeZone ?? deviceZone());
  const [date, setDate] = useState(today);
  const existing = useCheckin(date);
  const day = useDayFormat();
  // Kept here: saving refetches the day, which gives the form a fresh start.
  const [saved, setSaved] = useState(false);
  // The words of this check-in sounded like a crisis: the lines show at once, the check-in is saved.
  const [crisis, setCrisis] = useState<CrisisNotice | null>(null);

  return (
    <div className="stack">
      <PageTitle intro={t("progress.checkin.intro")}>{t("progress.checkin.title")}</PageTitle>
      {crisis && <CrisisPanel notice={crisis} onClose={() => setCrisis(null)} />}
      <div className="card stack-small">
        <TextField
          label={t("progress.checkin.date")}
          hint={t("progress.checkin.dateHint")}
          type="date"
          max={today}
          value={date}
          onChange={(e) => {
            if (!e.target.value) return;
            setSaved(false);
            setDate(e.target.value);
          }}
        />
        {existing.isPending ? (
          <Loading />
        ) : (
          <>
            {existing.data && !saved && <p className="muted">{t("progress.checkin.editing", { date: day(date) })}</p>}
            <CheckinForm
              key={`${date}:${existing.data?.updatedAt ?? "new"}`}
              date={date}
              initial={existing.data ?? null}
              onSaving={() => setSaved(false)}
              onSaved={(checkin) => {
                setSaved(true);
                setCrisis(checkin.crisis ?? null);
              }}
            />
          </>
        )}
        <StatusMessage message={saved ? t("progress.checkin.saved") : undefined} />
      </div>
      <ReminderCard />
    </div>
  );
}

function CheckinForm({
  date,
  initial,
  onSaving,
  onSaved,
}: {
  date: string;
  initial: Checkin | null;
  onSaving: () => void;
  onSaved: (checkin: Checkin) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCheckin();
  const id = useId();
  const [mood, setMood] = useState<number | null>(initial?.mood ?? null);
  const [craving, setCraving] = useState<number | null>(initial?.craving ?? null);
  const [triggers, setTriggers] = useState<Trigger[]>(initial?.triggers ?? []);
  const [triggersOwnWords, setOwnWords] = useState(initial?.triggersOwnWords ?? "");
  const [helped, setHelped] = useState(initial?.helped ?? "");
  const [gratitude, setGratitude] = useState(initial?.gratitude ?? "");
  const [note, setNote] = useState(initial?.note ?? "");
  const [missing, setMissing] = useState<{ mood?: string; craving?: string }>({});
  const errors = useFormErrors(save.error, [
    "date",
    "mood",
    "craving",
    "triggersOwnWords",
    "helped",
    "gratitude",
    "note",
  ]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSaving();
    const problems = {
      mood: mood === null ? t("progress.checkin.moodRequired") : undefined,
      craving: craving === null ? t("progress.checkin.cravingRequired") : undefined,
    };
    setMissing(problems);
    if (mood === null || craving === null) {
      document.getElementById(`${id}-${mood === null ? "mood" : "craving"}`)?.focus();
      return;
    }
    save.mutate({ date, mood, craving, triggers, triggersOwnWords, helped, gratitude, note }, { onSuccess: onSaved });
  };

  const toggle = (trigger: Trigger) =>
    setTriggers((current) =>
      current.includes(trigger) ? current.filter((x) => x !== trigger) : [...current, trigger],
    );

  const moodError = missing.mood ?? errors.field.mood;
  const cravingError = missing.craving ?? errors.field.craving;
  return (
    <form className="stack-small" onSubmit={onSubmit} noValidate>
      <FormError message={errors.form ?? errors.field.date} />
      <fieldset className="scale" aria-describedby={moodError ? `${id}-mood-error` : undefined}>
        <legend className="field__label" id={`${id}-mood`} tabIndex={-1}>
          {t("progress.checkin.mood")}
        </legend>
        {moodError && (
          <p className="field__error" id={`${id}-mood-error`}>
            {moodError}
          </p>
        )}
        <div className="scale__options scale__options--mood">
          {MOODS.map((value) => (
            <label key={value} className="scale__option">
              <input type="radio" name={`${id}-mood`} checked={mood === value} onChange={() => setMood(value)} />
              <span>
                <strong>{value}</strong> {t(`progress.mood.m${value}`)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="scale" aria-describedby={`${id}-craving-hint${cravingError ? ` ${id}-craving-error` : ""}`}>
        <legend className="field__label" id={`${id}-craving`} tabIndex={-1}>
          {t("progress.checkin.craving")}
        </legend>
        <p className="field__hint" id={`${id}-craving-hint`}>
          {t("progress.checkin.cravingHint")}
        </p>
        {cravingError && (
          <p className="field__error" id={`${id}-craving-error`}>
            {cravingError}
          </p>
        )}
        <div className="scale__options scale__options--craving">
          {CRAVINGS.map((value) => (
            <label key={value} className="scale__option scale__option--number">
              <input
                type="radio"
                name={`${id}-craving`}
                checked={craving === value}
                onChange={() => setCraving(value)}
              />
              <span>{value}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="scale">
        <legend className="field__label">{t("progress.checkin.triggers")}</legend>
        <p className="field__hint">{t("progress.checkin.triggersHint")}</p>
        <div className="checks">
          {TRIGGERS.map((trigger) => (
            <label key={trigger} className="check">
              <input type="checkbox" checked={triggers.includes(trigger)} onChange={() => toggle(trigger)} />
              <span>{t(`progress.trigger.${trigger}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextArea
        label={t("progress.checkin.ownWords")}
        value={triggersOwnWords}
        onChange={setOwnWords}
        max={1000}
        error={errors.field.triggersOwnWords}
      />
      <TextArea label={t("progress.checkin.helped")} value={helped} onChange={setHelped} error={errors.field.helped} />
      <TextArea
        label={t("progress.checkin.gratitude")}
        value={gratitude}
        onChange={setGratitude}
        error={errors.field.gratitude}
      />
      <TextArea
        label={t("progress.checkin.note")}
        hint={t("progress.checkin.noteHint")}
        value={note}
        onChange={setNote}
        error={errors.field.note}
      />
      <CrisisCheck private text={[note, triggersOwnWords, helped, gratitude].join("\n")} />
      <div className="form-actions">
        <Button type="submit" pending={save.isPending} pendingLabel={t("common.saving")}>
          {initial ? t("progress.checkin.update") : t("progress.checkin.save")}
        </Button>
      </div>
    </form>
  );
}

/** A labelled textarea with an optional hint and error. */
export function TextArea({
  label,
  hint,
  value,
  onChange,
  error,
  max = 4000,
  rows = 3,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  max?: number;
  rows?: number;
}) {
  return (
    <TextAreaField
      label={label}
      hint={hint}
      error={error}
      rows={rows}
      maxLength={max}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function ReminderCard() {
  const { t } = useTranslation();
  const settings = useProgressSettings();
  const update = useUpdateSettings();
  const [time, setTime] = useState<string | null>(null);
  const [saved, setSaved] = useState<"saved" | "off" | null>(null);
  const errors = useFormErrors(update.error, ["reminderTime", "timeZone"]);
  const value = time ?? settings.data?.reminderTime ?? "";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    // An empty time means no reminder: saying so is clearer than "saved".
    update.mutate({ reminderTime: value || null }, { onSuccess: () => setSaved(value ? "saved" : "off") });
  };

  return (
    <Card title={t("progress.reminder.title")} tone="soft">
      <form className="stack-small" onSubmit={onSubmit} noValidate>
        <p>{t("progress.reminder.intro")}</p>
        <TextField
          label={t("progress.reminder.time")}
          type="time"
          hint={t("progress.reminder.emptyHint")}
          value={value}
          onChange={(e) => setTime(e.target.value)}
          error={errors.field.reminderTime}
        />
        {settings.data?.timeZone && (
          <p className="muted">{t("progress.reminder.zone", { zone: settings.data.timeZone })}</p>
        )}
        <StatusMessage message={saved ? t(`progress.reminder.${saved}`) : undefined} />
        <FormError message={errors.form} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" pending={update.isPending} pendingLabel={t("common.saving")}>
            {t("progress.reminder.save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
