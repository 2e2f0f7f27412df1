import type { RoomGroupSettings, RoomInfo, RoomOpen } from "@kinship/contracts/rooms";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, NotFound } from "../../platform/errors.ts";
import type { Hub } from "../../realtime/hub.ts";
import { type GroupStanding, standingIn } from "../groups/access.ts";
import { canSeeMeeting } from "../meetings/policy.ts";
import { meetingQueries } from "../meetings/queries.ts";
import { whenOf } from "../meetings/rules.ts";
import { durationOf, localDate, nextStartOf } from "../meetings/schedule.ts";
import type { MeetingRow } from "../meetings/store.ts";
import { closedEvent, roomChannel } from "./feed.ts";
import { canCloseRoom, canManageRoomsOf, canOpenRoom, entryFor, type RoomStanding, type Seat } from "./policy.ts";
import { presentReading, presentRoomInfo } from "./presenters.ts";
import { type NewEvent, type Published, type RoomRow, roomsStore as store } from "./store.ts";

export type RoomsDeps = {
  db: Db;
  hub: Hub;
  /** The time the rules run at; tests fix it. */
  clock?: () => Date;
  logError?: (error: unknown, message: string) => void;
};

/** A room may be opened this long before its meeting starts. */
export const OPENS_BEFORE_MS = 30 * 60_000;
/** A room stays open this long after its meeting's end, then closes and is purged. */
export const GRACE_AFTER_MS = 15 * 60_000;

export const NO_ROOM = "We couldn't find that room.";
const NO_MEETING = "We couldn't find that meeting.";
const NOT_OPEN = "This room isn't open right now.";
const MANAGERS_ONLY = "Only the group's facilitators and the organisation's admins can do that.";

const seatOf = (row: { status: Seat["status"]; role: Seat["role"]; mode: Seat["mode"]; muted: boolean } | null) =>
  row ? { status: row.status, role: row.role, mode: row.mode, muted: row.muted } : null;

/** Rooms: opening and closing, what a viewer sees before going in, readings, retention, removals. */
export function createRoomsService({ db, hub, clock = () => new Date(), logError = () => {} }: RoomsDeps) {
  /** A meeting the viewer may know exists, or a 404. */
  async function visibleMeeting(actor: Actor | null, ref: string) {
    const found = await meetingQueries.findMeeting(db, ref);
    if (!found) throw new NotFound(NO_MEETING);
    const group = await standingIn(db, actor, found.group.id);
    if (!canSeeMeeting(group, found.meeting)) throw new NotFound(NO_MEETING);
    return { ...found, standing: group };
  }

  /** The next (or current) occurrence of a meeting: its start, its local date, when its room closes. */
  function occurrenceOf(meeting: MeetingRow, now: Date) {
    const when = whenOf(meeting);
    const start = nextStartOf(when, now);
    if (!start) return null;
    return {
      start,
      occursOn: localDate(meeting.timeZone, start).date,
      endsAt: new Date(start.getTime() + durationOf(when) * 60_000 + GRACE_AFTER_MS),
      opensFrom: new Date(start.getTime() - OPENS_BEFORE_MS),
    };
  }

  async function standingInRoom(actor: Actor, room: RoomRow, group: GroupStanding): Promise<RoomStanding> {
    const seat = seatOf(await store.seatOf(db, room.id, actor.memberId));
    return { group, seat, removed: await store.isRemoved(db, room.id, actor.memberId) };
  }

  async function publishAll(roomId: string, events: Published[]) {
    for (const event of events) {
      await hub.publish(roomChannel(roomId), event).catch((error) => logError(error, "room publish failed"));
    }
  }

  const core = {
    clock,
    publishAll,

    /**
     * Every change to a room: under the room's row lock, `change` updates rows and says which events
     * follow; they get the next sequence numbers, are stored, and only then published.
     */
    async mutate(roomId: string, change: (tx: Db, room: RoomRow) => Promise<NewEvent[]>) {
      const published = await db.transaction(async (tx) => {
        const q = tx as unknown as Db;
        const room = await store.lockRoom(q, roomId);
        if (!room) throw new NotFound(NO_ROOM);
        if (room.status !== "open") throw new Conflict(NOT_OPEN);
        return store.appendEvents(q, roomId, room.seq, await change(q, room));
      });
      await publishAll(roomId, published);
      return published;
    },

    /** Closes a room and deletes what was said in it and who was there; everyone in it is told. */
    async closeRoom(roomId: string) {
      const closed = await db.transaction(async (tx) => {
        const q = tx as unknown as Db;
        const room = await store.lockRoom(q, roomId);
        if (room?.status !== "open") return null;
        await store.purge(q, roomId);
        await store.updateRoom(q, roomId, {
          status: "closed",
          closedAt: clock(),
          seq: room.seq + 1,
          floorMemberId: null,
          floorStartedAt: null,
          floorEndsAt: null,
        });
        return closedEvent(room.seq + 1);
      });
      if (closed) await publishAll(roomId, [closed]);
    },

    /** A room, its meeting, and where this person stands with it; a room they may not know of is a 404. */
    async context(actor: Actor, roomId: string) {
      const found = await store.roomWithMeeting(db, roomId);
      if (!found) throw new NotFound(NO_ROOM);
      const group = await standingIn(db, actor, found.meeting.groupId);
      if (!canSeeMeeting(group, found.meeting)) throw new NotFound(NO_ROOM);
      return { ...found, standing: await standingInRoom(actor, found.room, group) };
    },
  };

  return {
    core,

    /** The room of a meeting as this viewer sees it before going in. */
    async info(actor: Actor | null, meetingRef: string): Promise<RoomInfo> {
      const { meeting, group, standing } = await visibleMeeting(actor, meetingRef);
      const now = clock();
      const occurrence = meeting.mode === "in_person" ? null : occurrenceOf(meeting, now);
      const room =
        (await store.findOpenRoomOfMeeting(db, meeting.id)) ??
        (occurrence ? await store.findOccurrence(db, meeting.id, occurrence.occursOn) : null);
      const roomStanding: RoomStanding =
        actor && room ? await standingInRoom(actor, room, standing) : { group: standing, seat: null, removed: false };
      const canOpen =
        canOpenRoom(standing) &&
        room?.status !== "open" &&
        occurrence !== null &&
        !meeting.temporarilyClosed &&
        occurrence.opensFrom.getTime() <= now.getTime();
      const saved = await store.roomSettingsOf(db, meeting.id);
      return presentRoomInfo(
        { id: meeting.id, slug: meeting.slug, name: meeting.name, groupId: group.id, groupName: group.name },
        room,
        { canOpen, canManage: canManageRoomsOf(standing), entry: entryFor(actor, roomStanding, room) },
        occurrence?.opensFrom ?? null,
        saved
          ? { entry: saved.entry, crossTalk: saved.crossTalk, shareSeconds: saved.shareSeconds }
          : { entry: "lobby", crossTalk: false, shareSeconds: 0 },
      );
    },

    /** Opens (or reopens) the room of the meeting's current occurrence; the opener facilitates it. */
    async open(actor: Actor, meetingRef: string, body: RoomOpen) {
      const { meeting, group, standing } = await visibleMeeting(actor, meetingRef);
      if (!canOpenRoom(standing)) throw new Forbidden(MANAGERS_ONLY);
      if (meeting.mode === "in_person")
        throw new Conflict("This meeting meets in person, so it has no online room.", "mode");
      if (meeting.temporarilyClosed) throw new Conflict("This meeting is taking a break for now.");
      const now = clock();
      const occurrence = occurrenceOf(meeting, now);
      if (!occurrence) throw new Conflict("This meeting has no date coming up.");
      if (occurrence.opensFrom.getTime() > now.getTime())
        throw new Conflict("You can open the room from 30 minutes before the meeting starts.");
      const keep = await store.keepMessagesOf(db, group.id);
      let created = false;
      const room = await db.transaction(async (tx) => {
        const q = tx as unknown as Db;
        const existing = await store.findOccurrence(q, meeting.id, occurrence.occursOn);
        const settings = { entry: body.entry, crossTalk: body.crossTalk, shareSeconds: body.shareSeconds };
        await store.saveRoomSettings(q, meeting.id, settings);
        let row: RoomRow;
        if (!existing) {
          created = true;
          row = await store.insertRoom(q, {
            meetingId: meeting.id,
            occursOn: occurrence.occursOn,
            ...settings,
            keepMessages: keep,
            openedById: actor.memberId,
            endsAt: occurrence.endsAt,
          });
        } else if (existing.status === "open") {
          return existing;
        } else {
          created = true;
          row = await store.updateRoom(q, existing.id, {
            status: "open",
            ...settings,
            locked: false,
            keepMessages: keep,
            openedById: actor.memberId,
            openedAt: now,
            closedAt: null,
            endsAt: occurrence.endsAt,
          });
        }
        await store.upsertSeat(q, {
          roomId: row.id,
          memberId: actor.memberId,
          status: "admitted",
          role: "facilitator",
          mode: "participant",
          joinedSeq: row.seq,
        });
        await store.updateSeat(q, row.id, actor.memberId, { role: "facilitator" });
        return row;
      });
      return { created, room, info: await this.info(actor, meeting.id) };
    },

    /** Closes a room now: its facilitator, or the group's managers. */
    async close(actor: Actor, roomId: string) {
      const { room, standing } = await core.context(actor, roomId);
      if (!canCloseRoom(standing)) throw new Forbidden("Only the facilitator can close the room.");
      if (room.status !== "open") return;
      await core.closeRoom(roomId);
    },

    /** A group's opening readings, for the people who run it. */
    async readings(actor: Actor, groupId: string) {
      const standing = await managedGroup(actor, groupId);
      void standing;
      return { items: (await store.readings(db, groupId)).map(presentReading) };
    },

    async replaceReadings(actor: Actor, groupId: string, items: { title: string; body: string }[]) {
      await managedGroup(actor, groupId);
      await db.transaction((tx) => store.replaceReadings(tx as unknown as Db, groupId, items));
      return { items: (await store.readings(db, groupId)).map(presentReading) };
    },

    async groupSettings(actor: Actor, groupId: string): Promise<RoomGroupSettings> {
      await managedGroup(actor, groupId);
      return { keepMessages: await store.keepMessagesOf(db, groupId) };
    },

    /** What the group's rooms keep; applies to rooms opened from now on. */
    async saveGroupSettings(actor: Actor, groupId: string, settings: RoomGroupSettings) {
      await managedGroup(actor, groupId);
      await store.saveGroupSettings(db, groupId, settings.keepMessages);
      return settings;
    },

    /** Removals from a meeting's rooms, with their reasons: for the people who run the group. */
    async removals(actor: Actor, meetingRef: string) {
      const { meeting, standing } = await visibleMeeting(actor, meetingRef);
      if (!canManageRoomsOf(standing)) throw new Forbidden(MANAGERS_ONLY);
      const rows = await store.removals(db, await store.roomIdsOfMeeting(db, meeting.id));
      return { items: rows.map((r) => ({ handle: r.handle, by: r.by, reason: r.reason, at: r.at.toISOString() })) };
    },

    /** For links shown only to people admitted: was this member let into the meeting's open room? */
    admittedToMeeting: (memberId: string, meetingId: string) => store.admittedToMeeting(db, memberId, meetingId),
  };

  async function managedGroup(actor: Actor, groupId: string) {
    const group = await meetingQueries.findGroup(db, groupId);
    if (!group) throw new NotFound("We couldn't find that group.");
    const standing = await standingIn(db, actor, groupId);
    if (!canManageRoomsOf(standing)) throw new Forbidden(MANAGERS_ONLY);
    return standing;
  }
}
export type RoomsService = ReturnType<typeof createRoomsService>;
export type RoomsCore = RoomsService["core"];
