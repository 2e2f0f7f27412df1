import { and, asc, desc, eq, gt, gte, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  calendarFeeds,
  groupMembers,
  groups,
  meetingFollows,
  meetingImports,
  meetings,
  organisationAdmins,
  organisations,
} from "../../db/schema.ts";

/** The columns every feed reads of a meeting: never the search vector, never anything of a member. */
const feedColumns = {
  id: meetings.id,
  slug: meetings.slug,
  name: meetings.name,
  notes: meetings.notes,
  mode: meetings.mode,
  days: meetings.days,
  onDate: meetings.onDate,
  startTime: meetings.startTime,
  endTime: meetings.endTime,
  timeZone: meetings.timeZone,
  locationName: meetings.locationName,
  formattedAddress: meetings.formattedAddress,
  region: meetings.region,
  latitude: meetings.latitude,
  longitude: meetings.longitude,
  locationNotes: meetings.locationNotes,
  conferenceUrl: meetings.conferenceUrl,
  conferencePhone: meetings.conferencePhone,
  conferenceNotes: meetings.conferenceNotes,
  linkAudience: meetings.linkAudience,
  types: meetings.types,
  languages: meetings.languages,
  temporarilyClosed: meetings.temporarilyClosed,
  createdAt: meetings.createdAt,
  updatedAt: meetings.updatedAt,
  groupName: groups.name,
};

export const feedsStore = {
  /**
   * One page of the public weekly meetings, in id order after `afterId` (keyset pagination, so a
   * feed of any size is read a page at a time).
   */
  async publicWeeklyPage(db: Db, afterId: string | null, limit: number) {
    return db
      .select({ ...feedColumns, organisationName: organisations.name, organisationWebsite: organisations.website })
      .from(meetings)
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .innerJoin(organisations, eq(organisations.id, groups.organisationId))
      .where(
        and(eq(meetings.audience, "public"), isNull(meetings.onDate), afterId ? gt(meetings.id, afterId) : undefined),
      )
      .orderBy(asc(meetings.id))
      .limit(limit);
  },

  /** Which of these slugs belong to a stored meeting. */
  async takenSlugs(db: Db, slugs: string[]): Promise<Set<string>> {
    if (slugs.length === 0) return new Set();
    const rows = await db.select({ slug: meetings.slug }).from(meetings).where(inArray(meetings.slug, slugs));
    return new Set(rows.map((r) => r.slug));
  },

  async findGroup(db: Db, id: string) {
    const [row] = await db
      .select({ id: groups.id, name: groups.name, organisationId: groups.organisationId })
      .from(groups)
      .where(eq(groups.id, id))
      .limit(1);
    return row ?? null;
  },

  /** A group's public meetings: weekly ones, and one-off dates from a year ago on. */
  async publicMeetingsOfGroup(db: Db, groupId: string, oneOffsSince: string) {
    return db
      .select(feedColumns)
      .from(meetings)
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(
        and(
          eq(meetings.groupId, groupId),
          eq(meetings.audience, "public"),
          or(isNull(meetings.onDate), gte(meetings.onDate, oneOffsSince)),
        ),
      )
      .orderBy(asc(meetings.name), asc(meetings.id));
  },

  /**
   * The meetings a member follows, with where the member stands in each meeting's group (so the
   * service can drop members-only meetings they may no longer see).
   */
  async followedMeetings(db: Db, memberId: string, oneOffsSince: string) {
    return db
      .select({
        ...feedColumns,
        audience: meetings.audience,
        memberStatus: groupMembers.status,
        orgAdmin: organisationAdmins.memberId,
      })
      .from(meetingFollows)
      .innerJoin(meetings, eq(meetings.id, meetingFollows.meetingId))
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .leftJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.memberId, memberId)))
      .leftJoin(
        organisationAdmins,
        and(eq(organisationAdmins.organisationId, groups.organisationId), eq(organisationAdmins.memberId, memberId)),
      )
      .where(
        and(eq(meetingFollows.memberId, memberId), or(isNull(meetings.onDate), gte(meetings.onDate, oneOffsSince))),
      )
      .orderBy(asc(meetings.name), asc(meetings.id));
  },

  // ───────────── calendar feed secrets ─────────────

  async calendarFeedOf(db: Db, memberId: string) {
    const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.memberId, memberId)).limit(1);
    return row ?? null;
  },

  /** Store a new secret for the member, replacing the old one in the same statement. */
  async replaceCalendarFeed(db: Db, memberId: string, tokenHash: string) {
    const now = new Date();
    const [row] = await db
      .insert(calendarFeeds)
      .values({ memberId, tokenHash, createdAt: now })
      .onConflictDoUpdate({ target: calendarFeeds.memberId, set: { tokenHash, createdAt: now } })
      .returning();
    if (!row) throw new Error("calendar feed was not saved");
    return row;
  },

  async deleteCalendarFeed(db: Db, memberId: string) {
    await db.delete(calendarFeeds).where(eq(calendarFeeds.memberId, memberId));
  },

  async memberOfCalendarToken(db: Db, tokenHash: string) {
    const [row] = await db
      .select({ memberId: calendarFeeds.memberId })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.tokenHash, tokenHash))
      .limit(1);
    return row?.memberId ?? null;
  },

  // ───────────── imports ─────────────

  async findOrganisation(db: Db, id: string) {
    const [row] = await db
      .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
      .from(organisations)
      .where(eq(organisations.id, id))
      .limit(1);
    return row ?? null;
  },

  async insertImport(db: Db, values: typeof meetingImports.$inferInsert) {
    const [row] = await db.insert(meetingImports).values(values).returning();
    if (!row) throw new Error("import was not saved");
    return row;
  },

  async findImport(db: Db, id: string) {
    const [row] = await db.select().from(meetingImports).where(eq(meetingImports.id, id)).limit(1);
    return row ?? null;
  },

  async importsOf(db: Db, organisationId: string, limit: number) {
    return db
      .select()
      .from(meetingImports)
      .where(eq(meetingImports.organisationId, organisationId))
      .orderBy(desc(meetingImports.createdAt))
      .limit(limit);
  },

  /** Imports of the organisation still running (started after `since`, so one lost to a restart doesn't block). */
  async runningImports(db: Db, organisationId: string, since: Date) {
    return db
      .select({ id: meetingImports.id })
      .from(meetingImports)
      .where(
        and(
          eq(meetingImports.organisationId, organisationId),
          eq(meetingImports.status, "running"),
          gt(meetingImports.createdAt, since),
        ),
      );
  },

  async updateImport(db: Db, id: string, set: Partial<typeof meetingImports.$inferInsert>) {
    await db.update(meetingImports).set(set).where(eq(meetingImports.id, id));
  },

  // ───────────── import writes (inside the import's transaction) ─────────────

  /** Groups of the organisation by lower-cased name; the oldest wins when two share a name. */
  async groupsByName(db: Db, organisationId: string, names: string[]) {
    if (names.length === 0) return new Map<string, { id: string; name: string }>();
    const rows = await db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(
        and(
          eq(groups.organisationId, organisationId),
          inArray(
            sql`lower(${groups.name})`,
            names.map((n) => n.toLowerCase()),
          ),
        ),
      )
      .orderBy(asc(groups.createdAt), asc(groups.id));
    const found = new Map<string, { id: string; name: string }>();
    for (const row of rows) if (!found.has(row.name.toLowerCase())) found.set(row.name.toLowerCase(), row);
    return found;
  },

  async insertGroup(db: Db, values: typeof groups.$inferInsert) {
    const [row] = await db.insert(groups).values(values).returning({ id: groups.id, name: groups.name });
    if (!row) throw new Error("group was not saved");
    return row;
  },

  /** Stored meetings with these slugs, with the organisation that holds each. */
  async meetingsBySlug(db: Db, slugs: string[]) {
    if (slugs.length === 0) return [];
    return db
      .select({
        id: meetings.id,
        slug: meetings.slug,
        organisationId: groups.organisationId,
        audience: meetings.audience,
        linkAudience: meetings.linkAudience,
      })
      .from(meetings)
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(inArray(meetings.slug, slugs));
  },
};

/** A meeting as the feeds read it, with its group's name. */
export type FeedMeetingRow = Awaited<ReturnType<typeof feedsStore.publicMeetingsOfGroup>>[number];
/** A row of the Meeting Guide feed: a meeting with its group and organisation. */
export type GuideMeetingRow = Awaited<ReturnType<typeof feedsStore.publicWeeklyPage>>[number];
export type ImportRow = typeof meetingImports.$inferSelect;
