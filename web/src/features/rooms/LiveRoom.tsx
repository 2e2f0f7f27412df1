import type { AttendMode, Reaction, RoomState } from "@kinship/contracts/rooms";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { CrisisPanel } from "../../ui/CrisisPanel.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { FacilitatorPanel, LobbyPanel, PeoplePanel } from "./panels.tsx";
import { ReportMessage } from "./ReportMessage.tsx";
import { type RoomConnection, type TranscriptItem, useRoom } from "./socket.ts";

const REACTIONS: Reaction[] = ["thank_you", "heart", "strength", "me_too"];

/** The live room: the floor, what is said, the queue, who is here, and the tools of whoever runs it. */
export function LiveRoom({
  roomId,
  mode,
  meetingSlug,
  onLeave,
}: {
  roomId: string;
  mode: AttendMode;
  meetingSlug: string;
  onLeave: () => void;
}) {
  const { t } = useTranslation();
  const { view, connection } = useRoom(roomId, mode);

  if (view.status === "refused")
    return (
      <Ended title={t("rooms.refusedTitle")} meetingSlug={meetingSlug}>
        {view.refusal?.message}
      </Ended>
    );
  if (view.status === "left") {
    const reason = view.reason ?? "left";
    return (
      <Ended title={t(`rooms.ended.${reason}Title`)} meetingSlug={meetingSlug}>
        {t(`rooms.ended.${reason}Body`)}
      </Ended>
    );
  }
  if (view.status === "lobby")
    return (
      <div className="stack measure">
        <PageTitle eyebrow={t("rooms.eyebrow")}>{t("rooms.lobby.title")}</PageTitle>
        <Notice>{t("rooms.lobby.body")}</Notice>
        <Loading label={t("rooms.lobby.waiting")} />
        <Button variant="secondary" onClick={onLeave}>
          {t("rooms.leave")}
        </Button>
      </div>
    );
  if (!view.state) return <Loading label={t("rooms.connecting")} />;
  return <Room state={view.state} view={view} connection={connection} onLeave={onLeave} />;
}

function Ended({ title, meetingSlug, children }: { title: string; meetingSlug: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="stack measure">
      {/* Not "Live meeting": this one has ended. */}
      <PageTitle eyebrow={t("rooms.title")}>{title}</PageTitle>
      <Notice>{children}</Notice>
      <ButtonLink to={`/meetings/${meetingSlug}`} variant="secondary">
        {t("rooms.backToMeeting")}
      </ButtonLink>
    </div>
  );
}

type ViewOf = ReturnType<typeof useRoom>["view"];

function Room({
  state,
  view,
  connection,
  onLeave,
}: {
  state: RoomState;
  view: ViewOf;
  connection: RoomConnection;
  onLeave: () => void;
}) {
  const { t } = useTranslation();
  const me = state.me;
  const listening = me.mode === "listener";
  const handUp = state.queue.includes(me.handle);
  const speaking = state.floor?.handle === me.handle;
  const facilitating = state.readings !== null;
  const canPost = !listening && !me.muted && (state.settings.crossTalk || speaking || facilitating);

  // Raise or lower a hand with the H key, anywhere but in a text field.
  useEffect(() => {
    if (listening || me.muted) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "h" || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable]")) return;
      event.preventDefault();
      connection.send({ type: "hand", raised: !handUp });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [connection, handUp, listening, me.muted]);

  return (
    <div className="room stack">
      {view.crisis && <CrisisPanel notice={view.crisis} onClose={() => connection.dismissCrisis()} />}
      <div className="room__head">
        <PageTitle eyebrow={t("rooms.eyebrow")}>{state.meetingName}</PageTitle>
        <p className="badge-row">
          <span className="badge">
            {state.settings.crossTalk ? t("rooms.badge.crossTalk") : t("rooms.badge.noCrossTalk")}
          </span>
          {state.settings.locked && <span className="badge">{t("rooms.badge.locked")}</span>}
          {state.settings.shareSeconds > 0 && (
            <span className="badge">{t("rooms.timer.minutes", { count: state.settings.shareSeconds / 60 })}</span>
          )}
          <span className="badge badge--accent">{t(`rooms.role.${listening ? "listener" : me.role}`)}</span>
        </p>
        <p className="muted">{t("rooms.confidential")}</p>
      </div>

      <StatusMessage
        tone="info"
        message={
          view.status === "reconnecting"
            ? t("rooms.reconnecting")
            : view.notice
              ? (t as unknown as (key: string, values?: Record<string, string>) => string)(
                  view.notice.key,
                  view.notice.values,
                )
              : undefined
        }
      />
      {view.welcome && (
        <Notice tone="success" title={t("rooms.welcomeFrom", { handle: view.welcome.by })}>
          {view.welcome.text || t("rooms.welcomeDefault")}
        </Notice>
      )}
      {view.gap && <Notice>{t("rooms.gap")}</Notice>}

      <div className="room__grid">
        <div className="stack">
          <FloorCard state={state} connection={connection} />
          <Transcript items={view.transcript} myHandle={me.handle} roomId={state.id} />
          {listening ? (
            <Card title={t("rooms.listening.title")}>
              <p>{t("rooms.listening.body")}</p>
              <Button variant="secondary" onClick={() => connection.rejoin("participant")}>
                {t("rooms.listening.takePart")}
              </Button>
            </Card>
          ) : (
            <Card title={t("rooms.compose.title")}>
              {me.muted && <Notice>{t("rooms.compose.muted")}</Notice>}
              {canPost ? (
                <Composer connection={connection} pending={view.pending.length} />
              ) : (
                !me.muted && <p className="muted">{t("rooms.compose.noCrossTalk")}</p>
              )}
              {view.sendError && (
                <div role="alert">
                  <Notice tone="error">{view.sendError.message}</Notice>
                </div>
              )}
              <fieldset className="room__reactions">
                <legend>{t("rooms.reactions.legend")}</legend>
                <div className="cluster">
                  {REACTIONS.map((reaction) => (
                    <Button
                      key={reaction}
                      variant="secondary"
                      small
                      onClick={() => connection.send({ type: "react", reaction })}
                    >
                      {t(`rooms.reactions.${reaction}`)}
                    </Button>
                  ))}
                </div>
              </fieldset>
              <div className="cluster">
                <Button
                  variant={handUp ? "secondary" : "primary"}
                  aria-pressed={handUp}
                  aria-keyshortcuts="h"
                  disabled={me.muted}
                  onClick={() => connection.send({ type: "hand", raised: !handUp })}
                >
                  {handUp ? t("rooms.hand.lower") : t("rooms.hand.raise")}
                </Button>
                <span className="muted">{t("rooms.hand.key")}</span>
              </div>
            </Card>
          )}
        </div>

        <div className="stack">
          <QueueCard state={state} />
          <PeoplePanel state={state} connection={connection} />
          {state.lobby !== null && <LobbyPanel state={state} connection={connection} />}
          {facilitating && <FacilitatorPanel state={state} connection={connection} />}
          <Button
            variant="quiet"
            onClick={() => {
              connection.stop();
              onLeave();
            }}
          >
            {t("rooms.leave")}
          </Button>
        </div>
      </div>
    </div>
  );
}

/** Seconds left until an instant, ticking once a second. */
function useSecondsLeft(until: string | null) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.round((new Date(until).getTime() - now) / 1000)) : null;
}

function FloorCard({ state, connection }: { state: RoomState; connection: RoomConnection }) {
  const { t } = useTranslation();
  const floor = state.floor;
  const left = useSecondsLeft(floor?.endsAt ?? null);
  const mine = floor?.handle === state.me.handle;
  const clock = left === null ? null : `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  return (
    <Card title={t("rooms.floor.title")} tone={mine ? "soft" : "plain"}>
      {floor ? (
        <>
          <p className="room__speaker">
            {mine ? t("rooms.floor.you") : t("rooms.floor.sharing", { handle: floor.handle })}
          </p>
          {clock && (
            <p>
              <span className="muted">{t("rooms.floor.timeLeft")} </span>
              <span role="timer" className="room__timer">
                {clock}
              </span>
            </p>
          )}
          {mine && <Button onClick={() => connection.send({ type: "floor.done" })}>{t("rooms.floor.done")}</Button>}
        </>
      ) : (
        <p className="muted">{t("rooms.floor.nobody")}</p>
      )}
    </Card>
  );
}

function QueueCard({ state }: { state: RoomState }) {
  const { t } = useTranslation();
  return (
    <Card title={t("rooms.queue.title")}>
      {state.queue.length === 0 ? (
        <p className="muted">{t("rooms.queue.empty")}</p>
      ) : (
        <ol className="room__queue">
          {state.queue.map((handle) => (
            <li key={handle}>{handle === state.me.handle ? t("rooms.queue.you", { handle }) : handle}</li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** What was said, announced to screen readers as it arrives. */
function Transcript({ items, myHandle, roomId }: { items: TranscriptItem[]; myHandle: string; roomId: string }) {
  const { t, i18n } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  const count = items.length;
  // Follow the conversation as it grows.
  useEffect(() => {
    if (count > 0) end.current?.scrollIntoView?.({ block: "nearest" });
  }, [count]);
  const time = (at: string) => new Date(at).toLocaleTimeString(i18n.language, { hour: "numeric", minute: "2-digit" });
  return (
    <section className="card room__transcript" aria-labelledby="room-transcript-title">
      <h2 id="room-transcript-title">{t("rooms.transcript.title")}</h2>
      {items.length === 0 && <p className="muted">{t("rooms.transcript.empty")}</p>}
      <div role="log" aria-live="polite" aria-labelledby="room-transcript-title" className="room__log">
        <ol className="room__items">
          {items.map((item) => (
            <li key={item.seq} className={`room__item room__item--${item.kind}`}>
              {item.kind === "message" && (
                <>
                  <p className="room__from">
                    <strong>{item.from === myHandle ? t("rooms.transcript.you") : item.from}</strong>
                    {item.share && <span className="badge">{t("rooms.transcript.share")}</span>}
                    <span className="muted"> {time(item.at)}</span>
                  </p>
                  <p className="pre-line">{item.text}</p>
                  {item.from !== myHandle && <ReportMessage roomId={roomId} seq={item.seq} from={item.from} />}
                </>
              )}
              {item.kind === "reaction" && (
                <p className="muted">
                  {t("rooms.transcript.reaction", {
                    handle: item.from,
                    reaction: t(`rooms.reactions.${item.reaction}`),
                  })}
                </p>
              )}
              {item.kind === "reading" && (
                <>
                  <p className="room__from">
                    <strong>{t("rooms.transcript.reading", { title: item.title })}</strong>
                  </p>
                  <p className="pre-line">{item.body}</p>
                </>
              )}
              {item.kind === "welcome" && (
                <p>
                  {t("rooms.transcript.welcome", { by: item.by, who: item.who })}
                  {item.text && <> “{item.text}”</>}
                </p>
              )}
            </li>
          ))}
        </ol>
        <div ref={end} className="room__end" />
      </div>
    </section>
  );
}

function Composer({ connection, pending }: { connection: RoomConnection; pending: number }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    connection.send({ type: "say", text: trimmed });
    setText("");
  };
  return (
    <form className="stack-small" onSubmit={submit}>
      <label className="field__label" htmlFor="room-message">
        {t("rooms.compose.label")}
      </label>
      <textarea
        id="room-message"
        className="input"
        rows={3}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) submit(e);
        }}
      />
      <div className="cluster">
        <Button type="submit">{t("rooms.compose.send")}</Button>
        <span className="muted">{pending > 0 ? t("rooms.compose.sending") : t("rooms.compose.hint")}</span>
      </div>
    </form>
  );
}
