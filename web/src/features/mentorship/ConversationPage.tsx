import {
  MAX_REPORTED_MESSAGES,
  MENTOR_SHARE_ITEMS,
  type MentorShareItem,
  type Mentorship,
  type Message,
} from "@kinship/contracts/mentorship";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { CrisisPanel } from "../../ui/CrisisPanel.tsx";
import { SelectField, TextAreaField } from "../../ui/Field.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { useLikelyKeyboard } from "../../ui/media.ts";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { type ReasonCode, ReasonSelect } from "../../ui/ReasonSelect.tsx";
import {
  useCancelHandoff,
  useEnd,
  useMentorship,
  useProposeHandoff,
  useReportConversation,
  useSetShares,
  useSharedWithMe,
} from "./api.ts";
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
    m.kind === "direct"
      ? t("mentorship.direct.with", { handle: m.other.handle })
      : m.role === "mentor"
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
          {m.kind === "direct" && (
            <p>
              <Link to="/mentorship/messages">{t("mentorship.direct.back")}</Link>
            </p>
          )}
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
  const keyboard = useLikelyKeyboard();
  const errorText = useErrorText();
  const when = useDateTime();
  const c = useConversation(m.id);
  const [text, setText] = useState("");
  const lastMine = [...c.messages].reverse().find((x) => x.mine);
  // The newest message is at the bottom of a scrolling list: open there, and follow each new one
  // (but not when earlier messages are loaded above).
  const list = useRef<HTMLOListElement>(null);
  const lastSeq = c.messages.at(-1)?.seq;
  const pendingCount = c.pending.length;
  useEffect(() => {
    if (lastSeq === undefined && pendingCount === 0) return;
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lastSeq, pendingCount]);

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
      {c.crisis && <CrisisPanel notice={c.crisis} sent onClose={c.dismissCrisis} />}
      {c.loadError ? <Notice tone="error">{errorText(c.loadError)}</Notice> : null}
      {c.hasEarlier && (
        <Button variant="quiet" small onClick={() => void c.loadEarlier()}>
          {t("mentorship.chat.earlier")}
        </Button>
      )}
      {!c.loaded && !c.loadError && <Loading />}
      {/* The list scrolls once the conversation is long: it takes focus, so a keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <ol ref={list} tabIndex={0} className="m-messages" aria-live="polite" aria-label={t("mentorship.chat.log")}>
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
            hint={keyboard ? t("mentorship.chat.hint") : undefined}
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
      {c.messages.some((x) => !x.mine) && <ReportConversation mentorship={m} messages={c.messages} />}
    </section>
  );
}

const LATEST = [5, 10, 20] as const;
const preview = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/**
 * Either side may report the conversation: only the messages they choose (or the latest few) are
 * copied for the community's moderators, who can read nothing else of it.
 */
function ReportConversation({ mentorship: m, messages }: { mentorship: Mentorship; messages: Message[] }) {
  const { t } = useTranslation();
  const report = useReportConversation();
  const [which, setWhich] = useState<"latest" | "chosen">("latest");
  const [latest, setLatest] = useState<number>(10);
  const [chosen, setChosen] = useState<number[]>([]);
  const [reason, setReason] = useState<ReasonCode>("harassment");
  const [note, setNote] = useState("");
  const errors = useFormErrors(report.error, ["note", "seqs"]);
  const recent = messages.slice(-MAX_REPORTED_MESSAGES);
  const bySeq = new Map(recent.map((x) => [x.seq, x]));
  if (report.isSuccess)
    return (
      <Notice title={t("mentorship.report.sentTitle")}>
        <p>{t("mentorship.report.sent")}</p>
        <p>
          <Link to="/notices">{t("mentorship.report.follow")}</Link>
        </p>
      </Notice>
    );
  return (
    <details className="m-details">
      <summary>{t("mentorship.report.open")}</summary>
      <form
        className="stack-small"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body =
            which === "latest"
              ? { reason, note: note.trim(), last: latest }
              : { reason, note: note.trim(), seqs: chosen };
          report.mutate({ id: m.id, body });
        }}
      >
        <p className="field__hint">{t("mentorship.report.hint", { handle: m.other.handle })}</p>
        <FormError message={errors.form} />
        <fieldset className="m-fieldset">
          <legend className="field__label">{t("mentorship.report.which")}</legend>
          <label className="m-check">
            <input type="radio" name="which" checked={which === "latest"} onChange={() => setWhich("latest")} />
            <span>{t("mentorship.report.latest")}</span>
          </label>
          <label className="m-check">
            <input type="radio" name="which" checked={which === "chosen"} onChange={() => setWhich("chosen")} />
            <span>{t("mentorship.report.chosen")}</span>
          </label>
        </fieldset>
        {which === "latest" ? (
          <SelectField
            label={t("mentorship.report.howMany")}
            value={latest}
            onChange={(e) => setLatest(Number(e.target.value))}
          >
            {LATEST.map((n) => (
              <option key={n} value={n}>
                {t("mentorship.report.count", { count: n })}
              </option>
            ))}
          </SelectField>
        ) : (
          <CheckGroup
            legend={t("mentorship.report.choose")}
            options={recent.map((x) => x.seq)}
            value={chosen}
            onChange={setChosen}
            error={errors.field.seqs}
            label={(seq) => {
              const x = bySeq.get(seq);
              return x ? `${x.mine ? t("mentorship.chat.you") : `@${x.from}`}: ${preview(x.text)}` : "";
            }}
          />
        )}
        {which === "latest" && errors.field.seqs && <p className="field__error">{errors.field.seqs}</p>}
        <ReasonSelect value={reason} onChange={setReason} />
        <TextAreaField
          label={t("forums.report.note")}
          value={note}
          rows={3}
          maxLength={2000}
          error={errors.field.note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Button type="submit" variant="secondary" pending={report.isPending}>
          {t("forums.report.send")}
        </Button>
      </form>
    </details>
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
