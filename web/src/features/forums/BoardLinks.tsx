import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextField } from "../../ui/Field.tsx";
import { FormError } from "../../ui/Notice.tsx";
import { useCreateBoard, useGroupBoard } from "./api.ts";

/** On a group's page, for its members: the way into the group's private board. */
export function GroupBoardLink({ groupId, member }: { groupId: string; member: boolean }) {
  const { t } = useTranslation();
  const board = useGroupBoard(groupId, member);
  if (!member || !board.data) return null;
  return (
    <Card title={t("forums.groupBoard.title")}>
      <p>{t("forums.groupBoard.body")}</p>
      <p>
        <Link to={`/community/boards/${board.data.id}`}>{t("forums.groupBoard.open")}</Link>
        {board.data.newThreads ? ` · ${t("forums.boards.new", { count: board.data.newThreads })}` : null}
      </p>
    </Card>
  );
}

/** On an organisation's page, for its admins: a new community board run by the organisation. */
export function NewBoardCard({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const create = useCreateBoard();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { organisationId, name, description },
      { onSuccess: (board) => navigate(`/community/boards/${board.id}`) },
    );
  };
  return (
    <Card title={t("forums.newBoard.title")}>
      <p className="muted">{t("forums.newBoard.intro")}</p>
      <form className="stack-small" onSubmit={submit} noValidate>
        <FormError message={create.error ? errorText(create.error) : undefined} />
        <TextField label={t("forums.newBoard.name")} value={name} onChange={(e) => setName(e.target.value)} required />
        <TextField
          label={t("forums.newBoard.description")}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <div className="form-actions">
          <Button type="submit" pending={create.isPending} pendingLabel={t("forums.newBoard.adding")}>
            {t("forums.newBoard.add")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
