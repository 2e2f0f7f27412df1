import { type TextareaHTMLAttributes, useId } from "react";
import { useTranslation } from "react-i18next";

/** A labelled multi-line text field with an optional hint and error. */
export function AreaField({
  label,
  hint,
  error,
  ...area
}: { label: string; hint?: string; error?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <textarea
        {...area}
        id={id}
        className="input moderation-textarea"
        rows={area.rows ?? 3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export { type ReasonCode, ReasonSelect } from "../../ui/ReasonSelect.tsx";

/** The points of the community code of conduct, in the reader's language. */
export function ConductPoints() {
  const { t } = useTranslation();
  const points = t("moderation.conduct.points", { returnObjects: true }) as string[];
  return (
    <ol className="conduct-points">
      {points.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ol>
  );
}

/** A date and time in the reader's language. */
export function useStamp() {
  const { i18n } = useTranslation();
  return (at: string) => new Date(at).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });
}
