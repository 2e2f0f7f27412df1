import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useQueue } from "./api.ts";
import { useLiveQueue } from "./live.ts";
import { SeverityBadge } from "./shared.tsx";

/** The responder queue: the most urgent and the longest waiting first. Never anyone's words here. */
export function QueuePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const when = useDateTime();
  const [status, setStatus] = useState<"active" | "closed">("active");
  const queue = useQueue(status);
  const { live, arrived, ended } = useLiveQueue();
  return (
    <div className="stack">
      <PageTitle intro={t("safety.queue.intro")}>{t("safety.queue.title")}</PageTitle>
      {ended ? (
        <Notice>{t("safety.queue.ended")}</Notice>
      ) : (
        <p className="muted" data-testid="queue-live">
          {live ? t("safety.queue.live") : t("safety.queue.notLive")}
        </p>
      )}
      <StatusMessage message={arrived > 0 ? t("safety.queue.arrived", { count: arrived }) : undefined} tone="info" />
      {!ended && (
        <div className="cluster">
          <h2>{status === "active" ? t("safety.queue.active") : t("safety.queue.closed")}</h2>
          <Button variant="secondary" small onClick={() => setStatus(status === "active" ? "closed" : "active")}>
            {status === "active" ? t("safety.queue.showClosed") : t("safety.queue.showActive")}
          </Button>
        </div>
      )}
      {ended ? null : queue.isPending ? (
        <Loading />
      ) : queue.error ? (
        <Notice tone="error">{errorText(queue.error)}</Notice>
      ) : queue.data.items.length === 0 ? (
        <Notice>{status === "active" ? t("safety.queue.empty") : t("safety.queue.emptyClosed")}</Notice>
      ) : (
        <ul className="list-plain stack-small" aria-label={t("safety.queue.title")}>
          {queue.data.items.map((a) => (
            <li key={a.id} className="card stack-small alert-item" data-testid="alert-item">
              <div className="cluster">
                <SeverityBadge severity={a.severity} />
                <strong>{t(`safety.category.${a.category}`)}</strong>
                <span className="muted">{t(`safety.source.${a.source}`)}</span>
              </div>
              <p>
                {a.place} · {t("safety.queue.by", { author: a.author })} · {when(a.createdAt)}
              </p>
              <p className="muted">
                {a.status === "claimed" && a.claimedBy ? t("safety.queue.claimedBy", { handle: a.claimedBy }) : null}
                {a.status === "open" ? t("safety.queue.waiting") : null}
                {a.outcome ? t(`safety.alert.outcomes.${a.outcome}`) : null}
              </p>
              <p>
                <Link to={`/safety/alerts/${a.id}`}>
                  {t("safety.queue.open")}
                  <span className="visually-hidden">: {a.place}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
