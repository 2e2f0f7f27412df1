import { OrganisationCreate } from "@kinship/contracts/directory";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextAreaField, TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useCreateOrganisation, useMe } from "./api.ts";
import { type Problems, RadioGroup, serverFieldOf, useIssueText, useServerProblem } from "./fields.tsx";
import { LoginPrompt } from "./shared.tsx";

/** Start an organisation: a peer-run group of groups, or a clinic. The founder becomes its admin. */
export function NewOrganisationPage() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  const here = useLocation().pathname;
  return (
    <div className="stack measure">
      <PageTitle intro={t("directory.newOrganisation.intro")}>{t("directory.newOrganisation.title")}</PageTitle>
      {isPending && <Loading />}
      {!isPending && !me && (
        <Card>
          <LoginPrompt from={here}>{t("directory.newOrganisation.loginFirst")}</LoginPrompt>
        </Card>
      )}
      {me && <NewOrganisationForm />}
    </div>
  );
}

function NewOrganisationForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateOrganisation();
  const issueText = useIssueText();
  const serverProblem = useServerProblem();
  const errorText = useErrorText();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState({
    name: "",
    kind: "peer_run" as "peer_run" | "clinic",
    description: "",
    website: "",
  });
  const [problems, setProblems] = useState<Problems>({});
  const shown = { ...serverProblem(create.error), ...problems };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { ...values, website: values.website.trim() || null };
    const result = OrganisationCreate.safeParse(body);
    if (!result.success) {
      const next: Problems = {};
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? "form");
        next[field] ??= issueText(issue, (body as Record<string, unknown>)[field]);
      }
      setProblems(next);
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setProblems({});
    create.mutate(result.data, { onSuccess: (organisation) => navigate(`/organisations/${organisation.id}`) });
  };

  const formMessage =
    Object.keys(shown).length > 0
      ? t("directory.form.checkFields")
      : create.isError && !serverFieldOf(create.error)
        ? errorText(create.error)
        : undefined;

  return (
    <Card>
      <form ref={form} className="stack-small" onSubmit={submit} noValidate>
        <FormError title={t("common.formErrorTitle")} message={formMessage} />
        <TextField
          label={t("directory.newOrganisation.name")}
          value={values.name}
          maxLength={120}
          error={shown.name}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
        />
        <RadioGroup
          legend={t("directory.newOrganisation.kind")}
          name="kind"
          value={values.kind}
          options={[
            { value: "peer_run", label: t("directory.organisation.kind_peer_run") },
            { value: "clinic", label: t("directory.organisation.kind_clinic") },
          ]}
          onChange={(kind) => setValues({ ...values, kind })}
        />
        <TextAreaField
          label={t("directory.newOrganisation.description")}
          hint={t("directory.newOrganisation.descriptionHint")}
          value={values.description}
          maxLength={4000}
          rows={4}
          error={shown.description}
          onChange={(e) => setValues({ ...values, description: e.target.value })}
        />
        <TextField
          label={t("directory.newOrganisation.website")}
          hint={t("directory.form.optional")}
          type="url"
          inputMode="url"
          placeholder="https://"
          value={values.website}
          error={shown.website}
          onChange={(e) => setValues({ ...values, website: e.target.value })}
        />
        <Button type="submit" pending={create.isPending} pendingLabel={t("common.saving")}>
          {t("directory.newOrganisation.submit")}
        </Button>
      </form>
    </Card>
  );
}
