import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api-client.ts";
import { useLanguageName } from "./vocabulary.ts";

/** A checkbox with its words beside it, and an optional hint below. */
export function CheckboxField({
  label,
  hint,
  checked,
  onChange,
  error,
}: {
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <label className="choice">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={
            [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined
          }
          aria-invalid={error ? true : undefined}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p className="field__hint choice-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** Radio buttons in a fieldset: the whole set of choices is visible at once. */
export function RadioGroup<T extends string>({
  legend,
  hint,
  name,
  value,
  options,
  onChange,
  error,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  name: string;
  value: T;
  options: Array<{ value: T; label: ReactNode }>;
  onChange: (value: T) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset className="fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="choices">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Languages as checkboxes (the common ones, plus any already chosen). */
export function LanguagePicker({
  legend,
  value,
  onChange,
  error,
  offered,
}: {
  legend: ReactNode;
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
  offered: string[];
}) {
  const languageName = useLanguageName();
  const id = useId();
  const codes = [...new Set([...offered, ...value])];
  return (
    <fieldset className="fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="choices choices--columns">
        {codes.map((code) => (
          <label key={code} className="choice">
            <input
              type="checkbox"
              checked={value.includes(code)}
              onChange={(event) => onChange(event.target.checked ? [...value, code] : value.filter((c) => c !== code))}
            />
            <span lang={code}>{languageName(code)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Problems per field, from our own check before sending or from the server's answer. */
export type Problems = Partial<Record<string, string>>;

/** The field a server error names ("conferenceUrl", "changes.startTime" → "startTime"). */
export function serverFieldOf(error: unknown): string | undefined {
  if (!isApiError(error) || !error.field) return undefined;
  const parts = error.field.split(".").filter((part) => part !== "changes" && !/^\d+$/.test(part));
  return parts[0];
}

const KNOWN_MESSAGES: Record<string, string> = {
  "Choose the weekdays, or a date.": "directory.form.daysNeeded",
  "A weekly meeting has no single date.": "directory.form.dateOrDays",
  "A day is listed twice.": "directory.form.daysNeeded",
  "Give both latitude and longitude, or neither.": "directory.form.bothCoordinates",
  "An in-person meeting needs an address.": "directory.form.addressNeeded",
  "An online meeting needs a link or a phone number.": "directory.form.linkNeeded",
  "Use a 24-hour time such as 19:30.": "directory.form.time",
  "Use a web address starting with https://.": "directory.form.url",
  "Latitude is between -90 and 90.": "directory.form.latitude_range",
  "Longitude is between -180 and 180.": "directory.form.longitude_range",
  "Choose a time zone such as Europe/London.": "directory.form.timeZone_invalid",
  "This can't be empty.": "directory.form.required",
  "Please read and accept the group's confidentiality agreement.": "directory.join.mustAccept",
};

/**
 * Messages of the contracts' schemas (ours before sending, or the server's) in the reader's
 * language where we have the words; the schema's own English message otherwise, since a specific
 * message beats a vague translated one.
 */
export function useIssueText() {
  const { t } = useTranslation();
  return (issue: { code: string; message: string }, value?: unknown) => {
    const key = KNOWN_MESSAGES[issue.message];
    if (key) return t(key as "directory.form.required");
    if ((value === "" || value === undefined || value === null) && issue.code === "too_small")
      return t("directory.form.required");
    if (issue.code === "too_big") return t("directory.form.tooLong");
    return issue.message;
  };
}

/** A server error's words for the field it names, in the reader's language when we know them. */
export function useServerProblem() {
  const issueText = useIssueText();
  return (error: unknown): Problems => {
    const field = serverFieldOf(error);
    if (!field || !isApiError(error)) return {};
    return { [field]: issueText({ code: error.code, message: error.message }) };
  };
}
