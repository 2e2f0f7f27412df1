import type { Notice as NoticeItem, Partnership, ShareItem } from "@kinship/contracts/progress";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextField } from "../../ui/Field.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import {
  useAcceptPartner,
  useEncourage,
  useEndPartnership,
  useInvitePartner,
  useMarkNoticesRead,
  useNotices,
  usePartners,
  useSetShares,
} from "./api.ts";
import { GroupSharesCard } from "./GroupSharesCard.tsx";
import { ShareChoices } from "./ShareChoices.tsx";
import { useFormErrors, useMilestoneName } from "./shared.tsx";

/** Accountability partners: invite, accept, choose what to share item by item, encourage, end. */
export function PartnersPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const partners = usePartners();
  const items = partners.data?.items ?? [];
  const incoming = items.filter((p) => p.status === "pending" && p.direction === "incoming");
  const outgoing = items.filter((p) => p.status === "pending" && p.direction === "outgoing");
  const active = items.filter((p) => p.status === "active");

  return (
    <div className="stack">
      <PageTitle intro={t("progress.partners.intro")}>{t("progress.partners.title")}</PageTitle>
      <Notices />
      {partners.isPending && <Loading />}
      {partners.error && <Notice tone="error">{errorText(partners.error)}</Notice>}
      {incoming.map((p) => (
        <Invitation key={p.id} partnership={p} />
      ))}
      {active.length > 0 && (
        <section className="stack-small" aria-labelledby="active-partners">
          <h2 id="active-partners">{t("progress.partners.active")}</h2>
          {active.map((p) => (
            <ActivePartner key={p.id} partnership={p} />
          ))}
        </section>
      )}
      {partners.data && active.length === 0 && incoming.length === 0 && (
        <Card tone="soft">
          <p>{t("progress.partners.empty")}</p>
        </Card>
      )}
      {outgoing.length > 0 && (
        <section className="stack-small" aria-labelledby="waiting-partners">
          <h2 id="waiting-partners">{t("progress.partners.waiting")}</h2>
          <ul className="list-plain stack-small">
            {outgoing.map((p) => (
              <li key={p.id}>
                <Waiting partnership={p} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <Invite />
      <GroupSharesCard />
    </div>
  );
}

function Invite() {
  const { t } = useTranslation();
  const invite = useInvitePartner();
  const [handle, setHandle] = useState("");
  const [shares, setShares] = useState<ShareItem[]>(["milestones", "checkins"]);
  const [sent, setSent] = useState("");
  const errors = useFormErrors(invite.error, ["handle", "shares"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSent("");
    const who = handle.trim().replace(/^@/, "");
    invite.mutate(
      { handle: who, shares },
      {
        onSuccess: (p) => {
          setSent(p.partner.handle);
          setHandle("");
        },
      },
    );
  };

  return (
    <Card title={t("progress.partners.inviteTitle")}>
      <form className="stack-small" onSubmit={onSubmit} noValidate>
        <p>{t("progress.partners.inviteIntro")}</p>
        <FormError message={errors.form} />
        <TextField
          label={t("progress.partners.handle")}
          value={handle}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          onChange={(e) => setHandle(e.target.value)}
          error={errors.field.handle}
          required
        />
        <ShareChoices value={shares} onChange={setShares} legend={t("progress.share.legend")} />
        <StatusMessage message={sent ? t("progress.partners.sent", { handle: sent }) : undefined} />
        <div className="form-actions">
          <Button type="submit" pending={invite.isPending} pendingLabel={t("progress.partners.sending")}>
            {t("progress.partners.send")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Invitation({ partnership }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const accept = useAcceptPartner();
  const end = useEndPartnership();
  const errorText = useErrorText();
  const [shares, setShares] = useState<ShareItem[]>([]);
  return (
    <Card title={t("progress.partners.invitedBy", { handle: partnership.partner.handle })} tone="soft">
      <p>{t("progress.partners.invitedIntro", { handle: partnership.partner.handle })}</p>
      <ShareChoices value={shares} onChange={setShares} legend={t("progress.share.legendBack")} />
      {(accept.error || end.error) && <p className="field__error">{errorText(accept.error ?? end.error)}</p>}
      <div className="cluster">
        <Button pending={accept.isPending} onClick={() => accept.mutate({ partnershipId: partnership.id, shares })}>
          {t("progress.partners.accept")}
        </Button>
        <Button variant="secondary" pending={end.isPending} onClick={() => end.mutate(partnership.id)}>
          {t("progress.partners.decline")}
        </Button>
      </div>
    </Card>
  );
}

function Waiting({ partnership }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const end = useEndPartnership();
  return (
    <div className="card cluster waiting">
      <span>{t("progress.partners.waitingFor", { handle: partnership.partner.handle })}</span>
      <Button small variant="quiet" pending={end.isPending} onClick={() => end.mutate(partnership.id)}>
        {t("progress.partners.withdraw")}
      </Button>
    </div>
  );
}

function ActivePartner({ partnership }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const setSharesMutation = useSetShares();
  const end = useEndPartnership();
  const encourage = useEncourage();
  const errorText = useErrorText();
  const headingId = useId();
  const [shares, setShares] = useState<ShareItem[]>(partnership.myShares);
  const [message, setMessage] = useState("");
  const [status, setStatus] = useState("");
  const [confirmEnd, setConfirmEnd] = useState(false);
  const handle = partnership.partner.handle;
  const encourageErrors = useFormErrors(encourage.error, ["message"]);

  const saveShares = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    setSharesMutation.mutate(
      { partnershipId: partnership.id, shares },
      { onSuccess: () => setStatus(t("progress.share.saved")) },
    );
  };
  const sendEncouragement = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    encourage.mutate(
      { partnershipId: partnership.id, message: message.trim() },
      {
        onSuccess: () => {
          setMessage("");
          setStatus(t("progress.partners.encouraged", { handle }));
        },
      },
    );
  };

  return (
    <section className="card stack-small" aria-labelledby={headingId}>
      <h3 id={headingId}>@{handle}</h3>
      <p>
        {partnership.theirShares.length > 0
          ? t("progress.partners.theyShare", {
              items: partnership.theirShares.map((item) => t(`progress.share.${item}`)).join(", "),
            })
          : t("progress.partners.theyShareNothing", { handle })}
      </p>
      <p>
        <ButtonLink variant="secondary" small to={`/progress/partners/${partnership.id}`}>
          {t("progress.partners.view", { handle })}
        </ButtonLink>
      </p>
      <StatusMessage message={status || undefined} />
      <form className="stack-small" onSubmit={saveShares} noValidate>
        <ShareChoices value={shares} onChange={setShares} legend={t("progress.share.legendWith", { handle })} />
        {setSharesMutation.error && <p className="field__error">{errorText(setSharesMutation.error)}</p>}
        <div className="form-actions">
          <Button type="submit" small variant="secondary" pending={setSharesMutation.isPending}>
            {t("progress.share.save")}
          </Button>
        </div>
      </form>
      <form className="stack-small" onSubmit={sendEncouragement} noValidate>
        <TextField
          label={t("progress.partners.encourageLabel", { handle })}
          hint={t("progress.partners.encourageHint")}
          value={message}
          maxLength={280}
          onChange={(e) => setMessage(e.target.value)}
          error={encourageErrors.field.message ?? encourageErrors.form}
        />
        <div className="form-actions">
          <Button type="submit" small pending={encourage.isPending}>
            {t("progress.partners.encourage")}
          </Button>
        </div>
      </form>
      {!confirmEnd ? (
        <div>
          <Button small variant="quiet" onClick={() => setConfirmEnd(true)}>
            {t("progress.partners.end")}
          </Button>
        </div>
      ) : (
        <div className="notice notice--info stack-small">
          <p>{t("progress.partners.endConfirm", { handle })}</p>
          <div className="cluster">
            <Button small variant="danger" pending={end.isPending} onClick={() => end.mutate(partnership.id)}>
              {t("progress.partners.endYes")}
            </Button>
            <Button small variant="secondary" onClick={() => setConfirmEnd(false)}>
              {t("progress.common.cancel")}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

function Notices() {
  const { t } = useTranslation();
  const notices = useNotices();
  const markRead = useMarkNoticesRead();
  const when = useDateTime();
  const items = notices.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={t("progress.notices.title")} tone="soft">
      <ul className="list-plain stack-small">
        {items.map((n) => (
          <li key={n.id} className={n.read ? "notice-item" : "notice-item notice-item--unread"}>
            <NoticeText notice={n} />
            <span className="muted notice-item__when">{when(n.createdAt)}</span>
          </li>
        ))}
      </ul>
      {(notices.data?.unread ?? 0) > 0 && (
        <div>
          <Button small variant="secondary" pending={markRead.isPending} onClick={() => markRead.mutate()}>
            {t("progress.notices.markRead")}
          </Button>
        </div>
      )}
    </Card>
  );
}

function NoticeText({ notice }: { notice: NoticeItem }) {
  const { t } = useTranslation();
  const milestoneName = useMilestoneName();
  const handle = notice.from.handle;
  if (notice.kind === "encouragement") {
    return (
      <p>
        {t("progress.notices.encouragement", { handle })} <q className="notice-item__quote">{notice.message}</q>
      </p>
    );
  }
  if (notice.kind === "milestone") {
    const milestone = milestoneName(notice.milestone ?? "1d");
    return (
      <p>
        {notice.journeyLabel
          ? t("progress.notices.milestoneIn", { handle, milestone, journey: notice.journeyLabel })
          : t("progress.notices.milestone", { handle, milestone })}
      </p>
    );
  }
  if (notice.kind === "goal_missed") {
    return <p>{t("progress.notices.goalMissed", { handle, goal: notice.goalTitle ?? "" })}</p>;
  }
  return <p>{t("progress.notices.struggling", { handle })}</p>;
}
