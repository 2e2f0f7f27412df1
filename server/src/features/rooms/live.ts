import { randomUUID } from "node:crypto";
import { type ClientMessage, type RoomEvent, TRANSCRIPT_KINDS } from "@kinship/contracts/rooms";
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { Conflict, DomainError, Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import type { Connection } from "../../realtime/gateway.ts";
import type { Hub } from "../../realtime/hub.ts";
import { hiddenHandlesFor } from "../moderation/blocks.ts";
import type { Restriction } from "../moderation/trust.ts";
import { createSafetyService } from "../safety/service.ts";
import { createFeeds, type Subscription, serialise } from "./feed.ts";
import {
  canCloseRoom,
  canEndShare,
  canFacilitate,
  canGreet,
  canPost,
  canRaiseHand,
  canReact,
  canSeeEvent,
  entryFor,
  isHiddenFrom,
  isHost,
  type RoomFacts,
  type RoomStanding,
  type Seat,
} from "./policy.ts";
import { presentLobby, presentPresence, presentState } from "./presenters.ts";
import type { RoomsCore } from "./service.ts";
import { type NewEvent, type Published, type RoomRow, roomsStore as store } from "./store.ts";

type Msg<T extends ClientMessage["type"]> = Extract<ClientMessage, { type: T }>;

/** A socket may be in this many rooms at once. */
const ROOMS_PER_SOCKET = 4;
/** A node refreshes its sockets' presence this often; rows older than STALE_MS belong to a dead node. */
export const STALE_MS = 90_000;
/** In groups that keep nothing, messages stay only this long: enough to reconnect. */
export const KEEP_FOR_RECONNECT_MS = 2 * 60_000;

const NO_ONE = "There's no one by that name in the room.";
const NOT_OPEN = "This room isn't open right now.";
const FACILITATOR_ONLY = "Only the facilitator can do that.";

const seatOf = (row: { status: Seat["status"]; role: Seat["role"]; mode: Seat["mode"]; muted: boolean } | null) =>
  row ? { status: row.status, role: row.role, mode: row.mode, muted: row.muted } : null;
/** Only what the rules read of a room (a socket keeps it between messages). */
const factsOf = (room: RoomFacts): RoomFacts => ({
  status: room.status,
  entry: room.entry,
  locked: room.locked,
  crossTalk: room.crossTalk,
  floorMemberId: room.floorMemberId,
});
const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: unknown } | null;
  return e?.code === "23505" || (e?.cause !== undefined && isUniqueViolation(e.cause));
};

/**
 * Moderation's check before someone speaks, carried by the message's own query: `restriction` is a
 * subquery (null when nothing is in force), `refuse` throws the sentence a restricted member reads.
 */
export type SpeakingGuard = {
  restriction(memberId: string): SQL<Restriction | null>;
  refuse(restriction: Restriction | null): void;
};

/** What `post` needs to know of one kind of message: the refusal (null: allowed), and the event. */
type PostRules = {
  /** Moderation's restrictions apply (saying something; reactions and readings are not speech). */
  speaking?: boolean;
  refusal(standing: RoomStanding, room: RoomFacts): string | null;
  build(room: RoomFacts, standing: RoomStanding): Promise<{ payload: RoomEvent; audience?: string }>;
};

/** The live side of rooms: what each socket message does, presence, the share timer, maintenance. */
export function createLive({
  db,
  hub,
  core,
  node,
  logError,
  guard,
}: {
  db: Db;
  hub: Hub;
  core: RoomsCore;
  node: string;
  logError(error: unknown, message: string): void;
  /** Moderation's check: a muted, suspended or banned member does not speak. */
  guard?: SpeakingGuard;
}) {
  const subs = new Map<string, Map<string, Subscription>>();
  const floorTimers = new Map<string, NodeJS.Timeout>();
  const feeds = createFeeds({ db, hub, afterDelivery, logError });
  const safety = createSafetyService({ db, hub });

  const subOf = (connection: Connection, roomId: string) => subs.get(connection.id)?.get(roomId);
  function requireSub(connection: Connection, roomId: string) {
    const sub = subOf(connection, roomId);
    if (sub?.status !== "admitted") throw new Forbidden("Please join the room first.");
    return sub;
  }
  function forget(sub: Subscription) {
    const mine = subs.get(sub.connection.id);
    if (mine?.get(sub.roomId) === sub) mine.delete(sub.roomId);
    if (mine?.size === 0) subs.delete(sub.connection.id);
  }

  // ── Events that describe state ──

  async function presenceEvent(q: Db, roomId: string): Promise<NewEvent> {
    const payload = presentPresence(await store.present(q, roomId));
    return { kind: "presence", audience: "room", payload };
  }
  async function lobbyEvent(q: Db, roomId: string, groupId: string): Promise<NewEvent> {
    const payload: RoomEvent = { kind: "lobby", lobby: presentLobby(await store.lobby(q, roomId, groupId)) };
    return { kind: "lobby", audience: "hosts", payload };
  }
  async function queueEvent(q: Db, roomId: string): Promise<NewEvent> {
    return { kind: "queue", audience: "room", payload: { kind: "queue", queue: await store.queue(q, roomId) } };
  }
  async function floorEvent(q: Db, room: RoomRow, ended: string | null): Promise<NewEvent> {
    const speaker = await store.handleOf(q, room.floorMemberId);
    const floor =
      speaker && room.floorStartedAt
        ? {
            handle: speaker,
            startedAt: room.floorStartedAt.toISOString(),
            endsAt: room.floorEndsAt?.toISOString() ?? null,
          }
        : null;
    const payload = { kind: "floor", floor, ended, queue: await store.queue(q, room.id) };
    return { kind: "floor", audience: "room", payload };
  }
  const clearFloor = { floorMemberId: null, floorStartedAt: null, floorEndsAt: null };

  // ── Snapshots ──

  /** Sends the room's state, then what was said after `from` that this person may read, then live events. */
  async function snapshot(sub: Subscription, from: number) {
    const room = await store.findRoom(db, sub.roomId);
    const seatRow = await store.seatOf(db, sub.roomId, sub.memberId);
    if (room?.status !== "open" || !seatRow || seatRow.status !== "admitted") {
      return drop(sub, room?.status === "open" ? "removed" : "closed");
    }
    const standing: RoomStanding = { group: sub.group, seat: seatOf(seatRow), removed: false };
    if (standing.seat) sub.seen = { room: factsOf(room), seat: standing.seat };
    sub.host = isHost(standing);
    sub.facilitator = canFacilitate(standing);
    const presence = presentPresence(await store.present(db, room.id));
    const state = presentState({
      room,
      meetingName: sub.meetingName,
      groupId: sub.groupId,
      presence,
      queue: await store.queue(db, room.id),
      speaker: await store.handleOf(db, room.floorMemberId),
      lobby: sub.host ? presentLobby(await store.lobby(db, room.id, sub.groupId)) : null,
      readings: sub.facilitator ? await store.readings(db, sub.groupId) : null,
      me: { handle: sub.handle, mode: seatRow.mode, role: seatRow.role, muted: seatRow.muted },
    });
    const start = Math.max(from, seatRow.joinedSeq);
    let gap = false;
    if (room.keepMessages === "reconnect" && start < room.seq) {
      gap = (await store.countBetween(db, room.id, start, room.seq)) < room.seq - start;
    }
    sub.connection.send({ type: "snapshot", room: room.id, seq: room.seq, state, gap });
    if (start < room.seq) {
      for (const row of await store.eventsBetween(db, room.id, start, room.seq, TRANSCRIPT_KINDS)) {
        if (!canSeeEvent(sub, row.audience) || isHiddenFrom(sub.hidden, row.payload)) continue;
        const event = { seq: row.seq, kind: row.kind, audience: row.audience, payload: row.payload };
        sub.connection.sendRaw(serialise(room.id, { ...event, at: row.createdAt.toISOString() }));
      }
    }
    feeds.release(sub, room.seq);
  }

  function refresh(sub: Subscription) {
    feeds.hold(sub);
    void snapshot(sub, sub.sent).catch((error) => logError(error, "room snapshot failed"));
  }

  /** The socket is out of the room (removed, or the room closed): it is told, and stops receiving. */
  function drop(sub: Subscription, reason: "removed" | "closed") {
    forget(sub);
    void feeds.detach(sub);
    sub.connection.send({ type: "left", room: sub.roomId, reason });
  }

  /** What an event changes about a socket that just received it. */
  function afterDelivery(sub: Subscription, event: Published) {
    const payload = event.payload as RoomEvent;
    if (payload.kind === "closed") return drop(sub, "closed");
    if (payload.kind === "removed" && event.audience === sub.memberId) return drop(sub, "removed");
    if (payload.kind === "admitted" && event.audience === sub.memberId) {
      sub.status = "admitted";
      return refresh(sub);
    }
    if (payload.kind === "presence" && sub.status === "admitted") {
      const me = payload.present.find((p) => p.handle === sub.handle);
      const seat: Seat | null = me ? { status: "admitted", role: me.role, mode: "participant", muted: me.muted } : null;
      const standing = { group: sub.group, seat, removed: false };
      if (seat && (isHost(standing) !== sub.host || canFacilitate(standing) !== sub.facilitator)) refresh(sub);
    }
    if (payload.kind === "floor") scheduleFloorEnd(sub.roomId, payload.floor);
  }

  // ── The share timer ──

  function scheduleFloorEnd(roomId: string, floor: { startedAt: string; endsAt: string | null } | null) {
    clearTimeout(floorTimers.get(roomId));
    floorTimers.delete(roomId);
    if (!floor?.endsAt) return;
    const wait = Math.max(0, new Date(floor.endsAt).getTime() - Date.now()) + 50;
    const timer = setTimeout(() => {
      floorTimers.delete(roomId);
      void endShareIfDue(roomId, floor.startedAt, new Date());
    }, wait);
    timer.unref();
    floorTimers.set(roomId, timer);
  }

  /** Gently ends a share whose time is up; of many nodes trying, the first does it. */
  async function endShareIfDue(roomId: string, startedAt: string | Date | null, now: Date) {
    const started = startedAt instanceof Date ? startedAt.toISOString() : startedAt;
    await core
      .mutate(roomId, async (tx, room) => {
        if (!room.floorEndsAt || room.floorStartedAt?.toISOString() !== started) return [];
        if (room.floorEndsAt.getTime() > now.getTime()) return [];
        const after = await store.updateRoom(tx, roomId, clearFloor);
        return [await floorEvent(tx, after, "timer")];
      })
      .catch((error) => {
        if (!(error instanceof DomainError)) logError(error, "share timer failed");
      });
  }

  // ── Going in and out ──

  async function leave(sub: Subscription) {
    forget(sub);
    await feeds.detach(sub);
    await core
      .mutate(sub.roomId, async (tx) => {
        if (await store.dropConnection(tx, sub.presenceId, sub.roomId, sub.memberId)) return [];
        const seat = await store.seatOf(tx, sub.roomId, sub.memberId);
        if (!seat) return [];
        return [
          seat.status === "admitted"
            ? await presenceEvent(tx, sub.roomId)
            : await lobbyEvent(tx, sub.roomId, sub.groupId),
        ];
      })
      .catch(async (error) => {
        // A closed room has no presence left to update.
        if (!(error instanceof DomainError)) throw error;
      });
  }

  async function join(connection: Connection, msg: Msg<"join">) {
    const { actor } = connection;
    const existing = subOf(connection, msg.room);
    if (existing) await leave(existing);
    if ((subs.get(connection.id)?.size ?? 0) >= ROOMS_PER_SOCKET)
      throw new Conflict("You're in several rooms already. Leave one first.");
    const ctx = await core.context(actor, msg.room);
    const entry = entryFor(actor, ctx.standing, ctx.room);
    if (entry === "not_open") throw new Conflict("This room isn't open right now.");
    if (entry === "removed")
      throw new Forbidden("You were asked to leave this meeting, so you can't come back into it.");
    if (entry === "members_only") throw new Forbidden("This meeting's room is for the group's members.");
    if (entry === "locked") throw new Forbidden("The facilitator has locked this room for now.");
    const status: Seat["status"] = entry === "enter" ? "admitted" : "lobby";
    const seat = ctx.standing.seat;
    // Facilitators and greeters take part; only a participant may listen instead.
    const mode = seat && seat.role !== "participant" ? "participant" : msg.mode;
    const sub: Subscription = {
      connection,
      roomId: msg.room,
      memberId: actor.memberId,
      handle: actor.handle,
      presenceId: randomUUID(),
      status,
      host: false,
      facilitator: false,
      group: ctx.standing.group,
      meetingName: ctx.meeting.name,
      groupId: ctx.meeting.groupId,
      sent: 0,
      catching: null,
      hidden: await hiddenHandlesFor(db, actor.memberId),
    };
    const mine = subs.get(connection.id) ?? new Map<string, Subscription>();
    subs.set(connection.id, mine);
    mine.set(msg.room, sub);
    await feeds.attach(sub);
    try {
      await core.mutate(msg.room, async (tx, room) => {
        const current = await store.seatOf(tx, room.id, actor.memberId);
        const before = await store.connectionCount(tx, room.id, actor.memberId);
        const events: NewEvent[] = [];
        if (status === "admitted") {
          if (current?.status !== "admitted") {
            await store.upsertSeat(tx, {
              roomId: room.id,
              memberId: actor.memberId,
              status,
              mode,
              joinedSeq: room.seq,
            });
          } else if (current.mode !== mode) {
            await store.updateSeat(tx, room.id, actor.memberId, { mode, handRaisedAt: null });
          }
        } else if (!current || current.mode !== mode) {
          const waiting = { roomId: room.id, memberId: actor.memberId, status, mode, joinedSeq: room.seq };
          await store.upsertSeat(tx, { ...waiting, waitingSince: core.clock() });
        }
        await store.addConnection(tx, { id: sub.presenceId, roomId: room.id, memberId: actor.memberId, node });
        const changed = before === 0 || current?.mode !== mode || current?.status !== status;
        if (status === "admitted" && changed) events.push(await presenceEvent(tx, room.id));
        if (status === "admitted" && current?.status === "lobby")
          events.push(await lobbyEvent(tx, room.id, sub.groupId));
        if (status === "lobby" && changed) events.push(await lobbyEvent(tx, room.id, sub.groupId));
        if (current?.mode === "participant" && mode === "listener" && current.handRaisedAt)
          events.push(await queueEvent(tx, room.id));
        return events;
      });
      if (status === "admitted") return await snapshot(sub, msg.after ?? 0);
      const seq = await store.currentSeq(db, msg.room);
      connection.send({ type: "lobby", room: msg.room, meetingName: sub.meetingName, seq });
      feeds.release(sub, seq);
    } catch (error) {
      forget(sub);
      await feeds.detach(sub);
      throw error;
    }
  }

  // ── Saying something ──

  /**
   * Stores one message-like event (once per client send id), publishes it, acknowledges it. A usual
   * message is one statement: the rules decide on the room and seat this socket last saw (at its
   * snapshot or its last message), and the insert stores it only while those still hold and no
   * restriction is in force. When anything changed (or those would refuse), the rules decide again on
   * a fresh read.
   */
  async function post(connection: Connection, roomId: string, clientId: string, rules: PostRules) {
    let event: Published;
    try {
      event =
        (await postAsBefore(connection, roomId, clientId, rules)) ??
        (await postAfresh(connection, roomId, clientId, rules));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const prior = await store.findSend(db, roomId, connection.actor.memberId, clientId);
      if (!prior) throw error;
      return connection.send({ type: "ack", id: clientId, seq: prior.seq });
    }
    await core.publishAll(roomId, [event]);
    connection.send({ type: "ack", id: clientId, seq: event.seq });
  }

  /** On what this socket last saw; null when that no longer holds (nothing is stored then). */
  async function postAsBefore(connection: Connection, roomId: string, clientId: string, rules: PostRules) {
    const sub = subOf(connection, roomId);
    const seen = sub?.status === "admitted" ? sub.seen : undefined;
    if (!sub || !seen) return null;
    const standing: RoomStanding = { group: sub.group, seat: seen.seat, removed: false };
    if (rules.refusal(standing, seen.room) !== null) return null;
    const { memberId } = sub;
    const restriction = rules.speaking ? guard?.restriction(memberId) : undefined;
    const event = await eventOf(rules, seen.room, standing, memberId, clientId);
    return store.appendMessage(db, roomId, event, { memberId, ...seen, restriction });
  }

  /** On a fresh read of the room, the seat and (for speaking) moderation's restriction, in one query. */
  async function postAfresh(connection: Connection, roomId: string, clientId: string, rules: PostRules) {
    const { memberId } = connection.actor;
    const restriction = rules.speaking ? guard?.restriction(memberId) : undefined;
    const found = await store.roomAndSeat(db, roomId, memberId, restriction);
    if (rules.speaking) guard?.refuse(found?.restriction ?? null);
    const sub = requireSub(connection, roomId);
    if (found?.room.status !== "open") throw new Conflict(NOT_OPEN);
    const standing: RoomStanding = { group: sub.group, seat: seatOf(found.seat), removed: false };
    const refused = rules.refusal(standing, found.room);
    if (refused) throw new Forbidden(refused);
    const event = await store.appendMessage(db, roomId, await eventOf(rules, found.room, standing, memberId, clientId));
    if (!event) throw new Conflict(NOT_OPEN);
    if (standing.seat) sub.seen = { room: factsOf(found.room), seat: standing.seat };
    return event;
  }

  async function eventOf(
    rules: PostRules,
    room: RoomFacts,
    standing: RoomStanding,
    memberId: string,
    clientId: string,
  ) {
    const { payload, audience = "room" } = await rules.build(room, standing);
    return { kind: payload.kind, audience, payload, senderId: memberId, clientId };
  }

  async function say(connection: Connection, msg: Msg<"say">) {
    await post(connection, msg.room, msg.id, {
      speaking: true,
      refusal: (s, room) => {
        if (s.seat?.mode === "listener") return "You're listening only. To take part, join as a participant.";
        if (s.seat?.muted) return "A facilitator has muted you for now.";
        if (!canPost(s, room, connection.actor.memberId))
          return "This meeting has no cross-talk. Raise your hand to share, or send a quiet reaction.";
        return null;
      },
      build: async (room) => ({
        payload: {
          kind: "message",
          from: connection.actor.handle,
          text: msg.text,
          share: room.floorMemberId === connection.actor.memberId,
        },
      }),
    });
    // Never blocks the message: it is already said; the sender alone learns who they can talk to.
    const crisis = await safety.check(connection.actor, { source: "room_message", sourceId: msg.room, text: msg.text });
    if (crisis) connection.send({ type: "crisis", room: msg.room, id: msg.id, crisis });
  }

  function react(connection: Connection, msg: Msg<"react">) {
    return post(connection, msg.room, msg.id, {
      refusal: (s) => (canReact(s) ? null : "You're listening only. To take part, join as a participant."),
      build: async () => ({ payload: { kind: "reaction", from: connection.actor.handle, reaction: msg.reaction } }),
    });
  }

  function reading(connection: Connection, msg: Msg<"reading">) {
    return post(connection, msg.room, msg.id, {
      refusal: (s) => (canFacilitate(s) ? null : FACILITATOR_ONLY),
      build: async () => {
        const sub = requireSub(connection, msg.room);
        const found = await store.reading(db, sub.groupId, msg.reading);
        if (!found) throw new NotFound("We couldn't find that reading.");
        return { payload: { kind: "reading", title: found.title, body: found.body } };
      },
    });
  }

  // ── Running the room ──

  /** Checks the actor may do this in the room (fresh from the database), then changes it under its lock. */
  async function act(
    connection: Connection,
    roomId: string,
    allowed: (standing: RoomStanding, room: RoomRow) => boolean,
    refusal: string,
    change: (tx: Db, room: RoomRow, sub: Subscription) => Promise<NewEvent[]>,
  ) {
    const sub = requireSub(connection, roomId);
    await core.mutate(roomId, async (tx, room) => {
      const standing: RoomStanding = {
        group: sub.group,
        seat: seatOf(await store.seatOf(tx, roomId, sub.memberId)),
        removed: false,
      };
      if (!allowed(standing, room)) throw new Forbidden(refusal);
      return change(tx, room, sub);
    });
  }

  /** Someone in the room by handle. Listeners are never found: no one may single them out. */
  async function someoneIn(tx: Db, roomId: string, handle: string, { lobbyToo = false } = {}) {
    const found = await store.seatByHandle(tx, roomId, handle);
    if (!found) throw new NotFound(NO_ONE);
    if (found.seat.status === "lobby" ? !lobbyToo : found.seat.mode === "listener") throw new NotFound(NO_ONE);
    return found;
  }

  const handlers = {
    join,
    say,
    react,
    reading,

    async leave(connection: Connection, msg: Msg<"leave">) {
      const sub = subOf(connection, msg.room);
      if (sub) await leave(sub);
      connection.send({ type: "left", room: msg.room, reason: "left" });
    },

    hand: (connection: Connection, msg: Msg<"hand">) =>
      act(
        connection,
        msg.room,
        (s) => !msg.raised || canRaiseHand(s),
        "Listeners and people who are muted can't raise a hand.",
        async (tx, room, sub) => {
          const seat = await store.seatOf(tx, room.id, sub.memberId);
          if (!seat || (seat.handRaisedAt !== null) === msg.raised) return [];
          await store.updateSeat(tx, room.id, sub.memberId, { handRaisedAt: msg.raised ? core.clock() : null });
          return [await queueEvent(tx, room.id)];
        },
      ),

    "floor.give": (connection: Connection, msg: Msg<"floor.give">) =>
      act(connection, msg.room, canFacilitate, FACILITATOR_ONLY, async (tx, room) => {
        let memberId: string;
        if (msg.to) {
          const found = await someoneIn(tx, room.id, msg.to);
          if (found.seat.muted) throw new Conflict("That person is muted. Unmute them first.");
          memberId = found.seat.memberId;
        } else {
          const first = await store.firstInQueue(tx, room.id);
          if (!first) throw new Conflict("No one has raised a hand yet.");
          memberId = first.memberId;
        }
        const now = core.clock();
        const ended = room.floorMemberId ? "facilitator" : null;
        await store.updateSeat(tx, room.id, memberId, { handRaisedAt: null });
        const after = await store.updateRoom(tx, room.id, {
          floorMemberId: memberId,
          floorStartedAt: now,
          floorEndsAt: room.shareSeconds > 0 ? new Date(now.getTime() + room.shareSeconds * 1000) : null,
        });
        return [await floorEvent(tx, after, ended)];
      }),

    "floor.skip": (connection: Connection, msg: Msg<"floor.skip">) =>
      act(connection, msg.room, canFacilitate, FACILITATOR_ONLY, async (tx, room) => {
        const first = await store.firstInQueue(tx, room.id);
        if (!first) throw new Conflict("No one is waiting to share.");
        await store.updateSeat(tx, room.id, first.memberId, { handRaisedAt: null });
        return [await queueEvent(tx, room.id)];
      }),

    "floor.done": (connection: Connection, msg: Msg<"floor.done">) =>
      act(
        connection,
        msg.room,
        (s, room) => canEndShare(s, room, connection.actor.memberId),
        "Only the person sharing or the facilitator can end a share.",
        async (tx, room) => {
          if (!room.floorMemberId) throw new Conflict("No one is sharing right now.");
          const ended = room.floorMemberId === connection.actor.memberId ? "done" : "facilitator";
          const after = await store.updateRoom(tx, room.id, clearFloor);
          return [await floorEvent(tx, after, ended)];
        },
      ),

    settings: (connection: Connection, msg: Msg<"settings">) =>
      act(connection, msg.room, canFacilitate, FACILITATOR_ONLY, async (tx, room) => {
        const {
          locked = room.locked,
          crossTalk = room.crossTalk,
          shareSeconds = room.shareSeconds,
          entry = room.entry,
        } = msg;
        const after = await store.updateRoom(tx, room.id, { locked, crossTalk, shareSeconds, entry });
        await store.saveRoomSettings(tx, room.meetingId, { entry, crossTalk, shareSeconds });
        const settings = { entry: after.entry, locked: after.locked, crossTalk: after.crossTalk, shareSeconds };
        return [{ kind: "settings", audience: "room", payload: { kind: "settings", settings } }];
      }),

    mute: (connection: Connection, msg: Msg<"mute">) =>
      act(connection, msg.room, canFacilitate, FACILITATOR_ONLY, async (tx, room) => {
        const found = await someoneIn(tx, room.id, msg.who);
        if (found.seat.memberId === connection.actor.memberId) throw new Invalid("You can't mute yourself.", "who");
        await store.updateSeat(tx, room.id, found.seat.memberId, {
          muted: msg.muted,
          ...(msg.muted ? { handRaisedAt: null } : {}),
        });
        const events = [await presenceEvent(tx, room.id)];
        if (msg.muted && found.seat.handRaisedAt) events.push(await queueEvent(tx, room.id));
        return events;
      }),

    remove: (connection: Connection, msg: Msg<"remove">) =>
      act(connection, msg.room, canFacilitate, FACILITATOR_ONLY, async (tx, room, sub) => {
        const found = await someoneIn(tx, room.id, msg.who, { lobbyToo: true });
        const { memberId } = found.seat;
        if (memberId === connection.actor.memberId) throw new Invalid("You can't remove yourself.", "who");
        await store.recordRemoval(tx, {
          roomId: room.id,
          memberId,
          removedById: connection.actor.memberId,
          reason: msg.reason,
        });
        await store.deleteSeat(tx, room.id, memberId);
        await store.dropMemberConnections(tx, room.id, memberId);
        const events: NewEvent[] = [{ kind: "removed", audience: memberId, payload: { kind: "removed" } }];
        if (found.seat.status === "lobby") return [...events, await lobbyEvent(tx, room.id, sub.groupId)];
        events.push(await presenceEvent(tx, room.id));
        if (room.floorMemberId === memberId) {
          const after = await store.updateRoom(tx, room.id, clearFloor);
          events.push(await floorEvent(tx, after, "facilitator"));
        } else if (found.seat.handRaisedAt) events.push(await queueEvent(tx, room.id));
        return events;
      }),

    greeter: (connection: Connection, msg: Msg<"greeter">) =>
      act(connection, msg.room, canFacilitate, FACILITATOR_ONLY, async (tx, room) => {
        const found = await someoneIn(tx, room.id, msg.who);
        if (found.seat.role === "facilitator") throw new Conflict("The facilitator already welcomes people.");
        await store.updateSeat(tx, room.id, found.seat.memberId, { role: msg.greeter ? "greeter" : "participant" });
        return [await presenceEvent(tx, room.id)];
      }),

    handover: (connection: Connection, msg: Msg<"handover">) =>
      act(connection, msg.room, canFacilitate, FACILITATOR_ONLY, async (tx, room) => {
        const found = await someoneIn(tx, room.id, msg.to);
        if (found.seat.memberId === connection.actor.memberId) throw new Invalid("You're facilitating already.", "to");
        if ((await store.connectionCount(tx, room.id, found.seat.memberId)) === 0)
          throw new Conflict("They need to be in the room to take over.");
        await store.updateSeat(tx, room.id, connection.actor.memberId, { role: "participant" });
        await store.updateSeat(tx, room.id, found.seat.memberId, { role: "facilitator", muted: false });
        return [await presenceEvent(tx, room.id)];
      }),

    admit: (connection: Connection, msg: Msg<"admit">) =>
      act(
        connection,
        msg.room,
        canGreet,
        "Only greeters and the facilitator can let people in.",
        async (tx, room, sub) => {
          const found = await someoneIn(tx, room.id, msg.who, { lobbyToo: true });
          if (found.seat.status !== "lobby") throw new Conflict("They're in the room already.");
          const { memberId } = found.seat;
          await store.updateSeat(tx, room.id, memberId, {
            status: "admitted",
            role: "participant",
            joinedSeq: room.seq,
          });
          const by = connection.actor.handle;
          const events: NewEvent[] = [
            { kind: "admitted", audience: memberId, payload: { kind: "admitted", by, text: msg.welcome } },
          ];
          // A listener stays unseen: their welcome is theirs alone.
          if (found.seat.mode === "participant") {
            const payload = { kind: "welcome", who: found.handle, by, text: msg.welcome };
            events.push({ kind: "welcome", audience: "room", payload, senderId: connection.actor.memberId });
          }
          events.push(await lobbyEvent(tx, room.id, sub.groupId), await presenceEvent(tx, room.id));
          return events;
        },
      ),

    async close(connection: Connection, msg: Msg<"close">) {
      const ctx = await core.context(connection.actor, msg.room);
      if (!canCloseRoom(ctx.standing)) throw new Forbidden(FACILITATOR_ONLY);
      await core.closeRoom(msg.room);
    },
  } satisfies { [T in ClientMessage["type"]]: (connection: Connection, msg: Msg<T>) => Promise<void> };

  return {
    handlers,

    /** A member blocked, muted or unblocked someone: their sockets on this node apply it from the next event. */
    blocksChanged(memberId: string, handles: string[]) {
      const hidden = new Set(handles.map((h) => h.toLowerCase()));
      for (const mine of subs.values()) {
        for (const sub of mine.values()) if (sub.memberId === memberId) sub.hidden = hidden;
      }
    },

    /** A socket closed: it leaves every room it was in. */
    async disconnected(connection: Connection) {
      for (const sub of [...(subs.get(connection.id)?.values() ?? [])]) await leave(sub);
    },

    /**
     * Maintenance, every few seconds on every node (each step is safe to repeat): keep this node's
     * presence fresh and drop a dead node's, end overdue shares, close rooms whose meeting is over
     * (purging them), forget messages in groups that keep nothing, and catch up missed events.
     */
    async tick(now = new Date()) {
      await store.touchNode(db, node);
      for (const roomId of await store.dropStaleConnections(db, new Date(now.getTime() - STALE_MS))) {
        await core
          .mutate(roomId, async (tx, room) => {
            const found = await store.roomWithMeeting(tx, room.id);
            const groupId = found?.meeting.groupId as string;
            return [await presenceEvent(tx, room.id), await lobbyEvent(tx, room.id, groupId)];
          })
          .catch(() => {});
      }
      for (const floor of await store.overdueFloors(db, now)) await endShareIfDue(floor.id, floor.startedAt, now);
      for (const roomId of await store.overdueRooms(db, now)) await core.closeRoom(roomId);
      await store.pruneKeepNothing(db, new Date(now.getTime() - KEEP_FOR_RECONNECT_MS), TRANSCRIPT_KINDS);
      await feeds.checkAll();
    },

    stop() {
      for (const timer of floorTimers.values()) clearTimeout(timer);
      floorTimers.clear();
    },
  };
}
export type Live = ReturnType<typeof createLive>;
