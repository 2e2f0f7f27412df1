import type { Post } from "@kinship/contracts/forums";
import type { CrisisNotice, PostReview } from "@kinship/contracts/safety";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { CrisisPanel } from "../../ui/CrisisPanel.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { fetchPosts, markRead, useDeleteThread, useFollow, useReply, useThread, useThreadReviews } from "./api.ts";
import { Composer } from "./Composer.tsx";
import { PostCard } from "./PostCard.tsx";
import { ReviewForm, ReviewNote } from "./ReviewNote.tsx";
import { AuthorName, KindBadge, useWhen } from "./shared.tsx";

/** A thread: its posts, folded where the reader's warnings say so, reactions, and a reply at the end. */
export function ThreadPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const when = useWhen();
  const navigate = useNavigate();
  const query = useThread(id);
  const follow = useFollow();
  const removeThread = useDeleteThread();
  const reply = useReply(id);
  // Coping strategies can carry a professional's mark; only those threads ask for them.
  const coping = query.data?.thread.kind === "coping_strategy";
  const reviews = useThreadReviews(id, coping);
  const [posts, setPosts] = useState<Post[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [quote, setQuote] = useState<Post | null>(null);
  const [composerKey, setComposerKey] = useState(0);
  const replyHeading = useRef<HTMLHeadingElement>(null);
  // What the author just wrote sounded like a crisis: the lines show at once (posted either way).
  const arrived = (useLocation().state as { crisis?: CrisisNotice } | null)?.crisis ?? null;
  const [crisis, setCrisis] = useState<CrisisNotice | null>(arrived);
  const [replyCrisis, setReplyCrisis] = useState(false);
  // What the reader had read before this visit: posts after it are "new since your last visit".
  const [readBefore, setReadBefore] = useState<number | null | undefined>(undefined);

  // Posts are taken from the first answer only: later refetches (after a follow, on focus) must not
  // fold again what the reader opened, nor drop pages they loaded.
  const loadedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!query.data || loadedFor.current === id) return;
    loadedFor.current = id;
    setPosts(query.data.posts);
    setCursor(query.data.nextCursor);
    setReadBefore(query.data.thread.lastReadSeq);
  }, [query.data, id]);

  const lastSeq = posts.at(-1)?.seq;
  useEffect(() => {
    if (lastSeq !== undefined) void markRead(id, lastSeq);
  }, [id, lastSeq]);

  if (query.isPending) return <Loading />;
  if (query.error) return <Notice tone="error">{errorText(query.error)}</Notice>;
  const { thread } = query.data;

  const replace = (next: Post) => setPosts((all) => all.map((p) => (p.id === next.id ? next : p)));
  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchPosts(id, cursor);
      setPosts((all) => [...all, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };
  const onQuote = (post: Post) => {
    setQuote(post);
    replyHeading.current?.scrollIntoView({ behavior: "smooth", block: "start" });
    replyHeading.current?.focus();
  };
  const firstNew = readBefore === null || readBefore === undefined ? null : posts.find((p) => p.seq > readBefore);

  return (
    <div className="stack">
      <p>
        <Link to={`/community/boards/${thread.board.id}`}>← {thread.board.name}</Link>
      </p>
      <PageTitle
        eyebrow={<KindBadge kind={thread.kind} dayCount={thread.dayCount} fromJourney={thread.milestone !== null} />}
        intro={
          <>
            <AuthorName author={thread.author} /> · <time dateTime={thread.createdAt}>{when(thread.createdAt)}</time> ·{" "}
            {t("forums.board.replies", { count: thread.replyCount })}
          </>
        }
      >
        {thread.titleHidden ? t("forums.thread.titleHidden") : thread.title}
      </PageTitle>
      <div className="cluster">
        <Button
          small
          variant="secondary"
          aria-pressed={thread.following}
          pending={follow.isPending}
          onClick={() => follow.mutate({ what: "threads", targetId: thread.id, on: !thread.following })}
        >
          {thread.following ? t("forums.thread.unfollow") : t("forums.thread.follow")}
        </Button>
        {firstNew && (
          <a className="button button--quiet button--small" href={`#post-${firstNew.seq}`}>
            {t("forums.thread.jumpToNew")}
          </a>
        )}
        {thread.can.delete && (
          <Button
            small
            variant="quiet"
            pending={removeThread.isPending}
            onClick={() => {
              if (!window.confirm(t("forums.thread.confirmDeleteThread"))) return;
              removeThread.mutate(thread.id, { onSuccess: () => navigate(`/community/boards/${thread.board.id}`) });
            }}
          >
            {t("forums.thread.deleteThread")}
          </Button>
        )}
      </div>
      {crisis && !replyCrisis ? <CrisisPanel notice={crisis} onClose={() => setCrisis(null)} /> : null}
      {removeThread.error ? <Notice tone="error">{errorText(removeThread.error)}</Notice> : null}
      <ol className="list-plain stack-small posts">
        {posts.map((post) => (
          <li key={post.id} id={`post-${post.seq}`}>
            {firstNew?.id === post.id && (
              <p className="new-divider" role="note">
                {t("forums.post.newSince")}
              </p>
            )}
            <PostCard
              post={post}
              onChange={replace}
              onQuote={onQuote}
              isNew={readBefore !== null && readBefore !== undefined && post.seq > readBefore && !post.mine}
            />
            {coping && reviews.data?.items.find((r) => r.postId === post.id) && (
              <ReviewNote review={reviews.data.items.find((r) => r.postId === post.id) as PostReview} />
            )}
            {coping && reviews.data?.canReview && !post.deleted && <ReviewForm threadId={id} postId={post.id} />}
          </li>
        ))}
      </ol>
      {moreError ? <Notice tone="error">{errorText(moreError)}</Notice> : null}
      {cursor && (
        <Button variant="secondary" pending={loadingMore} onClick={loadMore}>
          {t("forums.thread.loadMore")}
        </Button>
      )}
      {crisis && replyCrisis ? <CrisisPanel notice={crisis} onClose={() => setCrisis(null)} /> : null}
      {thread.can.reply && (
        <Card>
          <h2 ref={replyHeading} tabIndex={-1}>
            {t("forums.thread.replyTitle")}
          </h2>
          <Composer
            key={composerKey}
            mode="reply"
            pending={reply.isPending}
            error={reply.error}
            submitLabel={t("forums.compose.submitReply")}
            onSubmit={(draft) =>
              reply.mutate(
                { body: draft.body, warnings: draft.warnings, anonymous: draft.anonymous, quotePostId: quote?.id },
                {
                  onSuccess: (post) => {
                    if (!cursor) setPosts((all) => [...all, post]);
                    setCrisis(post.crisis ?? null);
                    setReplyCrisis(Boolean(post.crisis));
                    setQuote(null);
                    setComposerKey((k) => k + 1);
                  },
                },
              )
            }
          >
            {quote && (
              <div className="post__quote cluster">
                <span>{t("forums.post.quoting", { seq: quote.seq })}</span>
                <Button small variant="quiet" onClick={() => setQuote(null)}>
                  {t("forums.compose.removeQuote")}
                </Button>
              </div>
            )}
          </Composer>
        </Card>
      )}
    </div>
  );
}
