import type { GroupSharer } from "@kinship/contracts/progress";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { useGroupSharedProgress } from "./api.ts";
import { MoodTable, useDayFormat, useMilestoneName } from "./shared.tsx";
import "./progress.css";

/** How many of the latest shared check-ins the group page lists. */
const LATEST = 7;

/** On a group's page, for its members: what fellow members chose to share with the group. */
export function GroupSharedProgress({ groupId, member }: { groupId: string; member: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const shared = useGroupSharedProgress(groupId, member);
  if (!member) return null;
  const items = shared.data?.items ?? [];
  const mine = items.some((i) => i.mine);
  return (
    <Card title={t("progress.groupView.title")}>
      <p className="muted">{t("progress.groupView.intro")}</p>
      {shared.isPending && <Loading />}
      {shared.error && <Notice tone="error">{errorText(shared.error)}</Notice>}
      {shared.data && items.length === 0 && <p>{t("progress.groupView.empty")}</p>}
      {items.length > 0 && (
        <ul className="list-plain stack group-sharers">
          {items.map((sharer) => (
            <li key={sharer.member.handle}>
              <Sharer sharer={sharer} />
            </li>
          ))}
        </ul>
      )}
      {shared.data && (
        <p>
          <Link to="/progress/partners#groups">
            {mine ? t("progress.groupView.changeMine") : t("progress.groupView.shareMine")}
          </Link>
        </p>
      )}
    </Card>
  );
}

function Sharer({ sharer }: { sharer: GroupSharer }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const milestoneName = useMilestoneName();
  const handle = sharer.member.handle;
  // With a single journey, naming it on every milestone says nothing new.
  const labelled = new Set(sharer.milestones?.map((m) => m.journeyLabel)).size > 1;
  return (
    <article className="group-sharer stack-small" aria-label={`@${handle}`}>
      <h3>{sharer.mine ? t("progress.groupView.you", { handle }) : `@${handle}`}</h3>
      {sharer.journeys?.map((j) => (
        <p key={j.id}>
          <strong>{j.label}</strong>: <span className="journey__days journey__days--small">{j.currentDays}</span>{" "}
          {t("progress.journeys.days", { count: j.currentDays })}{" "}
          <span className="muted">
            ·{" "}
            {t("progress.groupView.next", {
              milestone: milestoneName(j.nextMilestone.id),
              date: day(j.nextMilestone.on),
            })}
          </span>
        </p>
      ))}
      {sharer.journeys?.length === 0 && <p className="muted">{t("progress.groupView.noJourneys")}</p>}
      {sharer.milestones && sharer.milestones.length > 0 && (
        <div>
          <h4 className="group-sharer__label">{t("progress.groupView.milestones")}</h4>
          <ul className="chips">
            {sharer.milestones.map((m) => (
              <li key={`${m.journeyLabel}-${m.id}`} className="chip">
                {milestoneName(m.id)}
                {labelled && m.journeyLabel ? ` · ${m.journeyLabel}` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
      {sharer.checkins && <Checkins checkins={sharer.checkins} />}
      {sharer.goals && sharer.goals.length > 0 && (
        <div>
          <h4 className="group-sharer__label">{t("progress.groupView.goals")}</h4>
          <ul className="list-plain stack-small">
            {sharer.goals.map((g) => (
              <li key={g.id}>
                <strong>{g.title}</strong> <span className="muted">· {t(`progress.goals.repeat.${g.repeat}`)}</span>{" "}
                {g.currentStatus && (
                  <span className="badge">
                    {g.currentStatus === "done" ? t("progress.goals.doneBadge") : t("progress.goals.missedBadge")}
                  </span>
                )}
                {g.streak ? <span className="muted"> · {t("progress.goals.streak", { count: g.streak })}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

/** The shared mood and craving: averages over the weeks shared, and the latest days as a small table. */
function Checkins({ checkins }: { checkins: NonNullable<GroupSharer["checkins"]> }) {
  const { t, i18n } = useTranslation();
  if (checkins.length === 0)
    return (
      <div>
        <h4 className="group-sharer__label">{t("progress.groupView.checkins")}</h4>
        <p className="muted">{t("progress.groupView.noCheckins")}</p>
      </div>
    );
  const one = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const average = (pick: (c: (typeof checkins)[number]) => number) =>
    one.format(checkins.reduce((sum, c) => sum + pick(c), 0) / checkins.length);
  const latest = [...checkins].reverse().slice(0, LATEST);
  return (
    <div className="stack-small">
      <h4 className="group-sharer__label">{t("progress.groupView.checkins")}</h4>
      <p>
        {t("progress.groupView.average", {
          count: checkins.length,
          mood: average((c) => c.mood),
          craving: average((c) => c.craving),
        })}
      </p>
      <MoodTable caption={t("progress.groupView.latest")} rows={latest} dayStyle="short" />
    </div>
  );
}
