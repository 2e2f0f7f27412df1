import { type Meeting, MeetingInput, type MeetingMode } from "@kinship/contracts/directory";
import { type FormEvent, type ReactNode, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { FormError } from "../../ui/Notice.tsx";
import {
  CheckboxField,
  LanguagePicker,
  type Problems,
  RadioGroup,
  serverFieldOf,
  useIssueText,
  useServerProblem,
} from "./fields.tsx";
import { allTimeZones, weekdayNames } from "./time.ts";
import { COMMON_LANGUAGES, MODES, useTypeNames } from "./vocabulary.ts";

/** The form's values as typed (text for numbers, "" for nothing). */
export type Draft = {
  name: string;
  notes: string;
  audience: "public" | "members";
  mode: MeetingMode;
  repeat: "weekly" | "once";
  days: number[];
  onDate: string;
  startTime: string;
  endTime: string;
  timeZone: string;
  locationName: string;
  formattedAddress: string;
  region: string;
  latitude: string;
  longitude: string;
  locationNotes: string;
  conferenceUrl: string;
  conferencePhone: string;
  conferenceNotes: string;
  linkAudience: "public" | "signed_in" | "admitted";
  types: string[];
  languages: string[];
  temporarilyClosed: boolean;
};

/** A draft from a meeting (to edit it or suggest a change), or an empty one in the viewer's zone. */
export function draftOf(meeting: Meeting | null, zone: string): Draft {
  return {
    name: meeting?.name ?? "",
    notes: meeting?.notes ?? "",
    audience: meeting?.audience ?? "public",
    mode: meeting?.mode ?? "in_person",
    repeat: meeting?.onDate ? "once" : "weekly",
    days: meeting?.days ?? [],
    onDate: meeting?.onDate ?? "",
    startTime: meeting?.startTime ?? "",
    endTime: meeting?.endTime ?? "",
    timeZone: meeting?.timeZone ?? zone,
    locationName: meeting?.locationName ?? "",
    formattedAddress: meeting?.formattedAddress ?? "",
    region: meeting?.region ?? "",
    latitude: meeting?.latitude?.toString() ?? "",
    longitude: meeting?.longitude?.toString() ?? "",
    locationNotes: meeting?.locationNotes ?? "",
    conferenceUrl: meeting?.access.conferenceUrl ?? "",
    conferencePhone: meeting?.access.conferencePhone ?? "",
    conferenceNotes: meeting?.access.conferenceNotes ?? "",
    linkAudience: meeting?.linkAudience ?? "signed_in",
    types: meeting?.types ?? [],
    languages: meeting?.languages ?? [],
    temporarilyClosed: meeting?.temporarilyClosed ?? false,
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());
const numberOrNull = (s: string) => (s.trim() === "" ? null : Number(s.replace(",", ".")));

/** The API's meeting fields (contracts MeetingInput) for a draft. Fields that don't apply are cleared. */
export function inputOf(d: Draft) {
  const inPerson = d.mode !== "online";
  const online = d.mode !== "in_person";
  return {
    name: d.name.trim(),
    notes: d.notes.trim(),
    audience: d.audience,
    mode: d.mode,
    days: d.repeat === "weekly" ? [...d.days].sort((a, b) => a - b) : [],
    onDate: d.repeat === "once" ? orNull(d.onDate) : null,
    startTime: d.startTime,
    endTime: orNull(d.endTime),
    timeZone: d.timeZone,
    locationName: inPerson ? orNull(d.locationName) : null,
    formattedAddress: inPerson ? orNull(d.formattedAddress) : null,
    region: inPerson ? orNull(d.region) : null,
    latitude: inPerson ? numberOrNull(d.latitude) : null,
    longitude: inPerson ? numberOrNull(d.longitude) : null,
    locationNotes: inPerson ? d.locationNotes.trim() : "",
    conferenceUrl: online ? orNull(d.conferenceUrl) : null,
    conferencePhone: online ? orNull(d.conferencePhone) : null,
    conferenceNotes: online ? d.conferenceNotes.trim() : "",
    linkAudience: d.linkAudience,
    types: d.types,
    languages: d.languages,
    temporarilyClosed: d.temporarilyClosed,
  };
}
export type MeetingValues = ReturnType<typeof inputOf>;

interface MeetingFormProps {
  initial: Draft;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  serverError: unknown;
  onSubmit: (values: MeetingValues) => void;
  onCancel?: () => void;
  /** Extra fields after the meeting's own (the note of a suggested edit). */
  children?: ReactNode;
  /** Problems to fix before sending; by default the rules of a whole meeting (contracts MeetingInput). */
  validate?: (values: MeetingValues) => ReadonlyArray<{ code: string; path: PropertyKey[]; message: string }>;
}

/** Every field of a meeting, grouped as people think of them: what, when, where, online, details. */
export function MeetingForm({
  initial,
  submitLabel,
  pendingLabel,
  pending,
  serverError,
  onSubmit,
  onCancel,
  children,
  validate = (values) => MeetingInput.safeParse(values).error?.issues ?? [],
}: MeetingFormProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<Problems>({});
  const form = useRef<HTMLFormElement>(null);
  const issueText = useIssueText();
  const serverProblem = useServerProblem();
  const errorText = useErrorText();
  const zones = useMemo(allTimeZones, []);
  const days = weekdayNames(i18n.language);
  const { names, sorted } = useTypeNames();
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));
  const shown: Problems = { ...serverProblem(serverError), ...problems };
  const inPerson = draft.mode !== "online";
  const online = draft.mode !== "in_person";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = inputOf(draft);
    const issues = validate(values);
    if (issues.length > 0) {
      const next: Problems = {};
      for (const issue of issues) {
        const field = String(issue.path[0] ?? "form");
        next[field] ??= issueText(issue, (values as Record<string, unknown>)[field]);
      }
      setProblems(next);
      // Put the cursor where the first problem is; its message is read with it.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setProblems({});
    onSubmit(values);
  };

  const fieldProblemCount = Object.keys(shown).length;
  const formMessage = shown.form
    ? shown.form
    : fieldProblemCount > 0
      ? t("directory.form.checkFields")
      : serverError && !serverFieldOf(serverError)
        ? errorText(serverError)
        : undefined;

  return (
    <form ref={form} className="meeting-form stack" onSubmit={submit} noValidate>
      <FormError title={t("common.formErrorTitle")} message={formMessage} />
      <fieldset className="fieldset stack-small">
        <legend>{t("directory.form.what")}</legend>
        <TextField
          label={t("directory.form.name")}
          value={draft.name}
          maxLength={160}
          error={shown.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <RadioGroup
          legend={t("directory.form.mode")}
          name="mode"
          value={draft.mode}
          options={MODES.map((mode) => ({ value: mode, label: t(`directory.mode.${mode}`) }))}
          onChange={(mode) => set({ mode })}
        />
        <RadioGroup
          legend={t("directory.form.audience")}
          name="audience"
          value={draft.audience}
          options={[
            { value: "public", label: t("directory.form.audiencePublic") },
            { value: "members", label: t("directory.form.audienceMembers") },
          ]}
          onChange={(audience) => set({ audience })}
        />
      </fieldset>

      <fieldset className="fieldset stack-small">
        <legend>{t("directory.form.when")}</legend>
        <RadioGroup
          legend={t("directory.form.repeat")}
          name="repeat"
          value={draft.repeat}
          options={[
            { value: "weekly", label: t("directory.form.weekly") },
            { value: "once", label: t("directory.form.once") },
          ]}
          onChange={(repeat) => set({ repeat })}
        />
        {draft.repeat === "weekly" ? (
          <fieldset className="fieldset" aria-describedby={shown.days ? "meeting-days-error" : undefined}>
            <legend>{t("directory.form.days")}</legend>
            {shown.days && (
              <p className="field__error" id="meeting-days-error">
                {shown.days}
              </p>
            )}
            <div className="choices choices--columns">
              {days.map((name, day) => (
                <label key={name} className="choice">
                  <input
                    type="checkbox"
                    checked={draft.days.includes(day)}
                    aria-invalid={shown.days ? true : undefined}
                    onChange={(e) =>
                      set({ days: e.target.checked ? [...draft.days, day] : draft.days.filter((d) => d !== day) })
                    }
                  />
                  <span>{name}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <TextField
            label={t("directory.form.date")}
            type="date"
            value={draft.onDate}
            error={shown.onDate ?? shown.days}
            onChange={(e) => set({ onDate: e.target.value })}
          />
        )}
        <div className="grid grid--two">
          <TextField
            label={t("directory.form.start")}
            type="time"
            value={draft.startTime}
            error={shown.startTime}
            onChange={(e) => set({ startTime: e.target.value.slice(0, 5) })}
          />
          <TextField
            label={t("directory.form.end")}
            hint={t("directory.form.optional")}
            type="time"
            value={draft.endTime}
            error={shown.endTime}
            onChange={(e) => set({ endTime: e.target.value.slice(0, 5) })}
          />
        </div>
        <SelectField
          label={t("directory.form.timeZone")}
          hint={t("directory.form.timeZoneHint")}
          value={draft.timeZone}
          error={shown.timeZone}
          onChange={(e) => set({ timeZone: e.target.value })}
        >
          {[...new Set([draft.timeZone, ...zones])].map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, " ")}
            </option>
          ))}
        </SelectField>
      </fieldset>

      {inPerson && (
        <fieldset className="fieldset stack-small">
          <legend>{t("directory.form.where")}</legend>
          <TextField
            label={t("directory.form.locationName")}
            hint={t("directory.form.locationNameHint")}
            value={draft.locationName}
            maxLength={160}
            error={shown.locationName}
            onChange={(e) => set({ locationName: e.target.value })}
          />
          <TextField
            label={t("directory.form.address")}
            value={draft.formattedAddress}
            maxLength={300}
            autoComplete="off"
            error={shown.formattedAddress}
            onChange={(e) => set({ formattedAddress: e.target.value })}
          />
          <TextField
            label={t("directory.form.region")}
            hint={t("directory.form.regionHint")}
            value={draft.region}
            maxLength={120}
            error={shown.region}
            onChange={(e) => set({ region: e.target.value })}
          />
          <div className="grid grid--two">
            <TextField
              label={t("directory.form.latitude")}
              hint={t("directory.form.coordinatesHint")}
              inputMode="decimal"
              value={draft.latitude}
              error={shown.latitude}
              onChange={(e) => set({ latitude: e.target.value })}
            />
            <TextField
              label={t("directory.form.longitude")}
              hint={t("directory.form.coordinatesHint")}
              inputMode="decimal"
              value={draft.longitude}
              error={shown.longitude}
              onChange={(e) => set({ longitude: e.target.value })}
            />
          </div>
          <TextAreaField
            label={t("directory.form.locationNotes")}
            hint={t("directory.form.locationNotesHint")}
            value={draft.locationNotes}
            maxLength={1000}
            rows={3}
            error={shown.locationNotes}
            onChange={(e) => set({ locationNotes: e.target.value })}
          />
        </fieldset>
      )}

      {online && (
        <fieldset className="fieldset stack-small">
          <legend>{t("directory.form.online")}</legend>
          <TextField
            label={t("directory.form.conferenceUrl")}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={draft.conferenceUrl}
            maxLength={500}
            error={shown.conferenceUrl}
            onChange={(e) => set({ conferenceUrl: e.target.value })}
          />
          <TextField
            label={t("directory.form.conferencePhone")}
            type="tel"
            value={draft.conferencePhone}
            maxLength={60}
            error={shown.conferencePhone}
            onChange={(e) => set({ conferencePhone: e.target.value })}
          />
          <TextAreaField
            label={t("directory.form.conferenceNotes")}
            hint={t("directory.form.conferenceNotesHint")}
            value={draft.conferenceNotes}
            maxLength={1000}
            rows={2}
            error={shown.conferenceNotes}
            onChange={(e) => set({ conferenceNotes: e.target.value })}
          />
          <RadioGroup
            legend={t("directory.form.linkAudience")}
            hint={t("directory.form.linkAudienceHint")}
            name="linkAudience"
            value={draft.linkAudience}
            options={[
              { value: "public", label: t("directory.form.linkPublic") },
              { value: "signed_in", label: t("directory.form.linkSignedIn") },
              { value: "admitted", label: t("directory.form.linkAdmitted") },
            ]}
            onChange={(linkAudience) => set({ linkAudience })}
          />
        </fieldset>
      )}

      <fieldset className="fieldset stack-small">
        <legend>{t("directory.form.details")}</legend>
        <details className="type-picker" open={draft.types.length > 0 || undefined}>
          <summary>
            {t("directory.form.types")}
            {draft.types.length > 0 && <span className="badge badge--accent">{draft.types.join(" ")}</span>}
          </summary>
          <fieldset className="fieldset type-picker__list">
            <legend className="visually-hidden">{t("directory.form.types")}</legend>
            {shown.types && <p className="field__error">{shown.types}</p>}
            {sorted.map((code) => (
              <label key={code} className="choice">
                <input
                  type="checkbox"
                  checked={draft.types.includes(code)}
                  onChange={(e) =>
                    set({ types: e.target.checked ? [...draft.types, code] : draft.types.filter((c) => c !== code) })
                  }
                />
                <span>
                  {names[code]} <span className="muted">({code})</span>
                </span>
              </label>
            ))}
          </fieldset>
        </details>
        <LanguagePicker
          legend={t("directory.form.languages")}
          value={draft.languages}
          offered={COMMON_LANGUAGES}
          error={shown.languages}
          onChange={(languages) => set({ languages })}
        />
        <TextAreaField
          label={t("directory.form.notes")}
          hint={t("directory.form.notesHint")}
          value={draft.notes}
          maxLength={4000}
          rows={4}
          error={shown.notes}
          onChange={(e) => set({ notes: e.target.value })}
        />
        <CheckboxField
          label={t("directory.form.temporarilyClosed")}
          hint={t("directory.form.temporarilyClosedHint")}
          checked={draft.temporarilyClosed}
          onChange={(temporarilyClosed) => set({ temporarilyClosed })}
        />
      </fieldset>

      {children}

      <div className="form-actions">
        <Button type="submit" pending={pending} pendingLabel={pendingLabel}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="quiet" onClick={onCancel}>
            {t("directory.form.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}
