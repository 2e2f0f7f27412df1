import type { Alert } from "@kinship/contracts/safety";
import { useTranslation } from "react-i18next";

/** A labelled textarea (the forms here take a few sentences). */

/** Severity in words and a shape, never colour alone. */
export function SeverityBadge({ severity }: { severity: Alert["severity"] }) {
  const { t } = useTranslation();
  return <span className={`severity severity--${severity}`}>{t(`safety.severity.${severity}`)}</span>;
}
