import type { Group } from "@kinship/contracts/directory";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextAreaField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { GroupBoardLink } from "../forums/BoardLinks.tsx";
import { GroupSharedProgress } from "../progress/GroupProgress.tsx";
import { useGroup, useJoinGroup, useLeaveGroup, useMe, useUpdateGroup } from "./api.ts";
import { GroupForm } from "./GroupForm.tsx";
import { GroupMeetings } from "./GroupMeetings.tsx";
import { GroupMembers } from "./GroupMembers.tsx";
import { SuggestionsCard } from "./SuggestionsCard.tsx";
import { isNotFound, LoadError, LoginPrompt, NotFoundState } from "./shared.tsx";
import { useLanguageName } from "./vocabulary.ts";

/** A group: what it is, its meetings, joining and leaving, and the tools of the people who run it. */
export function GroupPage() {
  const { t } = useTranslation();
  const groupId = useParams().id ?? "";
  const group = useGroup(groupId);

  if (group.isPending) return <Loading />;
  if (isNotFound(group.error))
    return (
      <NotFoundState
        title={t("directory.group.notFoundTitle")}
        body={t("directory.group.notFoundBody")}
        back={<ButtonLink to="/groups">{t("directory.group.backToGroups")}</ButtonLink>}
      />
    );
  if (group.isError)
    return <LoadError error={group.error} retry={() => group.refetch()} retrying={group.isRefetching} />;
  return <GroupDetails group={group.data} />;
}

function GroupDetails({ group }: { group: Group }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const [editing, setEditing] = useState(false);
  const isMember = group.viewer.status === "active";
  const canManage = group.viewer.canManage;

  return (
    <div className="stack">
      <div>
        <PageTitle
          eyebrow={<Link to={`/organisations/${group.organisationId}`}>{group.organisationName}</Link>}
          intro={group.description || undefined}
        >
          {group.name}
        </PageTitle>
        <p className="badge-row">
          <span className="badge badge--accent">{t(`directory.focus.${group.focus}`)}</span>
          <span className="badge">{t(`directory.format.${group.format}`)}</span>
          <span className="badge">{t(`directory.groupForm.${group.membership}Short`)}</span>
          {group.languages.map((code) => (
            <span key={code} className="badge">
              {languageName(code)}
            </span>
          ))}
          {group.memberCount !== null && (
            <span className="badge">{t("directory.group.memberCount", { count: group.memberCount })}</span>
          )}
        </p>
      </div>

      <div className="meeting-page__grid">
        <div className="stack">
          <GroupMeetings group={group} />
          {group.guidelines && (
            <Card title={t("directory.group.guidelines")}>
              <p className="pre-line">{group.guidelines}</p>
            </Card>
          )}
          <GroupBoardLink groupId={group.id} member={isMember} />
          <GroupSharedProgress groupId={group.id} member={isMember} />
          {(isMember || canManage) && <GroupMembers group={group} />}
          {canManage && <SuggestionsCard groupId={group.id} />}
        </div>
        <div className="stack">
          <MembershipCard group={group} />
          {canManage && (
            <Card title={t("directory.group.manageTitle")}>
              {editing ? (
                <EditGroup group={group} onDone={() => setEditing(false)} />
              ) : (
                <>
                  <p>{t("directory.group.manageBody")}</p>
                  <Button variant="secondary" small onClick={() => setEditing(true)}>
                    {t("directory.group.edit")}
                  </Button>
                </>
              )}
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}

function EditGroup({ group, onDone }: { group: Group; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateGroup(group.id);
  return (
    <GroupForm
      group={group}
      submitLabel={t("directory.group.save")}
      pending={update.isPending}
      serverError={update.error}
      onSubmit={(values) => update.mutate(values, { onSuccess: onDone })}
      onCancel={onDone}
    />
  );
}

/** Join (reading and accepting the agreement), the state of a request, or leaving. */
function MembershipCard({ group }: { group: Group }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const here = useLocation().pathname;
  const [notice, setNotice] = useState("");
  const status = group.viewer.status;

  return (
    <Card title={t("directory.join.title")}>
      <StatusMessage message={notice || undefined} />
      {!me && <LoginPrompt from={here}>{t("directory.join.loginFirst")}</LoginPrompt>}
      {me && status === "none" && <JoinForm group={group} onJoined={setNotice} />}
      {me && status !== "none" && <LeaveOrWithdraw group={group} onLeft={setNotice} />}
    </Card>
  );
}

function JoinForm({ group, onJoined }: { group: Group; onJoined: (message: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const join = useJoinGroup(group.id);
  const [open, setOpen] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState("");
  const checkbox = useRef<HTMLInputElement>(null);
  const closed = group.membership === "closed";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!accepted) {
      setProblem(t("directory.join.mustAccept"));
      checkbox.current?.focus();
      return;
    }
    setProblem("");
    join.mutate(
      { acceptAgreement: true, message: closed && message.trim() ? message.trim() : undefined },
      {
        onSuccess: (joined) =>
          onJoined(joined.viewer.status === "active" ? t("directory.join.welcome") : t("directory.join.requested")),
      },
    );
  };

  if (!open)
    return (
      <div className="stack-small">
        <p>{closed ? t("directory.join.closedIntro") : t("directory.join.openIntro")}</p>
        <Button onClick={() => setOpen(true)} aria-expanded={false}>
          {closed ? t("directory.join.askToJoin") : t("directory.join.join")}
        </Button>
      </div>
    );

  return (
    <form className="stack-small" onSubmit={submit} noValidate>
      <h3 id="agreement-title">{t("directory.join.agreement")}</h3>
      <div className="agreement pre-line">{group.confidentialityAgreement}</div>
      <div className="field">
        {problem && (
          <p className="field__error" id="accept-error">
            {problem}
          </p>
        )}
        <label className="choice choice--boxed">
          <input
            ref={checkbox}
            type="checkbox"
            checked={accepted}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "accept-error" : undefined}
            onChange={(event) => setAccepted(event.target.checked)}
          />
          <span>{t("directory.join.accept")}</span>
        </label>
      </div>
      {closed && (
        <TextAreaField
          label={t("directory.join.message")}
          hint={t("directory.join.messageHint")}
          value={message}
          maxLength={500}
          rows={3}
          onChange={(event) => setMessage(event.target.value)}
        />
      )}
      <FormError message={join.isError ? errorText(join.error) : undefined} />
      <div className="form-actions">
        <Button type="submit" pending={join.isPending} pendingLabel={t("common.saving")}>
          {closed ? t("directory.join.sendRequest") : t("directory.join.join")}
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          {t("directory.form.cancel")}
        </Button>
      </div>
    </form>
  );
}

function LeaveOrWithdraw({ group, onLeft }: { group: Group; onLeft: (message: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const leave = useLeaveGroup(group.id);
  const [confirming, setConfirming] = useState(false);
  const requested = group.viewer.status === "requested";
  const role = group.viewer.role;

  return (
    <div className="stack-small">
      {requested ? (
        <>
          <p>
            <span className="badge badge--accent">{t("directory.group.requestSent")}</span>
          </p>
          <p>{t("directory.join.requestWaiting")}</p>
        </>
      ) : (
        <p>{t("directory.join.youreIn", { role: t(`directory.role.${role ?? "member"}`) })}</p>
      )}
      {!confirming ? (
        <Button variant="secondary" small onClick={() => setConfirming(true)}>
          {requested ? t("directory.join.withdraw") : t("directory.join.leave")}
        </Button>
      ) : (
        <div className="stack-small">
          <p>{requested ? t("directory.join.withdrawConfirm") : t("directory.join.leaveConfirm")}</p>
          <div className="cluster">
            <Button
              variant="danger"
              small
              pending={leave.isPending}
              pendingLabel={t("common.saving")}
              onClick={() =>
                leave.mutate(undefined, {
                  onSuccess: () => onLeft(requested ? t("directory.join.withdrawn") : t("directory.join.left")),
                })
              }
            >
              {requested ? t("directory.join.withdrawYes") : t("directory.join.leaveYes")}
            </Button>
            <Button variant="quiet" small onClick={() => setConfirming(false)}>
              {t("directory.join.stay")}
            </Button>
          </div>
        </div>
      )}
      <FormError message={leave.isError ? errorText(leave.error) : undefined} />
    </div>
  );
}
