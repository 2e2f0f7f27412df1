import type { ProfileFieldName } from "@kinship/contracts/accounts";
import { Visibility } from "@kinship/contracts/common";
import { useTranslation } from "react-i18next";
import { APP_LANGUAGES } from "../../app/i18n.ts";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextField } from "../../ui/Field.tsx";

export const PROFILE_FIELDS = [
  "displayName",
  "pronouns",
  "recoveryFocus",
  "timeZone",
  "language",
] as const satisfies readonly ProfileFieldName[];

export type ProfileDraft = Record<ProfileFieldName, { value: string; visibility: Visibility }>;

const MAX_LENGTH: Partial<Record<ProfileFieldName, number>> = { displayName: 60, pronouns: 40, recoveryFocus: 120 };

const deviceTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Every IANA zone the browser knows, plus the saved one in case this browser lacks it. */
function timeZones(saved: string | null): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [deviceTimeZone(), "UTC"];
  }
  const extra = [saved, deviceTimeZone()].filter((zone): zone is string => !!zone && !zones.includes(zone));
  return [...extra, ...zones];
}

interface RowProps {
  name: ProfileFieldName;
  field: { value: string; visibility: Visibility };
  savedValue: string | null;
  error?: string;
  onChange: (name: ProfileFieldName, part: "value" | "visibility", value: string) => void;
}

/** One profile detail: its value and, beside it, who may see it. */
export function ProfileFieldRow({ name, field, savedValue, error, onChange }: RowProps) {
  const { t } = useTranslation();
  const id = `profile-${name}`;
  const common = {
    id,
    name,
    label: t(`profile.${name}`),
    hint: t(`profile.${name}Hint`),
    error,
    value: field.value,
  };
  return (
    <div className="profile-row">
      {name === "timeZone" ? (
        <SelectField {...common} onChange={(event) => onChange(name, "value", event.target.value)}>
          <option value="">{t("common.notSet")}</option>
          {timeZones(savedValue).map((zone) => (
            <option key={zone} value={zone}>
              {zone === deviceTimeZone() ? t("profile.timeZoneDevice", { zone }) : zone}
            </option>
          ))}
        </SelectField>
      ) : name === "language" ? (
        <SelectField {...common} onChange={(event) => onChange(name, "value", event.target.value)}>
          <option value="">{t("common.notSet")}</option>
          {APP_LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`languages.${language}`)}
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField
          {...common}
          maxLength={MAX_LENGTH[name]}
          autoComplete={name === "displayName" ? "nickname" : "off"}
          onChange={(event) => onChange(name, "value", event.target.value)}
        />
      )}
      <SelectField
        id={`${id}-visibility`}
        name={`${name}-visibility`}
        label={t("visibility.label")}
        describedByExtra={`${id}-label`}
        value={field.visibility}
        onChange={(event) => onChange(name, "visibility", event.target.value)}
      >
        {Visibility.options.map((visibility) => (
          <option key={visibility} value={visibility}>
            {t(`visibility.${visibility}`)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** The four visibilities in plain words. */
export function VisibilityHelp() {
  const { t } = useTranslation();
  return (
    <Card title={t("visibility.explainTitle")} tone="soft">
      <dl className="details-list">
        <dt>{t("visibility.private")}</dt>
        <dd>{t("visibility.explainPrivate")}</dd>
        <dt>{t("visibility.mentor")}</dt>
        <dd>{t("visibility.explainMentor")}</dd>
        <dt>{t("visibility.group")}</dt>
        <dd>{t("visibility.explainGroup")}</dd>
        <dt>{t("visibility.public")}</dt>
        <dd>{t("visibility.explainPublic")}</dd>
      </dl>
    </Card>
  );
}
