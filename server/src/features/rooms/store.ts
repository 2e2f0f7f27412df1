import { and, asc, eq, gt, inArray, isNotNull, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  groupMembers,
  meetings,
  members,
  roomConnections,
  roomEvents,
  roomGroupSettings,
  roomMembers,
  roomReadings,
  roomRemovals,
  roomSettings,
  rooms,
} from "../../db/schema.ts";
import type { Restriction } from "../moderation/trust.ts";
import type { RoomFacts, Seat } from "./policy.ts";

export type RoomRow = typeof rooms.$inferSelect;
export type RoomMemberRow = typeof roomMembers.$inferSelect;
export type EventRow = typeof roomEvents.$inferSelect;
/** An event on its way into a room, before it has a sequence number. */
export type NewEvent = {
  kind: string;
  audience: string;
  payload: unknown;
  senderId?: string | null;
  clientId?: string | null;
};
/** An event as it travels between nodes and to sockets. */
export type Published = { seq: number; kind: string; audience: string; payload: unknown; at: string };

/** A transaction or the database: both run queries. */
type Q = Db;

const firstOrNull = <T>(rows: T[]) => rows[0] ?? null;

/** SQL of the rooms feature. */
export const roomsStore = {
  findRoom: async (db: Q, roomId: string) => firstOrNull(await db.select().from(rooms).where(eq(rooms.id, roomId))),

  /** A room with what the rules need of its meeting and group. */
  roomWithMeeting: async (db: Q, roomId: string) =>
    firstOrNull(
      await db
        .select({
          room: rooms,
          meeting: {
            id: meetings.id,
            name: meetings.name,
            audience: meetings.audience,
            groupId: meetings.groupId,
          },
        })
        .from(rooms)
        .innerJoin(meetings, eq(meetings.id, rooms.meetingId))
        .where(eq(rooms.id, roomId)),
    ),

  /**
   * The room and one member's seat in it, in one query (the hot path of every message); with
   * `restriction` (moderation's subquery), also what it finds.
   */
  roomAndSeat: async (db: Q, roomId: string, memberId: string, restriction?: SQL<Restriction | null>) =>
    firstOrNull(
      await db
        .select({ room: rooms, seat: roomMembers, restriction: restriction ?? sql<Restriction | null>`null` })
        .from(rooms)
        .leftJoin(roomMembers, and(eq(roomMembers.roomId, rooms.id), eq(roomMembers.memberId, memberId)))
        .where(eq(rooms.id, roomId)),
    ),

  /** The room of one occurrence of a meeting. */
  findOccurrence: async (db: Q, meetingId: string, occursOn: string) =>
    firstOrNull(
      await db
        .select()
        .from(rooms)
        .where(and(eq(rooms.meetingId, meetingId), eq(rooms.occursOn, occursOn))),
    ),

  /** The meeting's open room, if one is open now. */
  findOpenRoomOfMeeting: async (db: Q, meetingId: string) =>
    firstOrNull(
      await db
        .select()
        .from(rooms)
        .where(and(eq(rooms.meetingId, meetingId), eq(rooms.status, "open")))
        .limit(1),
    ),

  /** Locks the room row for the rest of the transaction: every change to a room goes through here. */
  lockRoom: async (tx: Q, roomId: string) =>
    firstOrNull(await tx.select().from(rooms).where(eq(rooms.id, roomId)).for("update")),

  async insertRoom(tx: Q, values: typeof rooms.$inferInsert) {
    const [row] = await tx.insert(rooms).values(values).returning();
    return row as RoomRow;
  },

  async updateRoom(tx: Q, roomId: string, changes: Partial<typeof rooms.$inferInsert>) {
    const [row] = await tx.update(rooms).set(changes).where(eq(rooms.id, roomId)).returning();
    return row as RoomRow;
  },

  /** Writes events after `fromSeq` and moves the room's sequence on; the room row must be locked. */
  async appendEvents(tx: Q, roomId: string, fromSeq: number, events: NewEvent[], persist = true) {
    if (events.length === 0) return [] as Published[];
    const rows = events.map((e, i) => ({
      roomId,
      seq: fromSeq + i + 1,
      kind: e.kind,
      audience: e.audience,
      payload: e.payload,
      senderId: e.senderId ?? null,
      clientId: e.clientId ?? null,
    }));
    const at = new Date();
    if (persist) await tx.insert(roomEvents).values(rows.map((r) => ({ ...r, createdAt: at })));
    await tx
      .update(rooms)
      .set({ seq: fromSeq + events.length })
      .where(eq(rooms.id, roomId));
    return rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      audience: r.audience,
      payload: r.payload,
      at: at.toISOString(),
    }));
  },

  /**
   * One message in one statement: takes the room's next number under its row lock and stores the
   * event, only while the room is open, and with `unchanged`, only while the room and the sender's
   * seat are still as the rules saw them and no restriction is in force. Null when not stored.
   */
  async appendMessage(
    db: Q,
    roomId: string,
    event: Required<NewEvent>,
    unchanged?: { memberId: string; room: RoomFacts; seat: Seat; restriction?: SQL<unknown> },
  ): Promise<Published | null> {
    const still = unchanged
      ? sql`and r.entry = ${unchanged.room.entry} and r.locked = ${unchanged.room.locked}
          and r.cross_talk = ${unchanged.room.crossTalk}
          and r.floor_member_id is not distinct from ${unchanged.room.floorMemberId}
          and exists (select 1 from room_members m where m.room_id = r.id and m.member_id = ${unchanged.memberId}
            and m.status = ${unchanged.seat.status} and m.role = ${unchanged.seat.role}
            and m.mode = ${unchanged.seat.mode} and m.muted = ${unchanged.seat.muted})
          ${unchanged.restriction ? sql`and ${unchanged.restriction} is null` : sql``}`
      : sql``;
    const result = await db.execute(sql`
      with s as (update rooms r set seq = r.seq + 1 where r.id = ${roomId} and r.status = 'open' ${still} returning r.seq)
      insert into room_events (room_id, seq, kind, audience, sender_id, client_id, payload)
      select ${roomId}, s.seq, ${event.kind}, ${event.audience}, ${event.senderId}, ${event.clientId}, ${JSON.stringify(event.payload)}::jsonb
      from s
      returning seq, created_at`);
    const row = (result as unknown as { rows: { seq: number; created_at: string | Date }[] }).rows[0];
    if (!row) return null;
    const at = row.created_at instanceof Date ? row.created_at : new Date(row.created_at);
    return {
      seq: Number(row.seq),
      kind: event.kind,
      audience: event.audience,
      payload: event.payload,
      at: at.toISOString(),
    };
  },

  /** The event a member already sent under this client id (a retry), if any. */
  findSend: async (db: Q, roomId: string, senderId: string, clientId: string) =>
    firstOrNull(
      await db
        .select({ seq: roomEvents.seq })
        .from(roomEvents)
        .where(
          and(eq(roomEvents.roomId, roomId), eq(roomEvents.senderId, senderId), eq(roomEvents.clientId, clientId)),
        ),
    ),

  /** Events after `after` up to `upTo`, in order; only the given kinds when asked. */
  eventsBetween(db: Q, roomId: string, after: number, upTo: number, kinds?: readonly string[]) {
    return db
      .select()
      .from(roomEvents)
      .where(
        and(
          eq(roomEvents.roomId, roomId),
          gt(roomEvents.seq, after),
          lte(roomEvents.seq, upTo),
          kinds ? inArray(roomEvents.kind, [...kinds]) : undefined,
        ),
      )
      .orderBy(asc(roomEvents.seq));
  },

  /** How many events are stored after `after` up to `upTo` (fewer than the numbers between: some were forgotten). */
  async countBetween(db: Q, roomId: string, after: number, upTo: number) {
    const [row] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(roomEvents)
      .where(and(eq(roomEvents.roomId, roomId), gt(roomEvents.seq, after), lte(roomEvents.seq, upTo)));
    return row?.n ?? 0;
  },

  currentSeq: async (db: Q, roomId: string) =>
    (await db.select({ seq: rooms.seq }).from(rooms).where(eq(rooms.id, roomId)))[0]?.seq ?? 0,

  seatOf: async (db: Q, roomId: string, memberId: string) =>
    firstOrNull(
      await db
        .select()
        .from(roomMembers)
        .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.memberId, memberId))),
    ),

  /** A member in this room (lobby or admitted) by handle. */
  seatByHandle: async (db: Q, roomId: string, handle: string) =>
    firstOrNull(
      await db
        .select({ seat: roomMembers, handle: members.handle })
        .from(roomMembers)
        .innerJoin(members, eq(members.id, roomMembers.memberId))
        .where(and(eq(roomMembers.roomId, roomId), sql`lower(${members.handle}) = lower(${handle})`)),
    ),

  async upsertSeat(tx: Q, values: typeof roomMembers.$inferInsert) {
    await tx
      .insert(roomMembers)
      .values(values)
      .onConflictDoUpdate({
        target: [roomMembers.roomId, roomMembers.memberId],
        set: { status: values.status, mode: values.mode, joinedSeq: values.joinedSeq },
      });
  },

  async updateSeat(tx: Q, roomId: string, memberId: string, changes: Partial<typeof roomMembers.$inferInsert>) {
    await tx
      .update(roomMembers)
      .set(changes)
      .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.memberId, memberId)));
  },

  async deleteSeat(tx: Q, roomId: string, memberId: string) {
    await tx.delete(roomMembers).where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.memberId, memberId)));
  },

  isRemoved: async (db: Q, roomId: string, memberId: string) =>
    (
      await db
        .select({ id: roomRemovals.id })
        .from(roomRemovals)
        .where(and(eq(roomRemovals.roomId, roomId), eq(roomRemovals.memberId, memberId)))
    ).length > 0,

  async recordRemoval(tx: Q, values: typeof roomRemovals.$inferInsert) {
    await tx.insert(roomRemovals).values(values).onConflictDoNothing();
  },

  removals(db: Q, roomIds: string[]) {
    if (roomIds.length === 0) return Promise.resolve([]);
    const removedBy = sql<string | null>`(select handle from members b where b.id = ${roomRemovals.removedById})`;
    return db
      .select({ handle: members.handle, by: removedBy, reason: roomRemovals.reason, at: roomRemovals.createdAt })
      .from(roomRemovals)
      .innerJoin(members, eq(members.id, roomRemovals.memberId))
      .where(inArray(roomRemovals.roomId, roomIds))
      .orderBy(asc(roomRemovals.createdAt));
  },

  roomIdsOfMeeting: async (db: Q, meetingId: string) =>
    (await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.meetingId, meetingId))).map((r) => r.id),

  /** People admitted and connected now: handle, role, mode, muted. Listeners are only counted by the caller. */
  present(db: Q, roomId: string) {
    return db
      .select({ handle: members.handle, role: roomMembers.role, mode: roomMembers.mode, muted: roomMembers.muted })
      .from(roomMembers)
      .innerJoin(members, eq(members.id, roomMembers.memberId))
      .where(
        and(
          eq(roomMembers.roomId, roomId),
          eq(roomMembers.status, "admitted"),
          sql`exists (select 1 from room_connections c where c.room_id = ${roomMembers.roomId} and c.member_id = ${roomMembers.memberId})`,
        ),
      )
      .orderBy(sql`${roomMembers.role} = 'facilitator' desc`, sql`lower(${members.handle})`);
  },

  /** The share queue: handles in the order hands went up. */
  async queue(db: Q, roomId: string) {
    const rows = await db
      .select({ handle: members.handle })
      .from(roomMembers)
      .innerJoin(members, eq(members.id, roomMembers.memberId))
      .where(
        and(eq(roomMembers.roomId, roomId), eq(roomMembers.status, "admitted"), isNotNull(roomMembers.handRaisedAt)),
      )
      .orderBy(asc(roomMembers.handRaisedAt), asc(members.handle));
    return rows.map((r) => r.handle);
  },

  /** The first person in the queue, as a member id. */
  firstInQueue: async (db: Q, roomId: string) =>
    firstOrNull(
      await db
        .select({ memberId: roomMembers.memberId })
        .from(roomMembers)
        .where(
          and(eq(roomMembers.roomId, roomId), eq(roomMembers.status, "admitted"), isNotNull(roomMembers.handRaisedAt)),
        )
        .orderBy(asc(roomMembers.handRaisedAt))
        .limit(1),
    ),

  /** People waiting in the lobby now, and whether each is a member of the group. */
  lobby(db: Q, roomId: string, groupId: string) {
    return db
      .select({
        handle: members.handle,
        mode: roomMembers.mode,
        since: roomMembers.waitingSince,
        member: sql<boolean>`exists (select 1 from ${groupMembers} g where g.group_id = ${groupId} and g.member_id = ${roomMembers.memberId} and g.status = 'active')`,
      })
      .from(roomMembers)
      .innerJoin(members, eq(members.id, roomMembers.memberId))
      .where(
        and(
          eq(roomMembers.roomId, roomId),
          eq(roomMembers.status, "lobby"),
          sql`exists (select 1 from room_connections c where c.room_id = ${roomMembers.roomId} and c.member_id = ${roomMembers.memberId})`,
        ),
      )
      .orderBy(asc(roomMembers.waitingSince));
  },

  handleOf: async (db: Q, memberId: string | null) =>
    memberId
      ? ((await db.select({ handle: members.handle }).from(members).where(eq(members.id, memberId)))[0]?.handle ?? null)
      : null,

  // ── Connections (presence) ──

  async addConnection(db: Q, values: typeof roomConnections.$inferInsert) {
    await db.insert(roomConnections).values(values).onConflictDoNothing();
  },

  /** Removes one connection; answers whether the member still has another in the room. */
  async dropConnection(db: Q, id: string, roomId: string, memberId: string) {
    await db.delete(roomConnections).where(eq(roomConnections.id, id));
    const rest = await db
      .select({ id: roomConnections.id })
      .from(roomConnections)
      .where(and(eq(roomConnections.roomId, roomId), eq(roomConnections.memberId, memberId)))
      .limit(1);
    return rest.length > 0;
  },

  async dropMemberConnections(db: Q, roomId: string, memberId: string) {
    await db
      .delete(roomConnections)
      .where(and(eq(roomConnections.roomId, roomId), eq(roomConnections.memberId, memberId)));
  },

  connectionCount: async (db: Q, roomId: string, memberId: string) =>
    (
      await db
        .select({ id: roomConnections.id })
        .from(roomConnections)
        .where(and(eq(roomConnections.roomId, roomId), eq(roomConnections.memberId, memberId)))
    ).length,

  async touchNode(db: Q, node: string) {
    await db.update(roomConnections).set({ seenAt: new Date() }).where(eq(roomConnections.node, node));
  },

  /** Connections of nodes that stopped refreshing them (a crashed node); answers the rooms touched. */
  async dropStaleConnections(db: Q, before: Date) {
    const rows = await db
      .delete(roomConnections)
      .where(lt(roomConnections.seenAt, before))
      .returning({ roomId: roomConnections.roomId });
    return [...new Set(rows.map((r) => r.roomId))];
  },

  // ── Closing and retention ──

  /** Deletes what was said in a room and who was there. The room row and removals stay. */
  async purge(tx: Q, roomId: string) {
    await tx.delete(roomEvents).where(eq(roomEvents.roomId, roomId));
    await tx.delete(roomConnections).where(eq(roomConnections.roomId, roomId));
    await tx.delete(roomMembers).where(eq(roomMembers.roomId, roomId));
  },

  /** Open rooms whose occurrence is over. */
  overdueRooms: async (db: Q, now: Date) =>
    (
      await db
        .select({ id: rooms.id })
        .from(rooms)
        .where(and(eq(rooms.status, "open"), lt(rooms.endsAt, now)))
    ).map((r) => r.id),

  /** In groups that keep nothing, what was said goes once reconnection no longer needs it. */
  async pruneKeepNothing(db: Q, before: Date, kinds: readonly string[]) {
    await db.execute(sql`
      delete from room_events e using rooms r
      where r.id = e.room_id and r.keep_messages = 'reconnect' and e.created_at < ${before.toISOString()}
        and e.kind in (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})`);
  },

  /** Overdue shares (the timer ran out and no node ended it). */
  overdueFloors: async (db: Q, now: Date) =>
    db
      .select({ id: rooms.id, memberId: rooms.floorMemberId, startedAt: rooms.floorStartedAt })
      .from(rooms)
      .where(and(eq(rooms.status, "open"), isNotNull(rooms.floorEndsAt), lt(rooms.floorEndsAt, now))),

  // ── Settings and readings ──

  roomSettingsOf: async (db: Q, meetingId: string) =>
    firstOrNull(await db.select().from(roomSettings).where(eq(roomSettings.meetingId, meetingId))),

  async saveRoomSettings(
    tx: Q,
    meetingId: string,
    values: { entry: RoomRow["entry"]; crossTalk: boolean; shareSeconds: number },
  ) {
    await tx
      .insert(roomSettings)
      .values({ meetingId, ...values })
      .onConflictDoUpdate({ target: roomSettings.meetingId, set: { ...values, updatedAt: new Date() } });
  },

  keepMessagesOf: async (db: Q, groupId: string) =>
    (await db.select().from(roomGroupSettings).where(eq(roomGroupSettings.groupId, groupId)))[0]?.keepMessages ??
    "meeting",

  async saveGroupSettings(db: Q, groupId: string, keep: "meeting" | "reconnect") {
    await db
      .insert(roomGroupSettings)
      .values({ groupId, keepMessages: keep })
      .onConflictDoUpdate({ target: roomGroupSettings.groupId, set: { keepMessages: keep, updatedAt: new Date() } });
  },

  readings: (db: Q, groupId: string) =>
    db.select().from(roomReadings).where(eq(roomReadings.groupId, groupId)).orderBy(asc(roomReadings.position)),

  reading: async (db: Q, groupId: string, id: string) =>
    firstOrNull(
      await db
        .select()
        .from(roomReadings)
        .where(and(eq(roomReadings.groupId, groupId), eq(roomReadings.id, id))),
    ),

  async replaceReadings(tx: Q, groupId: string, items: { title: string; body: string }[]) {
    await tx.delete(roomReadings).where(eq(roomReadings.groupId, groupId));
    if (items.length > 0) {
      await tx.insert(roomReadings).values(items.map((r, position) => ({ groupId, position, ...r })));
    }
  },

  /** Was this member let into an open room of this meeting (for links shown only to people admitted)? */
  async admittedToMeeting(db: Q, memberId: string, meetingId: string) {
    const rows = await db
      .select({ roomId: roomMembers.roomId })
      .from(roomMembers)
      .innerJoin(rooms, eq(rooms.id, roomMembers.roomId))
      .where(
        and(
          eq(rooms.meetingId, meetingId),
          eq(rooms.status, "open"),
          eq(roomMembers.memberId, memberId),
          eq(roomMembers.status, "admitted"),
        ),
      )
      .limit(1);
    return rows.length > 0;
  },
};
