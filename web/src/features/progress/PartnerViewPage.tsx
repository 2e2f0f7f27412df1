import type { SharedView } from "@kinship/contracts/progress";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { isApiError } from "../../app/api-client.ts";
import { useErrorText } from "../../app/errors.ts";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useShared } from "./api.ts";
import { PlanView } from "./PlanPage.tsx";
import { MoodTable, useDayFormat, useMilestoneName } from "./shared.tsx";

/** What one partner shares with me, item by item. Each visit shows in their access log. */
export function PartnerViewPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const shared = useShared(id);
  const errorText = useErrorText();

  if (shared.isPending) return <Loading />;
  if (shared.error) {
    const gone = isApiError(shared.error) && (shared.error.status === 404 || shared.error.status === 400);
    return (
      <div className="stack">
        <PageTitle>{t("progress.view.goneTitle")}</PageTitle>
        <Notice tone="info">{gone ? t("progress.view.gone") : errorText(shared.error)}</Notice>
        <p>
          <Link to="/progress/partners">{t("progress.view.back")}</Link>
        </p>
      </div>
    );
  }
  const view = shared.data;
  const handle = view.partner.handle;
  return (
    <div className="stack">
      <PageTitle intro={t("progress.view.intro", { handle })}>{t("progress.view.title", { handle })}</PageTitle>
      {view.shares.length === 0 && (
        <Card tone="soft">
          <p>{t("progress.view.nothing", { handle })}</p>
        </Card>
      )}
      <SharedJourneys view={view} />
      <SharedCheckins view={view} />
      <SharedGoals view={view} />
      {view.plan && (
        <Card title={t("progress.view.plan")}>
          <PlanView plan={view.plan} level={3} />
        </Card>
      )}
      <p>
        <Link to="/progress/partners">{t("progress.view.back")}</Link>
      </p>
    </div>
  );
}

function SharedJourneys({ view }: { view: SharedView }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const milestoneName = useMilestoneName();
  if (!view.journeys && !view.milestones) return null;
  return (
    <Card title={view.journeys ? t("progress.view.journeys") : t("progress.share.milestones")}>
      {view.journeys?.map((j) => (
        <div key={j.id} className="stack-small">
          <h3>{j.label}</h3>
          <p>
            <span className="journey__days journey__days--small">{j.currentDays}</span>{" "}
            {t("progress.journeys.days", { count: j.currentDays })} · {t("progress.view.total", { count: j.totalDays })}
          </p>
          <p className="muted">
            {t("progress.view.next", { milestone: milestoneName(j.nextMilestone.id), date: day(j.nextMilestone.on) })}
          </p>
        </div>
      ))}
      {view.milestones && view.milestones.length > 0 && (
        <>
          <h3>{t("progress.journeys.reached")}</h3>
          <ul className="chips">
            {view.milestones.map((m) => (
              <li key={`${m.journeyLabel}-${m.id}`} className="chip">
                {milestoneName(m.id)}
                {m.journeyLabel ? ` · ${m.journeyLabel}` : ""} <span className="muted">· {day(m.on)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

function SharedCheckins({ view }: { view: SharedView }) {
  const { t } = useTranslation();
  if (!view.checkins) return null;
  const latest = [...view.checkins].reverse().slice(0, 14);
  return (
    <Card title={t("progress.view.checkins")}>
      <p className="muted">{t("progress.view.checkinsNote")}</p>
      {latest.length === 0 ? (
        <p>{t("progress.view.noCheckins")}</p>
      ) : (
        <MoodTable caption={t("progress.view.checkins")} rows={latest} />
      )}
    </Card>
  );
}

function SharedGoals({ view }: { view: SharedView }) {
  const { t } = useTranslation();
  if (!view.goals) return null;
  return (
    <Card title={t("progress.view.goals")}>
      {view.goals.length === 0 ? (
        <p>{t("progress.view.noGoals")}</p>
      ) : (
        <ul className="list-plain stack-small">
          {view.goals.map((g) => (
            <li key={g.id}>
              <strong>{g.title}</strong> <span className="muted">· {t(`progress.goals.repeat.${g.repeat}`)}</span>
              {g.currentStatus && (
                <span className="badge">
                  {g.currentStatus === "done" ? t("progress.goals.doneBadge") : t("progress.goals.missedBadge")}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
