import { useId } from "react";
import { useTranslation } from "react-i18next";
import { fieldOf, useErrorText } from "../../app/errors.ts";

export const FOCUS = ["alcohol", "narcotics", "gambling", "mental_health", "family_friends", "other"] as const;
export const FORMATS = ["twelve_step", "smart", "recovery_dharma", "secular", "recovery_coach", "other"] as const;
export const TIME_IN_RECOVERY = ["under_1", "1_2", "2_5", "5_10", "10_plus"] as const;
export const GENDERS = ["woman", "man", "non_binary"] as const;
export const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;
export const LANGUAGES = ["en", "es", "fr", "de", "pt", "it", "pl", "ar", "zh"] as const;

/** The device's own time zone, for a first guess. */
export const deviceZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** A language's name in the reader's language ("es" → "Spanish" / "español"). */
export function useLanguageName() {
  const { i18n } = useTranslation();
  return (code: string) => {
    try {
      return new Intl.DisplayNames([i18n.language], { type: "language" }).of(code) ?? code;
    } catch {
      return code;
    }
  };
}

/** A weekday's name in the reader's language (0 = Sunday). */
export function useDayName() {
  const { i18n } = useTranslation();
  return (day: number) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2026, 1, 1 + day)),
    );
}

/** A group of checkboxes with a legend: the most accessible multi-choice there is. */
export function CheckGroup<T extends string | number>({
  legend,
  hint,
  options,
  value,
  onChange,
  label,
  error,
}: {
  legend: string;
  hint?: string;
  options: readonly T[];
  value: T[];
  onChange: (next: T[]) => void;
  label: (option: T) => string;
  error?: string;
}) {
  const errorId = useId();
  const toggle = (option: T) =>
    onChange(value.includes(option) ? value.filter((x) => x !== option) : [...value, option]);
  return (
    <fieldset className="m-fieldset" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      <div className="m-checks">
        {options.map((option) => (
          <label key={String(option)} className="m-check">
            <input type="checkbox" checked={value.includes(option)} onChange={() => toggle(option)} />
            <span>{label(option)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** An API error as a message for one field of a form (the first part of its path), or for the form. */
export function useFormErrors(error: unknown, fields: readonly string[]) {
  const errorText = useErrorText();
  if (!error) return { form: undefined, field: {} as Record<string, string | undefined> };
  const text = errorText(error);
  const name = fieldOf(error);
  if (name && fields.includes(name)) return { form: undefined, field: { [name]: text } };
  return { form: text, field: {} as Record<string, string | undefined> };
}
