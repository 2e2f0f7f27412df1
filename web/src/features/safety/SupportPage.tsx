import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { CrisisLines } from "../../ui/CrisisLines.tsx";
import { useDateTime } from "../../ui/format.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMyScopes, useReachOuts } from "./api.ts";

/** Support: conversations responders opened with me, the queue and admin for those who hold a role, services, lines. */
export function SupportPage() {
  const { t } = useTranslation();
  const when = useDateTime();
  // Signed out, these answer 401 and simply show nothing.
  const scopes = useMyScopes();
  const reachOuts = useReachOuts();
  return (
    <div className="stack measure">
      <PageTitle intro={t("safety.hub.intro")}>{t("safety.hub.title")}</PageTitle>
      {(reachOuts.data?.items.length ?? 0) > 0 && (
        <Card title={t("safety.hub.reachOutsTitle")}>
          <ul className="list-plain stack-small">
            {reachOuts.data?.items.map((r) => (
              <li key={r.alertId} className="cluster">
                <span>
                  {r.open ? t("safety.hub.reachOutOpen") : t("safety.hub.reachOutClosed")} · {when(r.lastAt)}
                </span>
                <Link to={`/safety/reach-outs/${r.alertId}`}>{t("safety.hub.open")}</Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {(scopes.data?.responder.length ?? 0) > 0 && (
        <Card title={t("safety.hub.queueTitle")}>
          <p>{t("safety.hub.queueBody")}</p>
          <p>
            <ButtonLink to="/safety/queue">{t("safety.hub.queueLink")}</ButtonLink>
          </p>
        </Card>
      )}
      {(scopes.data?.admin.length ?? 0) > 0 && (
        <Card title={t("safety.hub.adminTitle")}>
          <p>{t("safety.hub.adminBody")}</p>
          <p>
            <ButtonLink to="/safety/admin" variant="secondary">
              {t("safety.hub.adminLink")}
            </ButtonLink>
          </p>
        </Card>
      )}
      <Card title={t("safety.hub.servicesTitle")}>
        <p>{t("safety.hub.servicesBody")}</p>
        <p>
          <ButtonLink to="/safety/services" variant="secondary">
            {t("safety.hub.servicesLink")}
          </ButtonLink>
        </p>
      </Card>
      <section aria-labelledby="support-lines" className="stack-small">
        <h2 id="support-lines">{t("safety.hub.linesTitle")}</h2>
        <CrisisLines />
      </section>
    </div>
  );
}
