import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  groups,
  meetingFollows,
  meetingRsvps,
  meetingSuggestions,
  meetings,
  members,
  organisations,
} from "../../db/schema.ts";
import type { MeetingRow } from "./store.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The group fields a meeting is shown with. */
const groupColumns = {
  id: groups.id,
  name: groups.name,
  organisationId: groups.organisationId,
  focus: groups.focus,
  format: groups.format,
};
export type GroupOfMeeting = { id: string; name: string; organisationId: string; focus: string; format: string };
export type MeetingWithGroup = { meeting: MeetingRow; group: GroupOfMeeting; organisationName: string };
export type SuggestionRow = typeof meetingSuggestions.$inferSelect;

/** SQL of the meetings feature beyond saving a meeting (store.ts): lookups, going, following, suggestions. */
export const meetingQueries = {
  /** A meeting by id or by slug, with its group and organisation. */
  async findMeeting(db: Db, idOrSlug: string): Promise<MeetingWithGroup | null> {
    const [row] = await db
      .select({ meeting: meetings, group: groupColumns, organisationName: organisations.name })
      .from(meetings)
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .innerJoin(organisations, eq(organisations.id, groups.organisationId))
      .where(UUID.test(idOrSlug) ? eq(meetings.id, idOrSlug) : eq(meetings.slug, idOrSlug))
      .limit(1);
    return row ?? null;
  },

  async findGroup(db: Db, groupId: string) {
    const [row] = await db
      .select({ ...groupColumns, organisationName: organisations.name })
      .from(groups)
      .innerJoin(organisations, eq(organisations.id, groups.organisationId))
      .where(eq(groups.id, groupId))
      .limit(1);
    return row ?? null;
  },

  /** Every meeting of a group, by name; the caller filters what the viewer may see. */
  listGroupMeetings(db: Db, groupId: string) {
    return db
      .select()
      .from(meetings)
      .where(eq(meetings.groupId, groupId))
      .orderBy(asc(meetings.name), asc(meetings.id));
  },

  /** Deletes a meeting; its slots, RSVPs, follows and suggestions go with it (ON DELETE CASCADE). */
  async deleteMeeting(db: Db, id: string) {
    await db.delete(meetings).where(eq(meetings.id, id));
  },

  /** How many members said they are going on one date. */
  async goingCount(db: Db, meetingId: string, occursOn: string) {
    const [row] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(meetingRsvps)
      .where(and(eq(meetingRsvps.meetingId, meetingId), eq(meetingRsvps.occursOn, occursOn)));
    return row?.n ?? 0;
  },

  /** The dates, from `fromDate` on, a member said they are going to each of these meetings. */
  async rsvpDates(db: Db, memberId: string, meetingIds: string[], fromDate: string) {
    if (meetingIds.length === 0) return new Map<string, string[]>();
    const rows = await db
      .select({ meetingId: meetingRsvps.meetingId, occursOn: meetingRsvps.occursOn })
      .from(meetingRsvps)
      .where(
        and(
          eq(meetingRsvps.memberId, memberId),
          inArray(meetingRsvps.meetingId, meetingIds),
          gte(meetingRsvps.occursOn, fromDate),
        ),
      )
      .orderBy(asc(meetingRsvps.occursOn));
    const dates = new Map<string, string[]>();
    for (const r of rows) dates.set(r.meetingId, [...(dates.get(r.meetingId) ?? []), r.occursOn]);
    return dates;
  },

  async addRsvp(db: Db, meetingId: string, memberId: string, occursOn: string) {
    await db.insert(meetingRsvps).values({ meetingId, memberId, occursOn }).onConflictDoNothing();
  },

  async removeRsvp(db: Db, meetingId: string, memberId: string, occursOn: string) {
    await db
      .delete(meetingRsvps)
      .where(
        and(
          eq(meetingRsvps.meetingId, meetingId),
          eq(meetingRsvps.memberId, memberId),
          eq(meetingRsvps.occursOn, occursOn),
        ),
      );
  },

  async follows(db: Db, memberId: string, meetingId: string) {
    const rows = await db
      .select({ id: meetingFollows.meetingId })
      .from(meetingFollows)
      .where(and(eq(meetingFollows.memberId, memberId), eq(meetingFollows.meetingId, meetingId)))
      .limit(1);
    return rows.length > 0;
  },

  async follow(db: Db, memberId: string, meetingId: string) {
    await db.insert(meetingFollows).values({ memberId, meetingId }).onConflictDoNothing();
  },

  async unfollow(db: Db, memberId: string, meetingId: string) {
    await db
      .delete(meetingFollows)
      .where(and(eq(meetingFollows.memberId, memberId), eq(meetingFollows.meetingId, meetingId)));
  },

  /** The meetings a member follows, with their groups. */
  followedMeetings(db: Db, memberId: string) {
    return db
      .select({ meeting: meetings, group: groupColumns })
      .from(meetingFollows)
      .innerJoin(meetings, eq(meetings.id, meetingFollows.meetingId))
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(eq(meetingFollows.memberId, memberId));
  },

  async insertSuggestion(db: Db, values: { meetingId: string; proposerId: string; changes: unknown; note: string }) {
    const [row] = await db.insert(meetingSuggestions).values(values).returning();
    return row as SuggestionRow;
  },

  /** Suggestions a member has made to one meeting that are still waiting for an answer. */
  async openSuggestionsBy(db: Db, proposerId: string, meetingId: string) {
    const [row] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(meetingSuggestions)
      .where(
        and(
          eq(meetingSuggestions.proposerId, proposerId),
          eq(meetingSuggestions.meetingId, meetingId),
          eq(meetingSuggestions.status, "open"),
        ),
      );
    return row?.n ?? 0;
  },

  async findSuggestion(db: Db, id: string) {
    const [row] = await db
      .select({ suggestion: meetingSuggestions, proposer: members.handle })
      .from(meetingSuggestions)
      .leftJoin(members, eq(members.id, meetingSuggestions.proposerId))
      .where(eq(meetingSuggestions.id, id))
      .limit(1);
    return row ?? null;
  },

  /** Open suggestions for the meetings of one group, oldest first, with the meetings they are about. */
  openSuggestionsOfGroup(db: Db, groupId: string) {
    return db
      .select({ suggestion: meetingSuggestions, proposer: members.handle, meeting: meetings })
      .from(meetingSuggestions)
      .innerJoin(meetings, eq(meetings.id, meetingSuggestions.meetingId))
      .leftJoin(members, eq(members.id, meetingSuggestions.proposerId))
      .where(and(eq(meetings.groupId, groupId), eq(meetingSuggestions.status, "open")))
      .orderBy(asc(meetingSuggestions.createdAt), asc(meetingSuggestions.id));
  },

  /** A member's own suggestions, newest first, with the meetings they are about. */
  suggestionsBy(db: Db, proposerId: string) {
    return db
      .select({ suggestion: meetingSuggestions, meeting: meetings })
      .from(meetingSuggestions)
      .innerJoin(meetings, eq(meetings.id, meetingSuggestions.meetingId))
      .where(eq(meetingSuggestions.proposerId, proposerId))
      .orderBy(desc(meetingSuggestions.createdAt), desc(meetingSuggestions.id))
      .limit(200);
  },

  /** Records the decision; false when someone else decided first. */
  async decideSuggestion(db: Db, id: string, status: "accepted" | "declined", deciderId: string) {
    const rows = await db
      .update(meetingSuggestions)
      .set({ status, decidedById: deciderId, decidedAt: new Date() })
      .where(and(eq(meetingSuggestions.id, id), eq(meetingSuggestions.status, "open")))
      .returning({ id: meetingSuggestions.id });
    return rows.length > 0;
  },
};
