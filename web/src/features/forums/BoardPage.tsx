import { THREAD_KINDS, type ThreadSummary } from "@kinship/contracts/forums";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMilestoneName } from "../progress/shared.tsx";
import { markVisited, useBoard, useFollow, useStartThread, useThreads } from "./api.ts";
import { Composer } from "./Composer.tsx";
import { AuthorName, KindBadge, useWarningNames, useWhen } from "./shared.tsx";

/** A board: its threads, newest activity first, with what is new and unread, and a way to start one. */
export function BoardPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const board = useBoard(id);
  const [kind, setKind] = useState("");
  const threads = useThreads(id, kind);
  const follow = useFollow();
  const start = useStartThread(id);
  // Arriving from a milestone on the progress page: the composer opens with that milestone linked.
  const [params] = useSearchParams();
  const [journeyId, milestone] = (params.get("share") ?? "").split(":");
  const sharing = journeyId && milestone ? { journeyId, milestone } : undefined;
  const milestoneName = useMilestoneName();
  const [composing, setComposing] = useState(!!sharing);

  // The board's "new since your last visit" is worked out from the visit before this one.
  useEffect(() => {
    if (board.data) void markVisited(id);
  }, [id, board.data]);

  if (board.isPending) return <Loading />;
  if (board.error) return <Notice tone="error">{errorText(board.error)}</Notice>;
  const b = board.data;
  const items = threads.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack">
      <PageTitle intro={b.description || undefined}>{b.name}</PageTitle>
      <div className="cluster">
        {b.can.post && (
          <Button onClick={() => setComposing((c) => !c)} aria-expanded={composing}>
            {t("forums.board.startThread")}
          </Button>
        )}
        <Button
          variant="secondary"
          aria-pressed={b.following}
          pending={follow.isPending}
          onClick={() => follow.mutate({ what: "boards", targetId: b.id, on: !b.following })}
        >
          {b.following ? t("forums.board.unfollow") : t("forums.board.follow")}
        </Button>
      </div>
      {composing && (
        <Card title={t("forums.compose.newThread")}>
          <Composer
            mode="thread"
            pending={start.isPending}
            error={start.error}
            submitLabel={t("forums.compose.submitThread")}
            onCancel={() => setComposing(false)}
            initial={
              sharing
                ? {
                    kind: "milestone",
                    milestone: sharing,
                    milestoneName: milestoneName(sharing.milestone),
                    title: t("forums.compose.milestoneTitle", { milestone: milestoneName(sharing.milestone) }),
                  }
                : undefined
            }
            onSubmit={(draft) =>
              start.mutate(
                {
                  title: draft.title ?? "",
                  body: draft.body,
                  kind: draft.kind,
                  dayCount: draft.dayCount,
                  milestone: draft.milestone,
                  warnings: draft.warnings,
                  anonymous: draft.anonymous,
                },
                // Crisis lines travel with the author to the new thread, to be shown there at once.
                { onSuccess: (thread) => navigate(`/threads/${thread.id}`, { state: { crisis: thread.crisis } }) },
              )
            }
          />
        </Card>
      )}
      <div className="measure">
        <SelectField label={t("forums.board.kindFilter")} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t("forums.board.allKinds")}</option>
          {THREAD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`forums.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {threads.isPending && <Loading />}
      {threads.error && <Notice tone="error">{errorText(threads.error)}</Notice>}
      {threads.data && items.length === 0 && (
        <Card tone="soft">
          <p>{t("forums.board.empty")}</p>
        </Card>
      )}
      <ul className="list-plain stack-small">
        {items.map((thread) => (
          <li key={thread.id}>
            <ThreadRow thread={thread} />
          </li>
        ))}
      </ul>
      {threads.hasNextPage && (
        <Button variant="secondary" pending={threads.isFetchingNextPage} onClick={() => threads.fetchNextPage()}>
          {t("forums.board.loadMore")}
        </Button>
      )}
    </div>
  );
}

/** One thread in a list: title, kind, warnings named, who and when, replies, new and unread. */
export function ThreadRow({ thread, showBoard }: { thread: ThreadSummary; showBoard?: boolean }) {
  const { t } = useTranslation();
  const when = useWhen();
  const names = useWarningNames();
  return (
    <article className="card thread-row">
      <h3 className="thread-row__title">
        <Link to={`/threads/${thread.id}`}>{thread.title}</Link>
      </h3>
      <p className="cluster thread-row__meta">
        <KindBadge kind={thread.kind} dayCount={thread.dayCount} fromJourney={thread.milestone !== null} />
        {thread.isNew && <span className="badge badge--accent">{t("forums.board.new")}</span>}
        {thread.unread !== null && thread.unread > 0 && (
          <span className="badge badge--accent">{t("forums.board.unread", { count: thread.unread })}</span>
        )}
        {showBoard && <span className="muted">{thread.board.name}</span>}
      </p>
      {thread.warnings.length > 0 && (
        <p className="warnings">
          <span className="warnings__label">{t("forums.warnings.named")}</span> {names(thread.warnings).join(", ")}
        </p>
      )}
      <p className="muted">
        <AuthorName author={thread.author} /> · {t("forums.board.replies", { count: thread.replyCount })} ·{" "}
        {t("forums.board.lastActive", { when: when(thread.lastPostAt) })}
      </p>
    </article>
  );
}
