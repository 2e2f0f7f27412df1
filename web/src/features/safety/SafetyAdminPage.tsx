import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import {
  useCreateService,
  useGrant,
  useMyScopes,
  useProfessionals,
  useResponders,
  useRevoke,
  useServices,
} from "./api.ts";
import { SERVICE_COSTS, SERVICE_KINDS, SERVICE_LANGUAGES, ServiceCard } from "./ServicesPage.tsx";

const COMMUNITY = "community";

/** For organisation admins (and community moderators): responders, professional roles, services. */
export function SafetyAdminPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const scopes = useMyScopes();
  const [picked, setPicked] = useState<string | null>(null);
  if (scopes.isPending) return <Loading />;
  if (scopes.error) return <Notice tone="error">{errorText(scopes.error)}</Notice>;
  const admin = scopes.data.admin;
  if (admin.length === 0) return <Notice>{t("safety.admin.none")}</Notice>;
  const current = picked ?? admin[0]?.organisationId ?? COMMUNITY;
  const scope = current === COMMUNITY ? null : current;
  return (
    <div className="stack measure">
      <PageTitle intro={t("safety.admin.intro")}>{t("safety.admin.title")}</PageTitle>
      <SelectField label={t("safety.admin.scope")} value={current} onChange={(e) => setPicked(e.target.value)}>
        {admin.map((s) => (
          <option key={s.organisationId ?? COMMUNITY} value={s.organisationId ?? COMMUNITY}>
            {s.organisationId === null ? t("safety.admin.community") : s.name}
          </option>
        ))}
      </SelectField>
      <RoleCard key={`r-${current}`} kind="responders" scope={scope} />
      <RoleCard key={`p-${current}`} kind="professionals" scope={scope} />
      {scope && <ServicesCard key={`s-${current}`} organisationId={scope} />}
    </div>
  );
}

function RoleCard({ kind, scope }: { kind: "responders" | "professionals"; scope: string | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const responders = useResponders(scope);
  const professionals = useProfessionals(scope);
  const list = kind === "responders" ? responders : professionals;
  const grant = useGrant(kind, scope);
  const revoke = useRevoke(kind, scope);
  const [handle, setHandle] = useState("");
  const [title, setTitle] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    grant.mutate(kind === "professionals" ? { handle, title } : { handle }, {
      onSuccess: () => {
        setHandle("");
        setTitle("");
      },
    });
  };
  const items = (list.data?.items ?? []) as { memberId: string; handle: string; title?: string }[];
  return (
    <Card title={kind === "responders" ? t("safety.admin.respondersTitle") : t("safety.admin.professionalsTitle")}>
      {list.error ? <Notice tone="error">{errorText(list.error)}</Notice> : null}
      {items.length === 0 ? (
        <p className="muted">
          {kind === "responders" ? t("safety.admin.respondersEmpty") : t("safety.admin.professionalsEmpty")}
        </p>
      ) : (
        <ul className="list-plain stack-small">
          {items.map((r) => (
            <li key={r.memberId} className="cluster">
              <span>
                @{r.handle}
                {r.title ? ` · ${r.title}` : ""}
              </span>
              <Button variant="quiet" small onClick={() => revoke.mutate(r.memberId)}>
                {t("safety.admin.revoke")}
                <span className="visually-hidden"> @{r.handle}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="stack-small">
        <TextField
          label={t("safety.admin.handle")}
          value={handle}
          required
          onChange={(e) => setHandle(e.target.value)}
        />
        {kind === "professionals" && (
          <TextField
            label={t("safety.admin.title_")}
            value={title}
            required
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
        <FormError
          message={grant.error ? errorText(grant.error) : revoke.error ? errorText(revoke.error) : undefined}
        />
        <StatusMessage message={grant.isSuccess ? t("safety.admin.granted") : undefined} />
        <Button type="submit" pending={grant.isPending} pendingLabel={t("safety.admin.granting")}>
          {t("safety.admin.grant")}
        </Button>
      </form>
    </Card>
  );
}

function ServicesCard({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const services = useServices("", "", organisationId);
  const create = useCreateService();
  const empty = {
    name: "",
    kind: "counselling",
    description: "",
    cost: "free",
    phone: "",
    url: "",
    address: "",
    country: "",
  };
  const [form, setForm] = useState(empty);
  const [languages, setLanguages] = useState<string[]>(["en"]);
  const set = (field: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    create.mutate(
      {
        organisationId,
        name: form.name,
        kind: form.kind as (typeof SERVICE_KINDS)[number],
        description: form.description,
        cost: form.cost as (typeof SERVICE_COSTS)[number],
        languages: languages as (typeof SERVICE_LANGUAGES)[number][],
        phone: optional(form.phone),
        url: optional(form.url),
        address: optional(form.address),
        country: optional(form.country),
      },
      { onSuccess: () => setForm(empty) },
    );
  };
  return (
    <Card title={t("safety.admin.servicesTitle")}>
      <ul className="list-plain stack-small">
        {(services.data?.items ?? []).map((s) => (
          <li key={s.id}>
            <ServiceCard service={s} />
          </li>
        ))}
      </ul>
      <h3>{t("safety.admin.addService")}</h3>
      <form onSubmit={submit} className="stack-small">
        <TextField label={t("safety.admin.name")} value={form.name} required onChange={set("name")} />
        <SelectField label={t("safety.services.kind")} value={form.kind} onChange={set("kind")}>
          {SERVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`safety.services.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("safety.services.cost")} value={form.cost} onChange={set("cost")}>
          {SERVICE_COSTS.map((c) => (
            <option key={c} value={c}>
              {t(`safety.services.costs.${c}`)}
            </option>
          ))}
        </SelectField>
        <fieldset className="stack-small">
          <legend>{t("safety.admin.languages")}</legend>
          <div className="cluster">
            {SERVICE_LANGUAGES.map((l) => (
              <label key={l} className="cluster">
                <input
                  type="checkbox"
                  checked={languages.includes(l)}
                  onChange={(e) => setLanguages((all) => (e.target.checked ? [...all, l] : all.filter((x) => x !== l)))}
                />
                {t(`safety.services.langs.${l}`, { defaultValue: l })}
              </label>
            ))}
          </div>
        </fieldset>
        <TextAreaField
          rows={3}
          label={t("safety.admin.description")}
          value={form.description}
          maxLength={1000}
          onChange={set("description")}
        />
        <TextField label={t("safety.admin.phone")} value={form.phone} onChange={set("phone")} />
        <TextField label={t("safety.admin.url")} type="url" value={form.url} onChange={set("url")} />
        <TextField label={t("safety.admin.address")} value={form.address} onChange={set("address")} />
        <TextField label={t("safety.admin.country")} value={form.country} maxLength={2} onChange={set("country")} />
        <FormError message={create.error ? errorText(create.error) : undefined} />
        <StatusMessage message={create.isSuccess ? t("safety.admin.saved") : undefined} />
        <Button type="submit" pending={create.isPending} pendingLabel={t("safety.admin.saving")}>
          {t("safety.admin.save")}
        </Button>
      </form>
    </Card>
  );
}
