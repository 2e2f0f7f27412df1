import { MENTOR_SHARE_ITEMS, type MentorShareItem, type Mentorship } from "@kinship/contracts/mentorship";
import { type FormEvent, type KeyboardEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextAreaField } from "../../ui/Field.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useCancelHandoff, useEnd, useMentorship, useProposeHandoff, useSetShares, useSharedWithMe } from "./api.ts";
import { useConversation } from "./conversation.ts";
import { CheckGroup, useFormErrors } from "./shared.tsx";

/** One mentorship: the private conversation, what is shared, a hand-off, and ending it kindly. */
export function ConversationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = "" } = useParams();
  const mentorship = useMentorship(id);
  if (mentorship.isPending) return <Loading />;
  if (mentorship.error) return <Notice tone="error">{errorText(mentorship.error)}</Notice>;
  const m = mentorship.data;
  const title =
    m.role === "mentor"
      ? t("mentorship.home.youMentor", { handle: m.other.handle })
      : t("mentorship.home.yourMentor", { handle: m.other.handle });
  return (
    <div className="stack">
      <PageTitle>{title}</PageTitle>
      <StateNotice mentorship={m} />
      <div className="m-layout">
        {m.status !== "requested" && <Conversation mentorship={m} />}
        <div className="stack">
          {m.can.share && <ShareCard mentorship={m} />}
          {m.can.seeShared && <SharedCard mentorship={m} />}
          {m.can.proposeHandoff && <HandoffCard mentorship={m} />}
          {m.can.end && <EndCard mentorship={m} />}
        </div>
      </div>
    </div>
  );
}

function StateNotice({ mentorship: m }: { mentorship: Mentorship }) {
  const { t } = useTranslation();
  const cancel = useCancelHandoff();
  if (m.status === "requested") return <Notice>{t("mentorship.chat.requested", { handle: m.other.handle })}</Notice>;
  if (m.status === "ended")
    return (
      <Notice title={t("mentorship.chat.ended")}>
        {m.endNote && <blockquote className="m-quote">{m.endNote}</blockquote>}
        <p>
          {m.endedBy === "me"
            ? t("mentorship.chat.endedByMe")
            : t("mentorship.chat.endedByThem", { handle: m.other.handle })}
        </p>
      </Notice>
    );
  if (!m.handoffProposed) return null;
  if (m.can.answerHandoff)
    return (
      <Notice title={t("mentorship.handoff.askedTitle")}>
        <p>{t("mentorship.handoff.asked", { handle: m.other.handle })}</p>
        <div className="cluster">
          <ButtonLink to={`/mentorship/find?handoff=${m.id}`}>{t("mentorship.handoff.choose")}</ButtonLink>
          <Button variant="secondary" pending={cancel.isPending} onClick={() => cancel.mutate({ id: m.id })}>
            {t("mentorship.handoff.stay", { handle: m.other.handle })}
          </Button>
        </div>
      </Notice>
    );
  return (
    <Notice>
      <p>{t("mentorship.handoff.proposed", { handle: m.other.handle })}</p>
      <Button variant="secondary" small pending={cancel.isPending} onClick={() => cancel.mutate({ id: m.id })}>
        {t("mentorship.handoff.takeBack")}
      </Button>
    </Notice>
  );
}

function Conversation({ mentorship: m }: { mentorship: Mentorship }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const when = useDateTime();
  const c = useConversation(m.id);
  const [text, setText] = useState("");
  const lastMine = [...c.messages].reverse().find((x) => x.mine);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const words = text.trim();
    if (!words) return;
    void c.sendText(words);
    setText("");
  };
  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <section className="card stack-small m-chat" aria-labelledby="m-chat-title">
      <h2 id="m-chat-title">{t("mentorship.chat.title")}</h2>
      <p className="muted m-private">{t("mentorship.chat.private")}</p>
      {c.loadError ? <Notice tone="error">{errorText(c.loadError)}</Notice> : null}
      {c.hasEarlier && (
        <Button variant="quiet" small onClick={() => void c.loadEarlier()}>
          {t("mentorship.chat.earlier")}
        </Button>
      )}
      {!c.loaded && !c.loadError && <Loading />}
      <ol className="m-messages" aria-live="polite" aria-label={t("mentorship.chat.log")}>
        {c.loaded && c.messages.length === 0 && <li className="muted">{t("mentorship.chat.empty")}</li>}
        {c.messages.map((x) => (
          <li key={x.seq} className={x.mine ? "m-msg m-msg--mine" : "m-msg"}>
            <span className="m-msg__meta">
              {x.mine ? t("mentorship.chat.you") : `@${x.from}`} · <time dateTime={x.at}>{when(x.at)}</time>
            </span>
            <span className="m-msg__text">{x.text}</span>
            {x.seq === lastMine?.seq && c.theirRead >= x.seq && (
              <span className="m-msg__seen">{t("mentorship.chat.seen")}</span>
            )}
          </li>
        ))}
        {c.pending.map((p) => (
          <li key={p.id} className="m-msg m-msg--mine m-msg--pending">
            <span className="m-msg__text">{p.text}</span>
            {p.error ? (
              <span className="m-msg__error">
                {t("mentorship.chat.notSent")} {p.error !== "failed" ? p.error : ""}{" "}
                <Button variant="quiet" small onClick={() => void c.sendText(p.text, p.id)}>
                  {t("mentorship.chat.retry")}
                </Button>
                <Button variant="quiet" small onClick={() => c.discard(p.id)}>
                  {t("mentorship.chat.discard")}
                </Button>
              </span>
            ) : (
              <span className="m-msg__meta">{t("mentorship.chat.sending")}</span>
            )}
          </li>
        ))}
      </ol>
      <p className="m-typing" aria-live="polite">
        {c.typing ? t("mentorship.chat.typing", { handle: c.typing }) : ""}
      </p>
      {m.can.message && (
        <form className="stack-small" onSubmit={submit} noValidate>
          <TextAreaField
            label={t("mentorship.chat.yourMessage")}
            hint={t("mentorship.chat.hint")}
            value={text}
            rows={3}
            maxLength={4000}
            onKeyDown={onKey}
            onChange={(e) => {
              setText(e.target.value);
              c.sayTyping();
            }}
          />
          <div className="cluster">
            <Button type="submit">{t("mentorship.chat.send")}</Button>
            {!c.live && <span className="muted">{t("mentorship.chat.offline")}</span>}
          </div>
        </form>
      )}
    </section>
  );
}

function ShareCard({ mentorship: m }: { mentorship: Mentorship }) {
  const { t } = useTranslation();
  const set = useSetShares();
  const [items, setItems] = useState<MentorShareItem[]>(m.shares);
  const [saved, setSaved] = useState("");
  const errors = useFormErrors(set.error, []);
  return (
    <Card title={t("mentorship.share.title")} level={2}>
      <form
        className="stack-small"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved("");
          set.mutate({ id: m.id, items }, { onSuccess: () => setSaved(t("mentorship.share.saved")) });
        }}
      >
        <FormError message={errors.form} />
        <CheckGroup
          legend={t("mentorship.share.legend", { handle: m.other.handle })}
          hint={t("mentorship.share.hint")}
          options={MENTOR_SHARE_ITEMS}
          value={items}
          onChange={setItems}
          label={(i) => t(`mentorship.share.${i}`)}
        />
        <StatusMessage message={saved || undefined} />
        <Button type="submit" variant="secondary" pending={set.isPending}>
          {t("mentorship.share.save")}
        </Button>
      </form>
    </Card>
  );
}

function SharedCard({ mentorship: m }: { mentorship: Mentorship }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const shared = useSharedWithMe(m.id, open);
  const v = shared.data;
  return (
    <Card title={t("mentorship.shared.title", { handle: m.other.handle })}>
      {m.shares.length === 0 ? (
        <p className="muted">{t("mentorship.shared.nothing", { handle: m.other.handle })}</p>
      ) : !open ? (
        <>
          <p className="muted">{t("mentorship.shared.logged", { handle: m.other.handle })}</p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t("mentorship.shared.show")}
          </Button>
        </>
      ) : shared.isPending ? (
        <Loading />
      ) : shared.error ? (
        <Notice tone="error">{errorText(shared.error)}</Notice>
      ) : (
        <div className="stack-small">
          {v?.journeys?.map((j) => (
            <p key={j.id}>{t("mentorship.shared.journey", { label: j.label, count: j.currentDays })}</p>
          ))}
          {v?.milestones && v.milestones.length > 0 && (
            <p>{t("mentorship.shared.milestones", { count: v.milestones.length })}</p>
          )}
          {v?.checkins && (
            <div>
              <h3 className="m-h4">{t("mentorship.shared.checkins")}</h3>
              <ul className="list-plain">
                {v.checkins.slice(-7).map((c) => (
                  <li key={c.date}>
                    {t("mentorship.shared.checkin", { date: c.date, mood: c.mood, craving: c.craving })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {v?.goals && (
            <div>
              <h3 className="m-h4">{t("mentorship.shared.goals")}</h3>
              <ul className="list-plain">
                {v.goals.map((g) => (
                  <li key={g.id}>{g.title}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}

function HandoffCard({ mentorship: m }: { mentorship: Mentorship }) {
  const { t } = useTranslation();
  const propose = useProposeHandoff();
  return (
    <Card title={t("mentorship.handoff.title")}>
      <p className="muted">{t("mentorship.handoff.intro", { handle: m.other.handle })}</p>
      <Button variant="secondary" pending={propose.isPending} onClick={() => propose.mutate({ id: m.id })}>
        {t("mentorship.handoff.propose")}
      </Button>
    </Card>
  );
}

function EndCard({ mentorship: m }: { mentorship: Mentorship }) {
  const { t } = useTranslation();
  const end = useEnd();
  const [note, setNote] = useState("");
  const errors = useFormErrors(end.error, ["note"]);
  return (
    <Card title={t("mentorship.end.title")}>
      <details className="m-details">
        <summary>{t("mentorship.end.open")}</summary>
        <form
          className="stack-small"
          onSubmit={(e) => {
            e.preventDefault();
            end.mutate({ id: m.id, note: note.trim() });
          }}
          noValidate
        >
          <p className="field__hint">{t("mentorship.end.hint", { handle: m.other.handle })}</p>
          <FormError message={errors.form} />
          <TextAreaField
            label={t("mentorship.end.note")}
            value={note}
            rows={3}
            maxLength={1000}
            error={errors.field.note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button type="submit" variant="danger" pending={end.isPending}>
            {t("mentorship.end.confirm")}
          </Button>
        </form>
      </details>
      <p>
        <Link to="/mentorship">{t("mentorship.end.back")}</Link>
      </p>
    </Card>
  );
}
