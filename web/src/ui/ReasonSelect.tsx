import { REPORT_REASONS } from "@kinship/contracts/forums";
import { useTranslation } from "react-i18next";
import { SelectField } from "./Field.tsx";

export type ReasonCode = (typeof REPORT_REASONS)[number];

/** The reasons a report can give, in the reader's language. */
export function ReasonSelect({ value, onChange }: { value: ReasonCode; onChange: (r: ReasonCode) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("forums.report.reason")}
      value={value}
      onChange={(e) => onChange(e.target.value as ReasonCode)}
    >
      {REPORT_REASONS.map((r) => (
        <option key={r} value={r}>
          {t(`forums.report.reasons.${r}`)}
        </option>
      ))}
    </SelectField>
  );
}
