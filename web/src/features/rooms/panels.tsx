import type { PresentPerson, RoomState } from "@kinship/contracts/rooms";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import type { RoomConnection } from "./socket.ts";

type PanelProps = { state: RoomState; connection: RoomConnection };

/** Who is here: handles of the people taking part, listeners as a count; the facilitator's tools per person. */
export function PeoplePanel({ state, connection }: PanelProps) {
  const { t } = useTranslation();
  const facilitating = state.readings !== null;
  return (
    <Card title={t("rooms.people.title")}>
      <ul className="list-plain room__people">
        {state.present.map((person) => (
          <li key={person.handle}>
            <span>
              {person.handle === state.me.handle ? t("rooms.queue.you", { handle: person.handle }) : person.handle}
            </span>{" "}
            {person.role !== "participant" && <span className="badge">{t(`rooms.role.${person.role}`)}</span>}
            {person.muted && <span className="badge">{t("rooms.people.muted")}</span>}
            {facilitating && person.handle !== state.me.handle && (
              <PersonTools person={person} connection={connection} />
            )}
          </li>
        ))}
      </ul>
      <p className="muted">{t("rooms.people.listeners", { count: state.listeners })}</p>
    </Card>
  );
}

function PersonTools({ person, connection }: { person: PresentPerson; connection: RoomConnection }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const who = person.handle;
  const remove = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) connection.send({ type: "remove", who, reason: reason.trim() });
  };
  return (
    <details className="room__tools">
      <summary>{t("rooms.people.tools", { handle: who })}</summary>
      <div className="stack-small">
        <div className="cluster">
          <Button small variant="secondary" onClick={() => connection.send({ type: "floor.give", to: who })}>
            {t("rooms.people.giveFloor")}
          </Button>
          <Button
            small
            variant="secondary"
            onClick={() => connection.send({ type: "mute", who, muted: !person.muted })}
          >
            {person.muted ? t("rooms.people.unmute") : t("rooms.people.mute")}
          </Button>
          {person.role !== "facilitator" && (
            <Button
              small
              variant="secondary"
              onClick={() => connection.send({ type: "greeter", who, greeter: person.role !== "greeter" })}
            >
              {person.role === "greeter" ? t("rooms.people.unmakeGreeter") : t("rooms.people.makeGreeter")}
            </Button>
          )}
          <Button small variant="secondary" onClick={() => connection.send({ type: "handover", to: who })}>
            {t("rooms.people.handover")}
          </Button>
        </div>
        <form className="stack-small" onSubmit={remove}>
          <label className="field__label" htmlFor={`remove-${who}`}>
            {t("rooms.people.removeReason")}
          </label>
          <input
            id={`remove-${who}`}
            className="input"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button type="submit" small variant="danger">
            {t("rooms.people.remove")}
          </Button>
        </form>
      </div>
    </details>
  );
}

/** The lobby, for greeters and the facilitator: let each person in with a word of welcome. */
export function LobbyPanel({ state, connection }: PanelProps) {
  const { t } = useTranslation();
  const lobby = state.lobby ?? [];
  return (
    <Card title={t("rooms.lobbyPanel.title", { count: lobby.length })}>
      {lobby.length === 0 ? (
        <p className="muted">{t("rooms.lobbyPanel.empty")}</p>
      ) : (
        <ul className="list-plain stack-small">
          {lobby.map((person) => (
            <LobbyEntry key={person.handle} person={person} connection={connection} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function LobbyEntry({
  person,
  connection,
}: {
  person: NonNullable<RoomState["lobby"]>[number];
  connection: RoomConnection;
}) {
  const { t } = useTranslation();
  const [welcome, setWelcome] = useState(() => t("rooms.welcomeDefault"));
  const admit = (event: FormEvent) => {
    event.preventDefault();
    connection.send({ type: "admit", who: person.handle, welcome: welcome.trim() });
  };
  return (
    <li className="room__lobby-entry">
      <form className="stack-small" onSubmit={admit}>
        <p>
          <strong>{person.handle}</strong>{" "}
          <span className="badge">{person.member ? t("rooms.lobbyPanel.member") : t("rooms.lobbyPanel.new")}</span>{" "}
          {person.mode === "listener" && <span className="badge">{t("rooms.role.listener")}</span>}
        </p>
        <label className="field__label" htmlFor={`welcome-${person.handle}`}>
          {t("rooms.lobbyPanel.welcome")}
        </label>
        <input
          id={`welcome-${person.handle}`}
          className="input"
          value={welcome}
          maxLength={500}
          onChange={(e) => setWelcome(e.target.value)}
        />
        <Button type="submit" small>
          {t("rooms.lobbyPanel.admit", { handle: person.handle })}
        </Button>
      </form>
    </li>
  );
}

const TIMER_CHOICES = [0, 180, 300] as const;

/** Running the room: the floor, cross-talk, the lock, the share timer, readings, closing. */
export function FacilitatorPanel({ state, connection }: PanelProps) {
  const { t } = useTranslation();
  const [reading, setReading] = useState(state.readings?.[0]?.id ?? "");
  const [confirmClose, setConfirmClose] = useState(false);
  const { settings } = state;
  return (
    <Card title={t("rooms.facilitator.title")}>
      <div className="cluster">
        <Button small onClick={() => connection.send({ type: "floor.give" })} disabled={state.queue.length === 0}>
          {t("rooms.facilitator.next")}
        </Button>
        <Button
          small
          variant="secondary"
          onClick={() => connection.send({ type: "floor.skip" })}
          disabled={state.queue.length === 0}
        >
          {t("rooms.facilitator.skip")}
        </Button>
        <Button
          small
          variant="secondary"
          onClick={() => connection.send({ type: "floor.done" })}
          disabled={!state.floor}
        >
          {t("rooms.facilitator.endShare")}
        </Button>
      </div>
      <label className="room-choice">
        <input
          type="checkbox"
          checked={settings.crossTalk}
          onChange={(e) => connection.send({ type: "settings", crossTalk: e.target.checked })}
        />
        <span>{t("rooms.open.crossTalk")}</span>
      </label>
      <label className="room-choice">
        <input
          type="checkbox"
          checked={settings.locked}
          onChange={(e) => connection.send({ type: "settings", locked: e.target.checked })}
        />
        <span>{t("rooms.facilitator.lock")}</span>
      </label>
      <label className="field__label" htmlFor="room-live-timer">
        {t("rooms.open.timer")}
      </label>
      <select
        id="room-live-timer"
        className="select"
        value={settings.shareSeconds}
        onChange={(e) => connection.send({ type: "settings", shareSeconds: Number(e.target.value) })}
      >
        {[...new Set([...TIMER_CHOICES, settings.shareSeconds])].map((s) => (
          <option key={s} value={s}>
            {s === 0 ? t("rooms.timer.none") : t("rooms.timer.minutes", { count: s / 60 })}
          </option>
        ))}
      </select>
      {state.readings && state.readings.length > 0 && (
        <div className="stack-small">
          <label className="field__label" htmlFor="room-reading">
            {t("rooms.facilitator.reading")}
          </label>
          <select id="room-reading" className="select" value={reading} onChange={(e) => setReading(e.target.value)}>
            {state.readings.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
          <Button small variant="secondary" onClick={() => reading && connection.send({ type: "reading", reading })}>
            {t("rooms.facilitator.readIt")}
          </Button>
        </div>
      )}
      {confirmClose ? (
        <fieldset className="stack-small room__confirm">
          <legend className="visually-hidden">{t("rooms.facilitator.close")}</legend>
          <p>{t("rooms.facilitator.closeConfirm")}</p>
          <div className="cluster">
            <Button variant="danger" small onClick={() => connection.send({ type: "close" })}>
              {t("rooms.facilitator.closeYes")}
            </Button>
            <Button variant="secondary" small onClick={() => setConfirmClose(false)}>
              {t("rooms.facilitator.closeNo")}
            </Button>
          </div>
        </fieldset>
      ) : (
        <Button variant="secondary" onClick={() => setConfirmClose(true)}>
          {t("rooms.facilitator.close")}
        </Button>
      )}
    </Card>
  );
}
