import type { Board } from "@kinship/contracts/forums";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useBoards, useFollowing, useUpdateBoard } from "./api.ts";
import { ThreadRow } from "./BoardPage.tsx";

/** Every board the member may read: the community's, then their groups' private ones. */
export function BoardsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const boards = useBoards();
  const following = useFollowing();
  const community = boards.data?.items.filter((b) => b.kind === "community") ?? [];
  const groups = boards.data?.items.filter((b) => b.kind === "group") ?? [];
  return (
    <div className="stack">
      <PageTitle intro={t("forums.boards.intro")}>{t("forums.boards.title")}</PageTitle>
      {boards.isPending && <Loading />}
      {boards.error && <Notice tone="error">{errorText(boards.error)}</Notice>}
      {boards.data && (
        <>
          <section className="stack-small" aria-labelledby="community-boards">
            <h2 id="community-boards">{t("forums.boards.community")}</h2>
            <BoardList boards={community} orderable />
          </section>
          <section className="stack-small" aria-labelledby="group-boards">
            <h2 id="group-boards">{t("forums.boards.groups")}</h2>
            <p className="muted">{t("forums.boards.groupsHint")}</p>
            {groups.length === 0 ? <p>{t("forums.boards.noGroups")}</p> : <BoardList boards={groups} />}
          </section>
        </>
      )}
      {following.data && following.data.threads.length > 0 && (
        <Card title={t("forums.following.threads")}>
          <ul className="list-plain stack-small">
            {following.data.threads.map((thread) => (
              <li key={thread.id}>
                <ThreadRow thread={thread} showBoard />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function BoardList({ boards, orderable = false }: { boards: Board[]; orderable?: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateBoard();
  /** Swap a board with its neighbour; equal positions are pulled apart so the order is always clear. */
  const move = (index: number, by: -1 | 1) => {
    const a = boards[index];
    const b = boards[index + by];
    if (!a || !b) return;
    const [pa, pb] = a.position === b.position ? [b.position + by, a.position] : [b.position, a.position];
    update.mutate({ boardId: a.id, position: Math.max(0, pa) });
    update.mutate({ boardId: b.id, position: Math.max(0, pb) });
  };
  return (
    <ul className="list-plain board-list">
      {boards.map((board, index) => (
        <li key={board.id} className="card board-card">
          <h3>
            <Link to={`/community/boards/${board.id}`}>{board.name}</Link>
          </h3>
          {board.description && <p>{board.description}</p>}
          <p className="muted">
            {t("forums.boards.threads", { count: board.threadCount })}
            {board.newThreads ? (
              <>
                {" · "}
                <span className="badge badge--accent">{t("forums.boards.new", { count: board.newThreads })}</span>
              </>
            ) : null}
            {board.following && ` · ${t("forums.board.following")}`}
          </p>
          {orderable && board.can.moderate && (
            <div className="cluster">
              {index > 0 && boards[index - 1]?.can.moderate && (
                <Button variant="secondary" small pending={update.isPending} onClick={() => move(index, -1)}>
                  <span aria-hidden="true">↑ </span>
                  <span className="visually-hidden">{t("forums.order.up", { name: board.name })}</span>
                </Button>
              )}
              {index < boards.length - 1 && boards[index + 1]?.can.moderate && (
                <Button variant="secondary" small pending={update.isPending} onClick={() => move(index, 1)}>
                  <span aria-hidden="true">↓ </span>
                  <span className="visually-hidden">{t("forums.order.down", { name: board.name })}</span>
                </Button>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
