import { randomBytes } from "node:crypto";
import type { MeetingFields } from "@kinship/contracts/directory";
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { meetingSlots, meetings } from "../../db/schema.ts";
import { offsetAt, slotsOf } from "./schedule.ts";

export type MeetingRow = typeof meetings.$inferSelect;

/** A URL-safe slug from a name, with a short random tail so two "Monday Night" meetings differ. */
export function slugFor(name: string) {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${base || "meeting"}-${randomBytes(3).toString("hex")}`;
}

/** The words the finder's free text matches: the meeting, its group and its place. */
const searchText = (m: MeetingFields, groupName: string) =>
  [m.name, groupName, m.locationName, m.formattedAddress, m.region, m.notes].filter(Boolean).join(" ");

/** The stored columns of a meeting (without its id and slug), with its search vector. */
function columnsOf(target: { groupId: string; groupName: string }, m: MeetingFields) {
  return {
    groupId: target.groupId,
    name: m.name,
    notes: m.notes,
    audience: m.audience,
    mode: m.mode,
    days: [...new Set(m.days)].sort(),
    onDate: m.onDate,
    startTime: m.startTime,
    endTime: m.endTime,
    timeZone: m.timeZone,
    locationName: m.locationName,
    formattedAddress: m.formattedAddress,
    region: m.region,
    latitude: m.latitude,
    longitude: m.longitude,
    locationNotes: m.locationNotes,
    conferenceUrl: m.conferenceUrl,
    conferencePhone: m.conferencePhone,
    conferenceNotes: m.conferenceNotes,
    linkAudience: m.linkAudience,
    types: [...new Set(m.types)],
    languages: [...new Set(m.languages)],
    temporarilyClosed: m.temporarilyClosed,
    search: sql`to_tsvector('simple', ${searchText(m, target.groupName)})`,
    updatedAt: new Date(),
  };
}

/** Replace the finder slots of these meetings with the ones their schedules give. */
async function replaceSlots(db: Db, saved: { id: string; fields: MeetingFields }[]) {
  if (saved.length === 0) return;
  await db.delete(meetingSlots).where(
    inArray(
      meetingSlots.meetingId,
      saved.map((s) => s.id),
    ),
  );
  await db
    .insert(meetingSlots)
    .values(saved.flatMap((s) => slotsOf(s.fields).map((slot) => ({ ...slot, meetingId: s.id }))));
}

/**
 * Insert or replace a meeting with its finder slots and search vector, in one transaction of the
 * caller's choosing. `id` updates that meeting; otherwise `slug` (from an import) updates the meeting
 * with that slug if it exists in the same group, or a new one is created.
 */
export async function saveMeeting(
  db: Db,
  target: { groupId: string; groupName: string; id?: string; slug?: string },
  m: MeetingFields,
): Promise<{ row: MeetingRow; created: boolean }> {
  const values = columnsOf(target, m);
  let row: MeetingRow | undefined;
  let created = false;
  if (target.id) {
    [row] = await db.update(meetings).set(values).where(eq(meetings.id, target.id)).returning();
  } else if (target.slug) {
    [row] = await db
      .update(meetings)
      .set(values)
      .where(and(eq(meetings.slug, target.slug), eq(meetings.groupId, target.groupId)))
      .returning();
  }
  if (!row) {
    [row] = await db
      .insert(meetings)
      .values({ ...values, slug: target.slug ?? slugFor(m.name) })
      .returning();
    created = true;
  }
  if (!row) throw new Error("meeting was not saved");
  await replaceSlots(db, [{ id: row.id, fields: m }]);
  return { row, created };
}

/** The `set` of an upsert that takes these columns from the proposed row (`excluded`). */
function fromProposed(keys: string[]) {
  const columns = getTableColumns(meetings);
  return Object.fromEntries(keys.map((k) => [k, sql.raw(`excluded.${columns[k as keyof typeof columns].name}`)]));
}

/** One meeting of a batch: a new one, or (with its id) an existing one, which keeps its slug. */
export type BatchMeeting = { groupId: string; groupName: string; slug: string; id?: string; fields: MeetingFields };

/**
 * Save many meetings at once (an import), in the caller's transaction: one insert that creates the
 * new ones and, by id, overwrites the changed ones (`on conflict … do update`), then all their slots
 * in one delete and one insert. A few statements per batch instead of four per meeting keeps a large
 * import short, which matters most on PGlite, where the import's transaction holds the only
 * connection. Keep batches to a few hundred meetings (PostgreSQL takes at most 65,535 parameters
 * per statement). A changed meeting keeps its slug and the time it was created.
 */
export async function saveMeetings(db: Db, batch: BatchMeeting[]) {
  if (batch.length === 0) return;
  const rows = batch.map((b) => ({ ...columnsOf(b, b.fields), slug: b.slug, ...(b.id ? { id: b.id } : {}) }));
  const saved = await db
    .insert(meetings)
    .values(rows)
    .onConflictDoUpdate({
      target: meetings.id,
      set: fromProposed(Object.keys(rows[0] ?? {}).filter((k) => k !== "id" && k !== "slug")),
    })
    .returning({ id: meetings.id, slug: meetings.slug });
  const fieldsOf = new Map(batch.map((b) => [b.slug, b.fields]));
  await replaceSlots(
    db,
    saved.map((row) => ({ id: row.id, fields: fieldsOf.get(row.slug) as MeetingFields })),
  );
}

/** Recompute the search vector of every meeting of a group, after the group was renamed. */
export async function refreshGroupSearch(db: Db, groupId: string, groupName: string) {
  await db
    .update(meetings)
    .set({
      search: sql`to_tsvector('simple', concat_ws(' ', ${meetings.name}, ${groupName}::text, ${meetings.locationName}, ${meetings.formattedAddress}, ${meetings.region}, ${meetings.notes}))`,
    })
    .where(eq(meetings.groupId, groupId));
}

/**
 * Keep weekly slots' UTC start in step with each zone's clocks: run hourly, it rewrites only the
 * slots of zones whose offset has changed since (a daylight-saving change), so it costs nothing most hours.
 */
export async function refreshZoneOffsets(db: Db, now = new Date()) {
  const zones = await db
    .selectDistinct({ timeZone: meetings.timeZone, offset: meetingSlots.utcOffsetMinutes })
    .from(meetingSlots)
    .innerJoin(meetings, eq(meetings.id, meetingSlots.meetingId))
    .where(sql`${meetingSlots.onDate} is null`);
  let changed = 0;
  for (const { timeZone, offset } of zones) {
    const current = offsetAt(timeZone, now);
    if (current === offset) continue;
    const ids = db.select({ id: meetings.id }).from(meetings).where(eq(meetings.timeZone, timeZone));
    await db
      .update(meetingSlots)
      .set({
        utcOffsetMinutes: current,
        weekStartUtc: sql`((${meetingSlots.day} * 1440 + ${meetingSlots.startMinute} - ${current}) % 10080 + 10080) % 10080`,
      })
      .where(and(inArray(meetingSlots.meetingId, ids), sql`${meetingSlots.onDate} is null`));
    changed++;
  }
  return changed;
}
