import { type Post, REACTIONS, type Reaction } from "@kinship/contracts/forums";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/Field.tsx";
import { StatusMessage } from "../../ui/Notice.tsx";
import { type ReasonCode, ReasonSelect } from "../../ui/ReasonSelect.tsx";
import {
  fetchHistory,
  fetchOpenPost,
  fetchReactors,
  unmask,
  useDeletePost,
  useEditPost,
  useReact,
  useReport,
} from "./api.ts";
import { Composer } from "./Composer.tsx";
import { AuthorName, useWarningNames, useWhen, WarningList } from "./shared.tsx";

/**
 * One post as the reader sees it. A folded post names its warnings and has no words until the reader
 * presses "Show this post": then that one post is fetched with its body, and nothing else opens.
 */
export function PostCard({
  post,
  onChange,
  onQuote,
  isNew,
}: {
  post: Post;
  onChange: (post: Post) => void;
  onQuote: (post: Post) => void;
  isNew: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const when = useWhen();
  const names = useWarningNames();
  const headingId = useId();
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const edit = useEditPost();
  const remove = useDeletePost();

  const open = async () => {
    setOpening(true);
    setOpenError(null);
    try {
      onChange(await fetchOpenPost(post.id));
    } catch (e) {
      setOpenError(e);
    } finally {
      setOpening(false);
    }
  };
  const onDelete = () => {
    if (!window.confirm(t("forums.post.confirmDelete"))) return;
    remove.mutate(post.id, {
      onSuccess: () =>
        onChange({ ...post, deleted: true, body: undefined, html: undefined, warnings: [], quote: null }),
    });
  };

  return (
    <article className={`card post${isNew ? " post--new" : ""}`} aria-labelledby={headingId} data-testid="post">
      <header className="post__head">
        <h3 id={headingId} className="visually-hidden">
          {t("forums.post.number", { seq: post.seq })}
        </h3>
        <AuthorName author={post.author} />
        {post.mine && <span className="badge">{t("forums.author.you")}</span>}
        <span className="muted">
          <time dateTime={post.createdAt}>{when(post.createdAt)}</time>
          {post.editedAt && ` · ${t("forums.post.edited")}`}
        </span>
        {isNew && <span className="badge badge--accent">{t("forums.board.new")}</span>}
      </header>
      {post.moderated && post.moderated.reason !== null && (
        <div className="post__moderated">
          <p>{t("moderation.post.hiddenForAuthor", { reason: post.moderated.reason })}</p>
          {post.mine && (
            <p>
              <Link to="/notices">{t("moderation.post.appealLink")}</Link>
            </p>
          )}
        </div>
      )}
      {post.deleted ? (
        <p className="muted">{t("forums.post.deleted")}</p>
      ) : post.moderated && post.moderated.reason === null ? (
        <p className="muted">{t("moderation.post.hiddenForOthers")}</p>
      ) : post.folded ? (
        <div className="post__folded">
          {post.hidden ? <p>{t("forums.post.hiddenByFilters")}</p> : <p>{t("forums.post.folded")}</p>}
          <WarningList warnings={post.warnings} />
          {openError ? <p className="field__error">{errorText(openError)}</p> : null}
          <Button
            variant="secondary"
            small
            pending={opening}
            pendingLabel={t("forums.post.showing")}
            aria-label={`${t("forums.post.show")}: ${names(post.warnings).join(", ")}`}
            onClick={open}
          >
            {t("forums.post.show")}
          </Button>
        </div>
      ) : editing ? (
        <Composer
          mode="edit"
          initial={{ body: post.body ?? "", warnings: post.warnings }}
          pending={edit.isPending}
          error={edit.error}
          submitLabel={t("forums.post.save")}
          onCancel={() => setEditing(false)}
          onSubmit={(draft) =>
            edit.mutate(
              { postId: post.id, body: { body: draft.body, warnings: draft.warnings } },
              {
                onSuccess: (saved) => {
                  onChange(saved);
                  setEditing(false);
                },
              },
            )
          }
        />
      ) : (
        <>
          {post.warnings.length > 0 && <WarningList warnings={post.warnings} />}
          {post.quote && (
            <blockquote className="post__quote">
              <p className="muted">{t("forums.post.quoting", { seq: post.quote.seq })}</p>
              {post.quote.html ? (
                // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side by an allow-list
                <div dangerouslySetInnerHTML={{ __html: post.quote.html }} />
              ) : null}
            </blockquote>
          )}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by the server (no raw HTML, no images, safe links) */}
          <div className="post__body" dangerouslySetInnerHTML={{ __html: post.html ?? "" }} />
        </>
      )}
      {!post.deleted && <Reactions post={post} onChange={onChange} />}
      {!post.deleted && !editing && (
        <div className="cluster post__actions">
          {!post.folded && (
            <Button small variant="quiet" aria-describedby={headingId} onClick={() => onQuote(post)}>
              {t("forums.post.quote")}
            </Button>
          )}
          {post.can.edit && (
            <Button small variant="quiet" aria-describedby={headingId} onClick={() => setEditing(true)}>
              {t("forums.post.edit")}
            </Button>
          )}
          {post.can.delete && post.seq > 0 && (
            <Button small variant="quiet" aria-describedby={headingId} pending={remove.isPending} onClick={onDelete}>
              {t("forums.post.delete")}
            </Button>
          )}
          {post.can.report && (
            <Button
              small
              variant="quiet"
              aria-expanded={reporting}
              aria-describedby={headingId}
              onClick={() => setReporting((r) => !r)}
            >
              {t("forums.post.report")}
            </Button>
          )}
        </div>
      )}
      {remove.error ? <p className="field__error">{errorText(remove.error)}</p> : null}
      {reporting && <ReportForm postId={post.id} onDone={() => setReporting(false)} />}
      {(post.can.seeHistory || post.can.unmask) && !post.deleted && <ModeratorTools post={post} />}
    </article>
  );
}

function Reactions({ post, onChange }: { post: Post; onChange: (post: Post) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const react = useReact();
  const [who, setWho] = useState<{ kind: Reaction; handles: string[]; formerMembers: number }[] | null>(null);
  const toggle = (kind: Reaction) => {
    const on = !post.myReactions.includes(kind);
    react.mutate(
      { postId: post.id, kind, on },
      { onSuccess: (r) => onChange({ ...post, reactions: r.reactions, myReactions: r.myReactions }) },
    );
  };
  return (
    <div className="stack-small">
      <ul className="cluster reactions list-plain" aria-label={t("forums.reactions.label")}>
        {REACTIONS.map((kind) => {
          const count = post.reactions[kind];
          const label = t(`forums.reactions.${kind}`);
          if (!post.can.react) {
            return count > 0 ? (
              <li key={kind} className="reaction reaction--static">
                {label} <span className="reaction__count">{count}</span>
              </li>
            ) : null;
          }
          return (
            <li key={kind}>
              <button
                type="button"
                className="reaction"
                aria-pressed={post.myReactions.includes(kind)}
                onClick={() => toggle(kind)}
              >
                {label} <span className="reaction__count">{count}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {react.error ? <p className="field__error">{errorText(react.error)}</p> : null}
      {post.can.seeReactors && Object.values(post.reactions).some((n) => n > 0) && (
        <div>
          <Button small variant="quiet" onClick={async () => setWho((await fetchReactors(post.id)).items)}>
            {t("forums.post.whoReacted")}
          </Button>
          {who && (
            <ul className="list-plain muted">
              {who.map((w) => (
                <li key={w.kind}>
                  {t(`forums.reactions.${w.kind}`)}:{" "}
                  {[...w.handles.map((h) => `@${h}`), ...(w.formerMembers ? [t("forums.author.former")] : [])].join(
                    ", ",
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function ReportForm({ postId, onDone }: { postId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const report = useReport();
  const [reason, setReason] = useState<ReasonCode>("someone_at_risk");
  const [note, setNote] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    report.mutate({ postId, body: { reason, note } });
  };
  if (report.isSuccess) {
    return (
      <div className="stack-small">
        <StatusMessage message={t("forums.report.sent")} />
        <Button small variant="quiet" onClick={onDone}>
          {t("forums.post.cancel")}
        </Button>
      </div>
    );
  }
  return (
    <form className="stack-small card card--soft" onSubmit={submit}>
      <h4>{t("forums.report.title")}</h4>
      <ReasonSelect value={reason} onChange={setReason} />
      <TextField
        label={t("forums.report.note")}
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
      />
      {report.error ? <p className="field__error">{errorText(report.error)}</p> : null}
      <div className="cluster">
        <Button type="submit" small pending={report.isPending}>
          {t("forums.report.send")}
        </Button>
        <Button small variant="quiet" onClick={onDone}>
          {t("forums.post.cancel")}
        </Button>
      </div>
    </form>
  );
}

/** For the board's moderators: the edit history, and who wrote an anonymous post (asked with a reason). */
function ModeratorTools({ post }: { post: Post }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const when = useWhen();
  const [history, setHistory] = useState<Awaited<ReturnType<typeof fetchHistory>>["items"] | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [author, setAuthor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const showHistory = async () => {
    setError(null);
    try {
      setHistory((await fetchHistory(post.id)).items);
    } catch (e) {
      setError(e);
    }
  };
  const reveal = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const found = await unmask(post.id, reason);
      setAuthor(found.handle ? `@${found.handle}` : t("forums.author.former"));
      setAsking(false);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <details className="moderator-tools">
      <summary>{t("forums.moderation.tools")}</summary>
      <div className="stack-small">
        {error ? <p className="field__error">{errorText(error)}</p> : null}
        {post.can.seeHistory && (
          <Button small variant="quiet" onClick={showHistory}>
            {t("forums.moderation.history")}
          </Button>
        )}
        {history && (
          <ol className="list-plain stack-small">
            {history.map((v) => (
              <li key={v.writtenAt} className="card card--soft">
                <p className="muted">
                  {when(v.writtenAt)}
                  {v.replacedAt ? "" : ` · ${t("forums.moderation.current")}`}
                </p>
                {v.title && (
                  <p>
                    <strong>{v.title}</strong>
                  </p>
                )}
                <p className="moderator-tools__text">{v.body}</p>
              </li>
            ))}
          </ol>
        )}
        {post.can.unmask && !author && !asking && (
          <Button small variant="quiet" onClick={() => setAsking(true)}>
            {t("forums.moderation.whoWrote")}
          </Button>
        )}
        {asking && (
          <form className="stack-small" onSubmit={reveal}>
            <TextField
              label={t("forums.moderation.reason")}
              hint={t("forums.moderation.reasonHint")}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button type="submit" small>
              {t("forums.moderation.reveal")}
            </Button>
          </form>
        )}
        {author && <p>{t("forums.moderation.writtenBy", { who: author })}</p>}
      </div>
    </details>
  );
}
