import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../accounts/session.ts";
import { useMarkMentionsRead, useMentions } from "./api.ts";
import { AuthorName, useWhen, WarningList } from "./shared.tsx";

/** Posts that @mention the member, newest first; unread ones are marked until opened or marked read. */
export function MentionsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const when = useWhen();
  const mentions = useMentions();
  const { data: me } = useMe();
  const markRead = useMarkMentionsRead();
  const items = mentions.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = mentions.data?.pages[0]?.unread ?? 0;

  return (
    <div className="stack">
      <PageTitle intro={t("forums.mentions.intro")}>{t("forums.mentions.title")}</PageTitle>
      {mentions.isPending && <Loading />}
      {mentions.error && <Notice tone="error">{errorText(mentions.error)}</Notice>}
      {markRead.error && <Notice tone="error">{errorText(markRead.error)}</Notice>}
      {unread > 0 && (
        <div className="cluster mention-tools">
          <p className="muted">{t("forums.mentions.unread", { count: unread })}</p>
          <Button variant="secondary" pending={markRead.isPending} onClick={() => markRead.mutate(undefined)}>
            {t("forums.mentions.markAll")}
          </Button>
        </div>
      )}
      {mentions.data && items.length === 0 && (
        <Card tone="soft">
          <p>{t("forums.mentions.empty", { handle: me?.handle ?? "" })}</p>
        </Card>
      )}
      {items.length > 0 && (
        <ol className="list-plain stack-small mention-list" aria-label={t("forums.mentions.list")}>
          {items.map((m) => (
            <li
              key={m.id}
              className={`card stack-small mention${m.unread ? " mention--unread" : ""}`}
              data-testid="mention"
            >
              <p className="mention__head">
                {m.unread && <span className="badge badge--accent">{t("forums.mentions.new")}</span>}{" "}
                <AuthorName author={m.author} /> {t("forums.mentions.in")}{" "}
                <Link
                  to={`/threads/${m.threadId}#post-${m.seq}`}
                  onClick={() => {
                    if (m.unread) markRead.mutate([m.id]);
                  }}
                >
                  {m.titleHidden ? t("forums.thread.titleHidden") : m.threadTitle}
                </Link>
              </p>
              {m.folded ? (
                <>
                  <WarningList warnings={m.warnings} />
                  <p className="muted">{t("forums.mentions.folded")}</p>
                </>
              ) : (
                <p className="mention__excerpt">{m.excerpt}</p>
              )}
              <p className="muted">
                <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {mentions.hasNextPage && (
        <Button variant="secondary" pending={mentions.isFetchingNextPage} onClick={() => mentions.fetchNextPage()}>
          {t("forums.mentions.more")}
        </Button>
      )}
    </div>
  );
}
