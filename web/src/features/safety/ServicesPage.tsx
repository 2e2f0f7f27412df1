import type { Service } from "@kinship/contracts/safety";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useDeleteService, useServices } from "./api.ts";

export const SERVICE_KINDS = ["treatment", "counselling", "harm_reduction", "detox", "support_line", "other"] as const;
export const SERVICE_COSTS = ["free", "sliding_scale", "insurance", "paid"] as const;
export const SERVICE_LANGUAGES = ["en", "es", "fr", "pt", "de", "other"] as const;

/** One service: what it offers, languages, cost, how to reach it, who recommends it. */
export function ServiceCard({ service }: { service: Service }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const remove = useDeleteService();
  return (
    <article className="card stack-small" data-testid="service">
      <h3>{service.name}</h3>
      <p className="cluster">
        <span className="badge">{t(`safety.services.kinds.${service.kind}`)}</span>
        <span className="badge">{t(`safety.services.costs.${service.cost}`)}</span>
      </p>
      {service.description && <p>{service.description}</p>}
      <p className="muted">
        {t("safety.services.languages")}:{" "}
        {service.languages.map((l) => t(`safety.services.langs.${l}`, { defaultValue: l })).join(", ")}
        {service.address ? ` · ${service.address}` : ""}
        {service.country ? ` · ${service.country}` : ""}
      </p>
      <div className="cluster">
        {service.phone && (
          <a className="button button--secondary" href={`tel:${service.phone.replace(/[^\d+]/g, "")}`}>
            {t("safety.services.call", { number: service.phone })}
          </a>
        )}
        {service.url && (
          <a className="button button--secondary" href={service.url} rel="noreferrer">
            {t("safety.services.website")}
          </a>
        )}
        {service.canManage && (
          <Button
            variant="quiet"
            small
            pending={remove.isPending}
            pendingLabel={t("safety.services.removing")}
            onClick={() => remove.mutate(service.id)}
          >
            {t("safety.services.remove")}
            <span className="visually-hidden">: {service.name}</span>
          </Button>
        )}
      </div>
      {remove.error ? <Notice tone="error">{errorText(remove.error)}</Notice> : null}
      <p className="muted">{t("safety.services.by", { name: service.organisation.name })}</p>
    </article>
  );
}

/** The directory of professional services, with filters by kind and language. */
export function ServicesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [kind, setKind] = useState("");
  const [language, setLanguage] = useState("");
  const services = useServices(kind, language);
  return (
    <div className="stack measure">
      <PageTitle intro={t("safety.services.intro")}>{t("safety.services.title")}</PageTitle>
      <div className="cluster">
        <SelectField label={t("safety.services.kind")} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t("safety.services.anyKind")}</option>
          {SERVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`safety.services.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("safety.services.language")}
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
        >
          <option value="">{t("safety.services.anyLanguage")}</option>
          {SERVICE_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`safety.services.langs.${l}`, { defaultValue: l })}
            </option>
          ))}
        </SelectField>
      </div>
      {services.isPending ? (
        <Loading />
      ) : services.error ? (
        <Notice tone="error">{errorText(services.error)}</Notice>
      ) : services.data.items.length === 0 ? (
        <Notice>{t("safety.services.empty")}</Notice>
      ) : (
        <ul className="list-plain stack-small">
          {services.data.items.map((s) => (
            <li key={s.id}>
              <ServiceCard service={s} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
