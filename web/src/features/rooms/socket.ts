import type { AttendMode, Reaction, RoomEvent, RoomState, ServerMessage } from "@kinship/contracts/rooms";
import type { CrisisNotice } from "@kinship/contracts/safety";
import { useEffect, useState, useSyncExternalStore } from "react";
import { socketUrl } from "../../app/socket-url.ts";

/** One line of what was said in the room. */
export type TranscriptItem = { seq: number; at: string } & Extract<
  RoomEvent,
  { kind: "message" | "reaction" | "reading" | "welcome" }
>;

export type RoomStatus = "connecting" | "live" | "lobby" | "reconnecting" | "left" | "refused";

export type RoomView = {
  status: RoomStatus;
  /** Why the room was left or the door stayed shut. */
  reason: "left" | "removed" | "closed" | null;
  refusal: { code: string; message: string } | null;
  state: RoomState | null;
  transcript: TranscriptItem[];
  /** Earlier messages were not kept (a group that keeps nothing). */
  gap: boolean;
  /** The last send that was refused (e.g. no cross-talk), for the composer. */
  sendError: { code: string; message: string } | null;
  /** Sends not yet acknowledged: they are sent again after a reconnection, under the same id. */
  pending: { id: string; text: string }[];
  /** Words from the greeter who let this person in. */
  welcome: { by: string; text: string } | null;
  /** The latest thing to tell a screen reader about (not a message: those are in the log). */
  notice: { key: string; values?: Record<string, string>; at: number } | null;
  /** What this person just said sounded like a crisis: crisis lines to show them, only them. */
  crisis: CrisisNotice | null;
};

const TRANSCRIPT = new Set(["message", "reaction", "reading", "welcome"]);
const MAX_TRANSCRIPT = 500;

type Outgoing =
  | { type: "say"; text: string }
  | { type: "react"; reaction: Reaction }
  | { type: "hand"; raised: boolean }
  | { type: "floor.give"; to?: string }
  | { type: "floor.skip" }
  | { type: "floor.done" }
  | {
      type: "settings";
      locked?: boolean;
      crossTalk?: boolean;
      shareSeconds?: number;
      entry?: "open" | "lobby" | "members";
    }
  | { type: "mute"; who: string; muted: boolean }
  | { type: "remove"; who: string; reason: string }
  | { type: "greeter"; who: string; greeter: boolean }
  | { type: "handover"; to: string }
  | { type: "admit"; who: string; welcome: string }
  | { type: "reading"; reading: string }
  | { type: "close" };

const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

/**
 * One person's connection to one room. It reconnects by itself (backing off), resumes from the last
 * sequence number it saw, and sends again what was not acknowledged, under the same ids, so nothing
 * is lost or doubled. React reads it through `useRoom`.
 */
export class RoomConnection {
  private ws: WebSocket | null = null;
  private view: RoomView = {
    status: "connecting",
    reason: null,
    refusal: null,
    state: null,
    transcript: [],
    gap: false,
    sendError: null,
    pending: [],
    welcome: null,
    notice: null,
    crisis: null,
  };
  private listeners = new Set<() => void>();
  /** The last number of what was said that this page holds, and of the state it shows. */
  private transcriptSeq = 0;
  private stateSeq = 0;
  private firstSnapshot = 0;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    readonly roomId: string,
    private mode: AttendMode,
    /** Fixed for tests; otherwise worked out at each (re)connect, in the language read now. */
    private readonly url?: string,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  snapshot = () => this.view;

  private set(change: Partial<RoomView>) {
    this.view = { ...this.view, ...change };
    for (const listener of this.listeners) listener();
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(1000, "leaving");
    this.ws = null;
  }

  /** The crisis lines were seen and put away. */
  dismissCrisis() {
    this.set({ crisis: null });
  }

  /** Joins again in another mode (participant or listener). */
  rejoin(mode: AttendMode) {
    this.mode = mode;
    this.sendRaw({ type: "join", room: this.roomId, mode, after: this.resumeFrom() });
  }

  private resumeFrom() {
    const from = Math.max(this.transcriptSeq, this.firstSnapshot);
    return from > 0 ? from : undefined;
  }

  private open() {
    if (this.stopped) return;
    const ws = new WebSocket(this.url ?? socketUrl());
    this.ws = ws;
    ws.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as ServerMessage);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped || this.view.status === "left" || this.view.status === "refused") return;
      this.set({ status: "reconnecting" });
      // 0.5 s, 1 s, 2 s … up to 10 s, with a little jitter so a restarted server isn't stampeded.
      const delay = Math.min(10_000, 500 * 2 ** this.attempts) * (0.8 + Math.random() * 0.4);
      this.attempts += 1;
      this.timer = setTimeout(() => this.open(), delay);
    };
  }

  private sendRaw(message: unknown) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  /** Sends an action; messages and reactions carry an id and wait for their acknowledgement. */
  send(action: Outgoing) {
    if (action.type === "say") {
      const id = newId();
      this.set({ pending: [...this.view.pending, { id, text: action.text }], sendError: null });
      this.sendRaw({ type: "say", room: this.roomId, id, text: action.text });
      return;
    }
    if (action.type === "react" || action.type === "reading") {
      this.sendRaw({ ...action, room: this.roomId, id: newId() });
      return;
    }
    this.sendRaw({ ...action, room: this.roomId });
  }

  private receive(message: ServerMessage) {
    switch (message.type) {
      case "hello":
        this.attempts = 0;
        this.sendRaw({ type: "join", room: this.roomId, mode: this.mode, after: this.resumeFrom() });
        // What was not acknowledged goes again, under the same ids (the server keeps it once).
        for (const p of this.view.pending) this.sendRaw({ type: "say", room: this.roomId, id: p.id, text: p.text });
        return;
      case "snapshot":
        if (message.room !== this.roomId) return;
        this.stateSeq = message.seq;
        if (this.firstSnapshot === 0) this.firstSnapshot = message.seq;
        this.set({ status: "live", state: message.state, gap: message.gap || this.view.gap, refusal: null });
        return;
      case "lobby":
        if (message.room !== this.roomId) return;
        this.set({ status: "lobby", refusal: null });
        return;
      case "event":
        if (message.room === this.roomId) this.apply(message.seq, message.at, message.event);
        return;
      case "ack":
        this.set({ pending: this.view.pending.filter((p) => p.id !== message.id) });
        return;
      case "left":
        if (message.room !== this.roomId) return;
        this.set({ status: "left", reason: message.reason });
        this.stop();
        return;
      case "error": {
        const error = { code: message.code, message: message.message };
        if (message.id && this.view.pending.some((p) => p.id === message.id)) {
          this.set({ pending: this.view.pending.filter((p) => p.id !== message.id), sendError: error });
        } else if (this.view.status === "connecting" || this.view.status === "reconnecting") {
          // The door is shut (removed, locked, members only, closed): don't knock again.
          this.set({ status: "refused", refusal: error });
          this.stop();
        } else {
          this.set({ sendError: error });
        }
        return;
      }
      case "reconnect":
        this.set({ status: "reconnecting" });
        return;
      case "crisis":
        if (message.room === this.roomId) this.set({ crisis: message.crisis });
        return;
    }
  }

  private apply(seq: number, at: string, event: RoomEvent) {
    if (TRANSCRIPT.has(event.kind)) {
      if (seq <= this.transcriptSeq) return;
      this.transcriptSeq = seq;
      const item = { seq, at, ...event } as TranscriptItem;
      this.set({ transcript: [...this.view.transcript, item].slice(-MAX_TRANSCRIPT) });
      return;
    }
    if (event.kind === "admitted") {
      this.set({ welcome: { by: event.by, text: event.text } });
      return;
    }
    const state = this.view.state;
    if (!state || seq <= this.stateSeq) return;
    this.stateSeq = seq;
    const me = state.me;
    switch (event.kind) {
      case "queue":
        return this.set({ state: { ...state, queue: event.queue } });
      case "floor": {
        const notice = floorNotice(event, me.handle);
        return this.set({ state: { ...state, floor: event.floor, queue: event.queue }, ...(notice ? { notice } : {}) });
      }
      case "presence": {
        const mine = event.present.find((p) => p.handle === me.handle);
        const nextMe = mine ? { ...me, role: mine.role, muted: mine.muted } : me;
        const notice =
          mine && mine.muted !== me.muted
            ? { key: mine.muted ? "rooms.notice.muted" : "rooms.notice.unmuted", at: Date.now() }
            : null;
        return this.set({
          state: { ...state, present: event.present, listeners: event.listeners, me: nextMe },
          ...(notice ? { notice } : {}),
        });
      }
      case "settings":
        return this.set({ state: { ...state, settings: event.settings } });
      case "lobby":
        if (state.lobby === null) return;
        return this.set({
          state: { ...state, lobby: event.lobby },
          ...(event.lobby.length > (state.lobby?.length ?? 0)
            ? { notice: { key: "rooms.notice.someoneWaiting", at: Date.now() } }
            : {}),
        });
      default:
        return;
    }
  }
}

function floorNotice(event: Extract<RoomEvent, { kind: "floor" }>, myHandle: string): RoomView["notice"] {
  if (event.floor?.handle === myHandle) return { key: "rooms.notice.yourTurn", at: Date.now() };
  if (event.floor) return { key: "rooms.notice.sharing", values: { handle: event.floor.handle }, at: Date.now() };
  if (event.ended === "timer") return { key: "rooms.notice.timeUp", at: Date.now() };
  return null;
}

/** The live room for a component: connects on mount, leaves on unmount. */
export function useRoom(roomId: string, mode: AttendMode) {
  const [connection] = useState(() => new RoomConnection(roomId, mode));
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  const view = useSyncExternalStore(connection.subscribe, connection.snapshot);
  return { view, connection };
}
