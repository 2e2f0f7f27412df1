import { type Group, type GroupMember, GroupRole } from "@kinship/contracts/directory";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { useGroupMembers, useMe, useMemberAction } from "./api.ts";
import { LoadError } from "./shared.tsx";

/**
 * Who is in the group. Members see each other; facilitators also see requests to join (with the
 * message people wrote) and can welcome, decline, change roles and remove.
 */
export function GroupMembers({ group }: { group: Group }) {
  const { t } = useTranslation();
  const members = useGroupMembers(group.id, true);
  const action = useMemberAction(group.id);
  const errorText = useErrorText();
  const [notice, setNotice] = useState("");
  const items = members.data?.items ?? [];
  const requests = items.filter((m) => m.status === "requested");
  const active = items.filter((m) => m.status === "active");
  const canManage = group.viewer.canManage;

  return (
    <Card title={t("directory.members.title")}>
      <p className="muted">{t("directory.members.privacy")}</p>
      <StatusMessage message={notice || undefined} />
      <FormError message={action.isError ? errorText(action.error) : undefined} />
      {members.isPending && <Loading />}
      {members.isError && (
        <LoadError error={members.error} retry={() => members.refetch()} retrying={members.isRefetching} />
      )}
      {canManage && requests.length > 0 && (
        <section aria-labelledby="requests-title" className="stack-small">
          <h3 id="requests-title">{t("directory.members.requests", { count: requests.length })}</h3>
          <ul className="list-plain member-list">
            {requests.map((member) => (
              <li key={member.handle}>
                <RequestRow
                  member={member}
                  pending={action.isPending && action.variables?.handle === member.handle}
                  onDecide={(kind) =>
                    action.mutate(
                      { kind, handle: member.handle },
                      {
                        onSuccess: () =>
                          setNotice(
                            kind === "approve"
                              ? t("directory.members.approved", { handle: member.handle })
                              : t("directory.members.declined", { handle: member.handle }),
                          ),
                      },
                    )
                  }
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      {members.data && (
        <section aria-labelledby="members-list-title" className="stack-small">
          <h3 id="members-list-title">{t("directory.members.list", { count: active.length })}</h3>
          <ul className="list-plain member-list">
            {active.map((member) => (
              <li key={member.handle}>
                <MemberRow
                  member={member}
                  canManage={canManage}
                  pending={action.isPending && action.variables?.handle === member.handle}
                  onRole={(role) =>
                    action.mutate(
                      { kind: "role", handle: member.handle, role },
                      {
                        onSuccess: () =>
                          setNotice(
                            t("directory.members.roleChanged", {
                              handle: member.handle,
                              role: t(`directory.role.${role}`),
                            }),
                          ),
                      },
                    )
                  }
                  onRemove={() =>
                    action.mutate(
                      { kind: "remove", handle: member.handle },
                      { onSuccess: () => setNotice(t("directory.members.removed", { handle: member.handle })) },
                    )
                  }
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Card>
  );
}

function RequestRow({
  member,
  pending,
  onDecide,
}: {
  member: GroupMember;
  pending: boolean;
  onDecide: (kind: "approve" | "decline") => void;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <div className="member-row stack-small">
      <p>
        <Link to={`/members/${encodeURIComponent(member.handle)}`}>@{member.handle}</Link>{" "}
        <span className="muted small">{t("directory.members.askedOn", { when: dateTime(member.since) })}</span>
      </p>
      {member.requestMessage && <blockquote className="request-message pre-line">{member.requestMessage}</blockquote>}
      <div className="cluster">
        <Button small pending={pending} pendingLabel={t("common.saving")} onClick={() => onDecide("approve")}>
          {t("directory.members.approve")}
          <span className="visually-hidden"> @{member.handle}</span>
        </Button>
        <Button variant="secondary" small onClick={() => onDecide("decline")} disabled={pending}>
          {t("directory.members.decline")}
          <span className="visually-hidden"> @{member.handle}</span>
        </Button>
      </div>
    </div>
  );
}

function MemberRow({
  member,
  canManage,
  pending,
  onRole,
  onRemove,
}: {
  member: GroupMember;
  canManage: boolean;
  pending: boolean;
  onRole: (role: GroupMember["role"]) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [confirming, setConfirming] = useState(false);
  const isMe = me?.handle.toLowerCase() === member.handle.toLowerCase();
  const selectId = `role-${member.handle}`;
  return (
    <div className="member-row">
      <p className="member-row__who">
        <Link to={`/members/${encodeURIComponent(member.handle)}`}>@{member.handle}</Link>
        {isMe && <span className="muted"> {t("directory.members.you")}</span>}
        {!canManage && <span className="badge">{t(`directory.role.${member.role}`)}</span>}
      </p>
      {canManage && !isMe && (
        <div className="cluster member-row__tools">
          <label htmlFor={selectId} className="visually-hidden">
            {t("directory.members.roleOf", { handle: member.handle })}
          </label>
          <select
            id={selectId}
            className="select select--small"
            value={member.role}
            disabled={pending}
            onChange={(event) => onRole(event.target.value as GroupMember["role"])}
          >
            {GroupRole.options.map((role) => (
              <option key={role} value={role}>
                {t(`directory.role.${role}`)}
              </option>
            ))}
          </select>
          {!confirming ? (
            <Button variant="quiet" small onClick={() => setConfirming(true)}>
              {t("directory.members.remove")}
              <span className="visually-hidden"> @{member.handle}</span>
            </Button>
          ) : (
            <>
              <Button variant="danger" small pending={pending} onClick={onRemove}>
                {t("directory.members.removeYes", { handle: member.handle })}
              </Button>
              <Button variant="quiet" small onClick={() => setConfirming(false)}>
                {t("directory.form.cancel")}
              </Button>
            </>
          )}
        </div>
      )}
      {canManage && isMe && <span className="badge">{t(`directory.role.${member.role}`)}</span>}
    </div>
  );
}
