import { type Group, GroupCreate, type GroupFocus, type GroupFormat } from "@kinship/contracts/directory";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { FormError } from "../../ui/Notice.tsx";
import { LanguagePicker, type Problems, RadioGroup, serverFieldOf, useIssueText, useServerProblem } from "./fields.tsx";
import { COMMON_LANGUAGES, FOCUSES, FORMATS } from "./vocabulary.ts";

export type GroupValues = {
  name: string;
  description: string;
  focus: GroupFocus;
  format: GroupFormat;
  languages: string[];
  membership: "open" | "closed";
  guidelines: string;
  confidentialityAgreement: string;
};

interface GroupFormProps {
  group?: Group;
  submitLabel: string;
  pending: boolean;
  serverError: unknown;
  onSubmit: (values: GroupValues) => void;
  onCancel?: () => void;
}

/** A group's description, focus, format, languages, membership, guidelines and agreement. */
export function GroupForm({ group, submitLabel, pending, serverError, onSubmit, onCancel }: GroupFormProps) {
  const { t, i18n } = useTranslation();
  const issueText = useIssueText();
  const serverProblem = useServerProblem();
  const errorText = useErrorText();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<GroupValues>({
    name: group?.name ?? "",
    description: group?.description ?? "",
    focus: group?.focus ?? "alcohol",
    format: group?.format ?? "open_discussion",
    languages: group?.languages ?? [i18n.language === "es" ? "es" : "en"],
    membership: group?.membership ?? "open",
    guidelines: group?.guidelines ?? "",
    confidentialityAgreement: group?.confidentialityAgreement ?? t("directory.groupForm.agreementDefault"),
  });
  const [problems, setProblems] = useState<Problems>({});
  const set = (changes: Partial<GroupValues>) => setValues((v) => ({ ...v, ...changes }));
  const shown = { ...serverProblem(serverError), ...problems };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The organisation is checked by the server; any valid id lets the shared schema check the rest.
    const result = GroupCreate.safeParse({ ...values, organisationId: "00000000-0000-4000-8000-000000000000" });
    if (!result.success) {
      const next: Problems = {};
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? "form");
        next[field] ??= issueText(issue, (values as Record<string, unknown>)[field]);
      }
      setProblems(next);
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setProblems({});
    onSubmit({ ...values, name: values.name.trim() });
  };

  const formMessage =
    Object.keys(shown).length > 0
      ? t("directory.form.checkFields")
      : serverError && !serverFieldOf(serverError)
        ? errorText(serverError)
        : undefined;

  return (
    <form ref={form} className="stack-small" onSubmit={submit} noValidate>
      <FormError title={t("common.formErrorTitle")} message={formMessage} />
      <TextField
        label={t("directory.groupForm.name")}
        value={values.name}
        maxLength={120}
        error={shown.name}
        onChange={(e) => set({ name: e.target.value })}
      />
      <TextAreaField
        label={t("directory.groupForm.description")}
        hint={t("directory.groupForm.descriptionHint")}
        value={values.description}
        maxLength={4000}
        rows={4}
        error={shown.description}
        onChange={(e) => set({ description: e.target.value })}
      />
      <div className="grid grid--two">
        <SelectField
          label={t("directory.groupForm.focus")}
          value={values.focus}
          error={shown.focus}
          onChange={(e) => set({ focus: e.target.value as GroupFocus })}
        >
          {FOCUSES.map((focus) => (
            <option key={focus} value={focus}>
              {t(`directory.focus.${focus}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("directory.groupForm.format")}
          value={values.format}
          error={shown.format}
          onChange={(e) => set({ format: e.target.value as GroupFormat })}
        >
          {FORMATS.map((format) => (
            <option key={format} value={format}>
              {t(`directory.format.${format}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <LanguagePicker
        legend={t("directory.groupForm.languages")}
        value={values.languages}
        offered={COMMON_LANGUAGES}
        error={shown.languages}
        onChange={(languages) => set({ languages })}
      />
      <RadioGroup
        legend={t("directory.groupForm.membership")}
        name="membership"
        value={values.membership}
        options={[
          { value: "open", label: t("directory.groupForm.open") },
          { value: "closed", label: t("directory.groupForm.closed") },
        ]}
        onChange={(membership) => set({ membership })}
      />
      <TextAreaField
        label={t("directory.groupForm.guidelines")}
        hint={t("directory.groupForm.guidelinesHint")}
        value={values.guidelines}
        maxLength={8000}
        rows={5}
        error={shown.guidelines}
        onChange={(e) => set({ guidelines: e.target.value })}
      />
      <TextAreaField
        label={t("directory.groupForm.agreement")}
        hint={t("directory.groupForm.agreementHint")}
        value={values.confidentialityAgreement}
        maxLength={4000}
        rows={4}
        error={shown.confidentialityAgreement}
        onChange={(e) => set({ confidentialityAgreement: e.target.value })}
      />
      <div className="form-actions">
        <Button type="submit" pending={pending} pendingLabel={t("common.saving")}>
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
