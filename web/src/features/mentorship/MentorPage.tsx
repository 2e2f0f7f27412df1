import type { MentorProfileInput, MyMentorProfile } from "@kinship/contracts/mentorship";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMyMentorProfile, usePause, useResume, useSaveProfile, useWellbeing } from "./api.ts";
import {
  CheckGroup,
  DAYS,
  deviceZone,
  FOCUS,
  FORMATS,
  GENDERS,
  LANGUAGES,
  TIME_IN_RECOVERY,
  useDayName,
  useFormErrors,
  useLanguageName,
} from "./shared.tsx";

/** Being a mentor: the training, the profile and its limits, a break, and the wellbeing check-in. */
export function MentorPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const mine = useMyMentorProfile();
  if (mine.isPending) return <Loading />;
  if (mine.error) return <Notice tone="error">{errorText(mine.error)}</Notice>;
  const p = mine.data;
  return (
    <div className="stack">
      <PageTitle intro={t("mentorship.mentor.intro")}>{t("mentorship.mentor.title")}</PageTitle>
      {!p.trained ? (
        <Card title={t("mentorship.mentor.trainingTitle")} tone="soft">
          <p>{t("mentorship.mentor.trainingFirst")}</p>
          <div className="cluster">
            <ButtonLink to="/mentorship/training">{t("mentorship.mentor.startTraining")}</ButtonLink>
          </div>
        </Card>
      ) : (
        <>
          {p.profile && <Status profile={p} />}
          {p.profile && p.wellbeing.due && (
            <Notice title={t("mentorship.wellbeing.dueTitle")}>{t("mentorship.wellbeing.due")}</Notice>
          )}
          {p.profile && <Wellbeing mine={p} />}
          <ProfileForm mine={p} />
          <p>
            <ButtonLink to="/mentorship/training" variant="quiet" small>
              {t("mentorship.mentor.reviewTraining")}
            </ButtonLink>
          </p>
        </>
      )}
    </div>
  );
}

function Status({ profile: p }: { profile: MyMentorProfile }) {
  const { t } = useTranslation();
  const pause = usePause();
  const resume = useResume();
  const errorText = useErrorText();
  const [until, setUntil] = useState("");
  const profile = p.profile;
  if (!profile) return null;
  return (
    <Card title={t("mentorship.mentor.statusTitle")}>
      <p className="m-helped">{t("mentorship.mentor.helped", { count: p.helped })}</p>
      <p>
        {t("mentorship.mentor.mentees", { count: p.activeMentees, capacity: profile.capacity })}{" "}
        {p.offered
          ? t("mentorship.mentor.offered")
          : t(`mentorship.mentor.notOffered.${p.notOfferedBecause ?? "draft"}`)}
      </p>
      {(pause.error || resume.error) && <p className="field__error">{errorText(pause.error ?? resume.error)}</p>}
      {profile.paused ? (
        <div className="stack-small">
          <p>
            {profile.pausedUntil
              ? t("mentorship.mentor.pausedUntil", { date: profile.pausedUntil })
              : t("mentorship.mentor.paused")}
          </p>
          <div className="cluster">
            <Button pending={resume.isPending} onClick={() => resume.mutate(undefined)}>
              {t("mentorship.mentor.resume")}
            </Button>
          </div>
        </div>
      ) : (
        <details className="m-details">
          <summary>{t("mentorship.mentor.pauseOpen")}</summary>
          <div className="stack-small">
            <p className="field__hint">{t("mentorship.mentor.pauseHint")}</p>
            <TextField
              type="date"
              label={t("mentorship.mentor.returnDay")}
              value={until}
              onChange={(e) => setUntil(e.target.value)}
            />
            <Button variant="secondary" pending={pause.isPending} onClick={() => pause.mutate(until || null)}>
              {t("mentorship.mentor.pause")}
            </Button>
          </div>
        </details>
      )}
    </Card>
  );
}

function Wellbeing({ mine }: { mine: MyMentorProfile }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const checkIn = useWellbeing();
  const pause = usePause();
  const [feeling, setFeeling] = useState(0);
  const [timeSpent, setTimeSpent] = useState<"under_1h" | "1_3h" | "3_6h" | "over_6h">("1_3h");
  const [needBreak, setNeedBreak] = useState(false);
  const [note, setNote] = useState("");
  const [strain, setStrain] = useState<boolean | null>(null);
  const errors = useFormErrors(checkIn.error, ["feeling", "note"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    checkIn.mutate({ feeling, timeSpent, needBreak, note }, { onSuccess: (r) => setStrain(r.strain) });
  };

  return (
    <Card title={t("mentorship.wellbeing.title")}>
      <p className="muted">
        {t("mentorship.wellbeing.intro")}{" "}
        {mine.wellbeing.lastAt && t("mentorship.wellbeing.last", { when: when(mine.wellbeing.lastAt) })}
      </p>
      {strain === true && (
        <Notice title={t("mentorship.wellbeing.strainTitle")}>
          <p>{t("mentorship.wellbeing.strain")}</p>
          {!mine.profile?.paused && (
            <Button pending={pause.isPending} onClick={() => pause.mutate(null)}>
              {t("mentorship.mentor.pause")}
            </Button>
          )}
        </Notice>
      )}
      {strain === false && <StatusMessage message={t("mentorship.wellbeing.thanks")} />}
      {strain === null && (
        <form className="stack-small" onSubmit={onSubmit} noValidate>
          <FormError message={errors.form} />
          <fieldset className="m-fieldset">
            <legend className="field__label">{t("mentorship.wellbeing.feeling")}</legend>
            {errors.field.feeling && <p className="field__error">{errors.field.feeling}</p>}
            <div className="m-scale">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className="m-check">
                  <input type="radio" name="feeling" checked={feeling === n} onChange={() => setFeeling(n)} />
                  <span>{t(`mentorship.wellbeing.feel${n as 1 | 2 | 3 | 4 | 5}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <SelectField
            label={t("mentorship.wellbeing.time")}
            value={timeSpent}
            onChange={(e) => setTimeSpent(e.target.value as typeof timeSpent)}
          >
            {(["under_1h", "1_3h", "3_6h", "over_6h"] as const).map((x) => (
              <option key={x} value={x}>
                {t(`mentorship.wellbeing.spent.${x}`)}
              </option>
            ))}
          </SelectField>
          <label className="m-check">
            <input type="checkbox" checked={needBreak} onChange={(e) => setNeedBreak(e.target.checked)} />
            <span>{t("mentorship.wellbeing.needBreak")}</span>
          </label>
          <TextAreaField
            label={t("mentorship.wellbeing.note")}
            hint={t("mentorship.wellbeing.noteHint")}
            value={note}
            rows={2}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            error={errors.field.note}
          />
          <div className="form-actions">
            <Button type="submit" pending={checkIn.isPending}>
              {t("mentorship.wellbeing.save")}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}

const FIELDS = [
  "timeInRecovery",
  "focus",
  "formats",
  "languages",
  "timeZone",
  "capacity",
  "quietHours",
  "availability",
];

function ProfileForm({ mine }: { mine: MyMentorProfile }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const dayName = useDayName();
  const save = useSaveProfile();
  const p = mine.profile;
  const [timeInRecovery, setTime] = useState<MentorProfileInput["timeInRecovery"]>(p?.timeInRecovery ?? "1_2");
  const [focus, setFocus] = useState(p?.focus ?? []);
  const [formats, setFormats] = useState(p?.formats ?? []);
  const [languages, setLanguages] = useState(p?.languages ?? []);
  const [timeZone, setTimeZone] = useState(p?.timeZone ?? deviceZone());
  const [days, setDays] = useState(p?.availability.days ?? []);
  const [from, setFrom] = useState(p?.availability.from ?? "");
  const [to, setTo] = useState(p?.availability.to ?? "");
  const [canHelpWith, setCan] = useState(p?.canHelpWith ?? "");
  const [cannotHelpWith, setCannot] = useState(p?.cannotHelpWith ?? "");
  const [about, setAbout] = useState(p?.about ?? "");
  const [capacity, setCapacity] = useState(String(p?.capacity ?? 2));
  const [gender, setGender] = useState<string>(p?.gender ?? "");
  const [quietFrom, setQuietFrom] = useState(p?.quietHours?.from ?? "");
  const [quietTo, setQuietTo] = useState(p?.quietHours?.to ?? "");
  const [published, setPublished] = useState(p?.published ?? true);
  const [saved, setSaved] = useState("");
  const errors = useFormErrors(save.error, FIELDS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved("");
    save.mutate(
      {
        timeInRecovery,
        focus,
        formats,
        languages,
        timeZone: timeZone.trim(),
        availability: { days, from: from || null, to: to || null },
        canHelpWith,
        cannotHelpWith,
        about,
        capacity: Number(capacity),
        gender: (gender || null) as MentorProfileInput["gender"],
        quietHours: quietFrom && quietTo ? { from: quietFrom, to: quietTo } : null,
        published,
      },
      { onSuccess: () => setSaved(t("mentorship.profile.saved")) },
    );
  };

  return (
    <Card title={p ? t("mentorship.profile.editTitle") : t("mentorship.profile.createTitle")}>
      <form className="stack-small" onSubmit={onSubmit} noValidate>
        <FormError message={errors.form} />
        <SelectField
          label={t("mentorship.fields.timeInRecovery")}
          value={timeInRecovery}
          onChange={(e) => setTime(e.target.value as typeof timeInRecovery)}
          error={errors.field.timeInRecovery}
        >
          {TIME_IN_RECOVERY.map((x) => (
            <option key={x} value={x}>
              {t(`mentorship.time.${x}`)}
            </option>
          ))}
        </SelectField>
        <CheckGroup
          legend={t("mentorship.fields.focus")}
          options={FOCUS}
          value={focus}
          onChange={setFocus}
          label={(f) => t(`mentorship.focus.${f}`)}
          error={errors.field.focus}
        />
        <CheckGroup
          legend={t("mentorship.fields.formats")}
          options={FORMATS}
          value={formats}
          onChange={setFormats}
          label={(f) => t(`mentorship.format.${f}`)}
          error={errors.field.formats}
        />
        <CheckGroup
          legend={t("mentorship.fields.languages")}
          options={LANGUAGES}
          value={languages}
          onChange={setLanguages}
          label={languageName}
          error={errors.field.languages}
        />
        <TextField
          label={t("mentorship.fields.timeZone")}
          hint={t("mentorship.profile.timeZoneHint")}
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          error={errors.field.timeZone}
        />
        <CheckGroup
          legend={t("mentorship.fields.available")}
          options={DAYS}
          value={days}
          onChange={setDays}
          label={dayName}
          error={errors.field.availability}
        />
        <div className="m-pair">
          <TextField
            type="time"
            label={t("mentorship.profile.from")}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <TextField
            type="time"
            label={t("mentorship.profile.to")}
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <TextAreaField
          label={t("mentorship.fields.canHelpWith")}
          value={canHelpWith}
          rows={2}
          maxLength={1000}
          onChange={(e) => setCan(e.target.value)}
        />
        <TextAreaField
          label={t("mentorship.fields.cannotHelpWith")}
          hint={t("mentorship.profile.cannotHint")}
          value={cannotHelpWith}
          rows={2}
          maxLength={1000}
          onChange={(e) => setCannot(e.target.value)}
        />
        <TextAreaField
          label={t("mentorship.fields.about")}
          value={about}
          rows={3}
          maxLength={1000}
          onChange={(e) => setAbout(e.target.value)}
        />
        <SelectField
          label={t("mentorship.fields.capacity")}
          hint={t("mentorship.profile.capacityHint")}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          error={errors.field.capacity}
        >
          {[1, 2, 3, 4, 5, 6].map((n) => (
            <option key={n} value={n}>
              {t("mentorship.profile.people", { count: n })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("mentorship.fields.gender")}
          hint={t("mentorship.profile.genderHint")}
          value={gender}
          onChange={(e) => setGender(e.target.value)}
        >
          <option value="">{t("mentorship.gender.none")}</option>
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {t(`mentorship.gender.${g}`)}
            </option>
          ))}
        </SelectField>
        <fieldset className="m-fieldset">
          <legend className="field__label">{t("mentorship.fields.quietHours")}</legend>
          <p className="field__hint">{t("mentorship.profile.quietHint")}</p>
          {errors.field.quietHours && <p className="field__error">{errors.field.quietHours}</p>}
          <div className="m-pair">
            <TextField
              type="time"
              label={t("mentorship.profile.quietFrom")}
              value={quietFrom}
              onChange={(e) => setQuietFrom(e.target.value)}
            />
            <TextField
              type="time"
              label={t("mentorship.profile.quietTo")}
              value={quietTo}
              onChange={(e) => setQuietTo(e.target.value)}
            />
          </div>
        </fieldset>
        <label className="m-check">
          <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} />
          <span>{t("mentorship.profile.published")}</span>
        </label>
        <StatusMessage message={saved || undefined} />
        <div className="form-actions">
          <Button type="submit" pending={save.isPending}>
            {p ? t("mentorship.profile.save") : t("mentorship.profile.publish")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
