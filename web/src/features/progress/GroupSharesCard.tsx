import { GROUP_SHARE_ITEMS, type GroupShareItem, type MyGroupShare } from "@kinship/contracts/progress";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice, StatusMessage } from "../../ui/Notice.tsx";
import { useGroupShares, useSetGroupShares } from "./api.ts";
import { ShareChoices } from "./ShareChoices.tsx";

/** Sharing with groups: for each group the member is in, what its current members see on the group's page. */
export function GroupSharesCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const groups = useGroupShares();
  const items = groups.data?.items ?? [];
  return (
    <section id="groups" className="stack-small" aria-labelledby="group-shares-title">
      <h2 id="group-shares-title">{t("progress.groupShare.title")}</h2>
      <p>{t("progress.groupShare.intro")}</p>
      {groups.isPending && <Loading />}
      {groups.error && <Notice tone="error">{errorText(groups.error)}</Notice>}
      {groups.data && items.length === 0 && (
        <Card tone="soft">
          <p>{t("progress.groupShare.noGroups")}</p>
          <p>
            <Link to="/groups">{t("progress.groupShare.findGroup")}</Link>
          </p>
        </Card>
      )}
      {items.map((item) => (
        <GroupShareForm key={item.group.id} item={item} />
      ))}
    </section>
  );
}

function GroupShareForm({ item }: { item: MyGroupShare }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const save = useSetGroupShares();
  const headingId = useId();
  const [shares, setShares] = useState<GroupShareItem[]>(item.shares);
  const [status, setStatus] = useState("");
  const group = item.group.name;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    save.mutate(
      { groupId: item.group.id, shares },
      {
        onSuccess: (saved) =>
          setStatus(
            saved.shares.length > 0
              ? t("progress.groupShare.saved", { group })
              : t("progress.groupShare.savedNothing", { group }),
          ),
      },
    );
  };

  return (
    <section className="card stack-small" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/groups/${item.group.id}`}>{group}</Link>
      </h3>
      <form className="stack-small" onSubmit={submit} noValidate>
        <ShareChoices
          value={shares}
          onChange={setShares}
          items={GROUP_SHARE_ITEMS}
          legend={t("progress.groupShare.legend", { group })}
          hint={t("progress.groupShare.hint")}
          detail={(share) => t(`progress.groupShare.${share}Detail`)}
        />
        {save.error && <p className="field__error">{errorText(save.error)}</p>}
        <StatusMessage message={status || undefined} />
        <div className="form-actions">
          <Button type="submit" small variant="secondary" pending={save.isPending} pendingLabel={t("common.saving")}>
            {t("progress.groupShare.save", { group })}
          </Button>
        </div>
      </form>
    </section>
  );
}
