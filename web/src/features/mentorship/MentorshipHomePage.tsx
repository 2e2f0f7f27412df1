import type { DeclineReason, Mentorship } from "@kinship/contracts/mentorship";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useAccept, useDecline, useMentorships, useWithdraw } from "./api.ts";
import { useLiveMentorships } from "./conversation.ts";

const REASONS: DeclineReason[] = ["capacity", "fit", "timing", "break"];

/** My mentorships on both sides: requests to answer, active ones, my waiting requests, and earlier ones. */
export function MentorshipHomePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  useLiveMentorships();
  const list = useMentorships();
  const items = list.data?.items ?? [];
  const toAnswer = items.filter((m) => m.status === "requested" && m.role === "mentor");
  const active = items.filter((m) => m.status === "active");
  const waiting = items.filter((m) => m.status === "requested" && m.role === "mentee");
  const earlier = items.filter((m) => m.status !== "requested" && m.status !== "active");

  return (
    <div className="stack">
      <PageTitle intro={t("mentorship.home.intro")}>{t("mentorship.home.title")}</PageTitle>
      {list.isPending && <Loading />}
      {list.error && <Notice tone="error">{errorText(list.error)}</Notice>}
      {toAnswer.length > 0 && (
        <section className="stack-small" aria-labelledby="m-to-answer">
          <h2 id="m-to-answer">{t("mentorship.home.toAnswer")}</h2>
          {toAnswer.map((m) => (
            <Request key={m.id} mentorship={m} />
          ))}
        </section>
      )}
      {active.length > 0 && (
        <section className="stack-small" aria-labelledby="m-active">
          <h2 id="m-active">{t("mentorship.home.active")}</h2>
          <ul className="list-plain stack-small">
            {active.map((m) => (
              <li key={m.id} className="card m-row">
                <div>
                  <Link to={`/mentorship/${m.id}`} className="m-row__link">
                    {m.role === "mentor"
                      ? t("mentorship.home.youMentor", { handle: m.other.handle })
                      : t("mentorship.home.yourMentor", { handle: m.other.handle })}
                  </Link>
                  {m.handoffProposed && <p className="muted">{t("mentorship.home.handoffWaiting")}</p>}
                </div>
                {m.unread > 0 && (
                  <span className="badge badge--accent">{t("mentorship.home.unread", { count: m.unread })}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {waiting.length > 0 && (
        <section className="stack-small" aria-labelledby="m-waiting">
          <h2 id="m-waiting">{t("mentorship.home.waiting")}</h2>
          {waiting.map((m) => (
            <Waiting key={m.id} mentorship={m} />
          ))}
        </section>
      )}
      {list.data && toAnswer.length + active.length + waiting.length === 0 && (
        <Card tone="soft">
          <p>{t("mentorship.home.empty")}</p>
          <div className="cluster">
            <ButtonLink to="/mentorship/find">{t("mentorship.home.findCta")}</ButtonLink>
            <ButtonLink to="/mentorship/mentor" variant="secondary">
              {t("mentorship.home.mentorCta")}
            </ButtonLink>
          </div>
        </Card>
      )}
      {earlier.length > 0 && (
        <section className="stack-small" aria-labelledby="m-earlier">
          <h2 id="m-earlier">{t("mentorship.home.earlier")}</h2>
          <ul className="list-plain stack-small">
            {earlier.map((m) => (
              <li key={m.id} className="card stack-small">
                <Earlier mentorship={m} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Request({ mentorship: m }: { mentorship: Mentorship }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const accept = useAccept();
  const decline = useDecline();
  const [reason, setReason] = useState<DeclineReason>("timing");
  return (
    <Card title={t("mentorship.request.from", { handle: m.other.handle })} level={3} tone="soft">
      {m.handoff && <p className="muted">{t("mentorship.request.handoff")}</p>}
      <blockquote className="m-quote">{m.requestMessage}</blockquote>
      {(accept.error || decline.error) && <p className="field__error">{errorText(accept.error ?? decline.error)}</p>}
      <div className="cluster">
        <Button pending={accept.isPending} onClick={() => accept.mutate({ id: m.id })}>
          {t("mentorship.request.accept")}
        </Button>
      </div>
      <details className="m-details">
        <summary>{t("mentorship.request.notNow")}</summary>
        <div className="stack-small">
          <p className="field__hint">{t("mentorship.request.notNowHint")}</p>
          <SelectField
            label={t("mentorship.request.reason")}
            value={reason}
            onChange={(e) => setReason(e.target.value as DeclineReason)}
          >
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`mentorship.decline.${r}`)}
              </option>
            ))}
          </SelectField>
          <Button variant="secondary" pending={decline.isPending} onClick={() => decline.mutate({ id: m.id, reason })}>
            {t("mentorship.request.sendNotNow")}
          </Button>
        </div>
      </details>
    </Card>
  );
}

function Waiting({ mentorship: m }: { mentorship: Mentorship }) {
  const { t } = useTranslation();
  const withdraw = useWithdraw();
  return (
    <div className="card m-row">
      <span>{t("mentorship.home.waitingFor", { handle: m.other.handle })}</span>
      <Button small variant="quiet" pending={withdraw.isPending} onClick={() => withdraw.mutate({ id: m.id })}>
        {t("mentorship.home.withdraw")}
      </Button>
    </div>
  );
}

function Earlier({ mentorship: m }: { mentorship: Mentorship }) {
  const { t } = useTranslation();
  if (m.status === "declined") {
    // Never a rejection: the reason becomes kind words, and a next step.
    return m.role === "mentee" ? (
      <>
        <p>{t(`mentorship.declined.${m.declineReason ?? "timing"}`, { handle: m.other.handle })}</p>
        <Link to="/mentorship/find">{t("mentorship.declined.findAnother")}</Link>
      </>
    ) : (
      <p>{t("mentorship.declined.byMe", { handle: m.other.handle })}</p>
    );
  }
  if (m.status === "withdrawn") return <p>{t("mentorship.home.withdrawn", { handle: m.other.handle })}</p>;
  return (
    <>
      <Link to={`/mentorship/${m.id}`}>
        {m.role === "mentor"
          ? t("mentorship.home.endedMentee", { handle: m.other.handle })
          : t("mentorship.home.endedMentor", { handle: m.other.handle })}
      </Link>
      {m.endNote && <blockquote className="m-quote">{m.endNote}</blockquote>}
    </>
  );
}
