import type { Alert } from "@kinship/contracts/safety";
import { type TextareaHTMLAttributes, useId } from "react";
import { useTranslation } from "react-i18next";

/** A labelled textarea (the forms here take a few sentences). */
export function TextArea({ label, ...props }: { label: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea id={id} className="input safety-textarea" rows={3} {...props} />
    </div>
  );
}

/** Severity in words and a shape, never colour alone. */
export function SeverityBadge({ severity }: { severity: Alert["severity"] }) {
  const { t } = useTranslation();
  return <span className={`severity severity--${severity}`}>{t(`safety.severity.${severity}`)}</span>;
}
