import { and, asc, desc, eq, gt, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.ts";
import {
  forumBoards,
  forumModerators,
  forumPosts,
  forumThreads,
  groups,
  meetings,
  members,
  organisationAdmins,
  organisations,
  progressSettings,
  rooms,
  safetyAlertEvents,
  safetyAlertMessages,
  safetyAlerts,
  safetyPostReviews,
  safetyProfessionals,
  safetyResponders,
  safetyServices,
} from "../../db/schema.ts";

export type AlertRow = typeof safetyAlerts.$inferSelect;
export type ServiceRow = typeof safetyServices.$inferSelect;
type AlertInsert = typeof safetyAlerts.$inferInsert;

/** `organisation_id = $1`, where null means the public community. */
const inScope = (column: AnyPgColumn, organisationId: string | null): SQL =>
  organisationId === null ? isNull(column) : eq(column, organisationId);

/** The SQL of safety: responders, alerts and their audit, conversations, services, reviews. */
export const safetyStore = {
  // ─── Who is who ───
  async responderScopes(db: Db, memberId: string): Promise<(string | null)[]> {
    const rows = await db
      .select({ organisationId: safetyResponders.organisationId })
      .from(safetyResponders)
      .where(eq(safetyResponders.memberId, memberId));
    return rows.map((r) => r.organisationId);
  },
  async professionalScopes(db: Db, memberId: string): Promise<(string | null)[]> {
    const rows = await db
      .select({ organisationId: safetyProfessionals.organisationId })
      .from(safetyProfessionals)
      .where(eq(safetyProfessionals.memberId, memberId));
    return rows.map((r) => r.organisationId);
  },
  /** Organisations the member administers, and null when they moderate the community. */
  async adminScopes(db: Db, memberId: string): Promise<(string | null)[]> {
    const orgs = await db
      .select({ id: organisationAdmins.organisationId })
      .from(organisationAdmins)
      .where(eq(organisationAdmins.memberId, memberId));
    const moderator = await db
      .select({ id: forumModerators.memberId })
      .from(forumModerators)
      .where(eq(forumModerators.memberId, memberId));
    return [...orgs.map((o) => o.id), ...(moderator.length > 0 ? [null] : [])];
  },
  async organisationNames(db: Db, ids: string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, ids));
    return new Map(rows.map((r) => [r.id, r.name]));
  },
  async organisationExists(db: Db, id: string) {
    const rows = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
    return rows.length > 0;
  },
  async memberByHandle(db: Db, handle: string) {
    const [row] = await db
      .select({ id: members.id, handle: members.handle })
      .from(members)
      .where(sql`lower(${members.handle}) = lower(${handle})`);
    return row ?? null;
  },
  /** The member's own time zone: their progress setting, else their profile. */
  async memberZone(db: Db, memberId: string) {
    const [row] = await db
      .select({ profile: members.timeZone, progress: progressSettings.timeZone })
      .from(members)
      .leftJoin(progressSettings, eq(progressSettings.memberId, members.id))
      .where(eq(members.id, memberId));
    return row?.progress ?? row?.profile ?? null;
  },

  // ─── Where things were said ───
  /** A post's board, thread and the organisation that answers for it (the group's, the board's, or none). */
  async postPlace(db: Db, postId: string) {
    const [row] = await db
      .select({
        threadId: forumThreads.id,
        anonymous: forumPosts.anonymous,
        title: forumThreads.title,
        kind: forumThreads.kind,
        boardName: forumBoards.name,
        boardOrganisation: forumBoards.organisationId,
        groupOrganisation: groups.organisationId,
      })
      .from(forumPosts)
      .innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
      .innerJoin(forumBoards, eq(forumBoards.id, forumPosts.boardId))
      .leftJoin(groups, eq(groups.id, forumBoards.groupId))
      .where(eq(forumPosts.id, postId));
    if (!row) return null;
    return { ...row, organisationId: row.groupOrganisation ?? row.boardOrganisation ?? null };
  },
  /** Whose professionals review a thread: its group's organisation, its board's, or the community (null). */
  async threadOrganisation(db: Db, threadId: string): Promise<string | null> {
    const [row] = await db
      .select({ board: forumBoards.organisationId, group: groups.organisationId })
      .from(forumThreads)
      .innerJoin(forumBoards, eq(forumBoards.id, forumThreads.boardId))
      .leftJoin(groups, eq(groups.id, forumBoards.groupId))
      .where(eq(forumThreads.id, threadId));
    return row?.group ?? row?.board ?? null;
  },
  async roomPlace(db: Db, roomId: string) {
    const [row] = await db
      .select({
        groupName: groups.name,
        meetingName: meetings.name,
        meetingSlug: meetings.slug,
        organisationId: groups.organisationId,
      })
      .from(rooms)
      .innerJoin(meetings, eq(meetings.id, rooms.meetingId))
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(eq(rooms.id, roomId));
    return row ?? null;
  },

  // ─── Responders and professionals ───
  listResponders(db: Db, organisationId: string | null) {
    const granter = sql<string | null>`(select handle from members g where g.id = ${safetyResponders.grantedBy})`;
    return db
      .select({
        memberId: members.id,
        handle: members.handle,
        grantedBy: granter,
        createdAt: safetyResponders.createdAt,
      })
      .from(safetyResponders)
      .innerJoin(members, eq(members.id, safetyResponders.memberId))
      .where(inScope(safetyResponders.organisationId, organisationId))
      .orderBy(asc(members.handle));
  },
  async grantResponder(db: Db, organisationId: string | null, memberId: string, grantedBy: string | null) {
    const rows = await db
      .insert(safetyResponders)
      .values({ organisationId, memberId, grantedBy })
      .onConflictDoNothing()
      .returning({ id: safetyResponders.id });
    return rows.length > 0;
  },
  async revokeResponder(db: Db, organisationId: string | null, memberId: string) {
    const rows = await db
      .delete(safetyResponders)
      .where(and(inScope(safetyResponders.organisationId, organisationId), eq(safetyResponders.memberId, memberId)))
      .returning({ id: safetyResponders.id });
    return rows.length > 0;
  },
  listProfessionals(db: Db, organisationId: string | null) {
    return db
      .select({
        memberId: members.id,
        handle: members.handle,
        title: safetyProfessionals.title,
        createdAt: safetyProfessionals.createdAt,
      })
      .from(safetyProfessionals)
      .innerJoin(members, eq(members.id, safetyProfessionals.memberId))
      .where(inScope(safetyProfessionals.organisationId, organisationId))
      .orderBy(asc(members.handle));
  },
  async grantProfessional(db: Db, organisationId: string | null, memberId: string, title: string, grantedBy: string) {
    const scope = and(
      inScope(safetyProfessionals.organisationId, organisationId),
      eq(safetyProfessionals.memberId, memberId),
    );
    const updated = await db
      .update(safetyProfessionals)
      .set({ title })
      .where(scope)
      .returning({ id: safetyProfessionals.id });
    if (updated.length === 0) {
      await db.insert(safetyProfessionals).values({ organisationId, memberId, title, grantedBy }).onConflictDoNothing();
    }
  },
  async revokeProfessional(db: Db, organisationId: string | null, memberId: string) {
    const rows = await db
      .delete(safetyProfessionals)
      .where(
        and(inScope(safetyProfessionals.organisationId, organisationId), eq(safetyProfessionals.memberId, memberId)),
      )
      .returning({ id: safetyProfessionals.id });
    return rows.length > 0;
  },

  // ─── Alerts ───
  /** The author's alert still active in this scope, so repeated words raise one alert, not many. */
  async activeAlertOf(db: Db, authorId: string, organisationId: string | null) {
    const [row] = await db
      .select()
      .from(safetyAlerts)
      .where(
        and(
          eq(safetyAlerts.authorId, authorId),
          inScope(safetyAlerts.organisationId, organisationId),
          ne(safetyAlerts.status, "closed"),
        ),
      )
      .orderBy(desc(safetyAlerts.createdAt))
      .limit(1);
    return row ?? null;
  },
  async insertAlert(db: Db, values: AlertInsert) {
    const [row] = await db.insert(safetyAlerts).values(values).returning();
    return row as AlertRow;
  },
  async updateAlert(db: Db, id: string, changes: Partial<AlertInsert>, where?: SQL) {
    const rows = await db
      .update(safetyAlerts)
      .set({ ...changes, updatedAt: new Date() })
      .where(where ? and(eq(safetyAlerts.id, id), where) : eq(safetyAlerts.id, id))
      .returning();
    return rows[0] ?? null;
  },
  async alert(db: Db, id: string) {
    const [row] = await db.select().from(safetyAlerts).where(eq(safetyAlerts.id, id));
    return row ?? null;
  },
  /** The queue of some scopes: active (open and claimed) or closed, most severe and oldest first. */
  queue(db: Db, scopes: (string | null)[], status: "active" | "closed") {
    const orgs = scopes.filter((s): s is string => s !== null);
    const scopeSql = or(
      ...(orgs.length > 0 ? [inArray(safetyAlerts.organisationId, orgs)] : []),
      ...(scopes.includes(null) ? [isNull(safetyAlerts.organisationId)] : []),
    );
    const statusSql = status === "active" ? ne(safetyAlerts.status, "closed") : eq(safetyAlerts.status, "closed");
    const order =
      status === "active"
        ? [
            sql`case ${safetyAlerts.severity} when 'high' then 0 when 'medium' then 1 else 2 end`,
            asc(safetyAlerts.createdAt),
          ]
        : [desc(safetyAlerts.closedAt)];
    return db
      .select()
      .from(safetyAlerts)
      .where(and(scopeSql ?? sql`false`, statusSql))
      .orderBy(...order)
      .limit(200);
  },
  async handles(db: Db, ids: (string | null)[]) {
    const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
    if (wanted.length === 0) return new Map<string, string>();
    const rows = await db
      .select({ id: members.id, handle: members.handle })
      .from(members)
      .where(inArray(members.id, wanted));
    return new Map(rows.map((r) => [r.id, r.handle]));
  },
  async audit(db: Db, alertId: string, actorId: string | null, action: string, detail = "") {
    await db.insert(safetyAlertEvents).values({ alertId, actorId, action, detail });
  },
  /** Has this person recorded this step on this alert since `since`? */
  async recentlyAudited(db: Db, alertId: string, actorId: string, action: string, since: Date) {
    const rows = await db
      .select({ id: safetyAlertEvents.id })
      .from(safetyAlertEvents)
      .where(
        and(
          eq(safetyAlertEvents.alertId, alertId),
          eq(safetyAlertEvents.actorId, actorId),
          eq(safetyAlertEvents.action, action),
          gt(safetyAlertEvents.at, since),
        ),
      )
      .limit(1);
    return rows.length > 0;
  },
  auditOf(db: Db, alertId: string) {
    return db
      .select({
        action: safetyAlertEvents.action,
        actor: members.handle,
        at: safetyAlertEvents.at,
        detail: safetyAlertEvents.detail,
      })
      .from(safetyAlertEvents)
      .leftJoin(members, eq(members.id, safetyAlertEvents.actorId))
      .where(eq(safetyAlertEvents.alertId, alertId))
      .orderBy(asc(safetyAlertEvents.at), asc(safetyAlertEvents.id));
  },

  // ─── The alert conversation ───
  messages(db: Db, alertId: string) {
    return db
      .select({
        id: safetyAlertMessages.id,
        from: members.handle,
        fromResponder: safetyAlertMessages.fromResponder,
        body: safetyAlertMessages.body,
        createdAt: safetyAlertMessages.createdAt,
      })
      .from(safetyAlertMessages)
      .leftJoin(members, eq(members.id, safetyAlertMessages.senderId))
      .where(eq(safetyAlertMessages.alertId, alertId))
      .orderBy(asc(safetyAlertMessages.createdAt), asc(safetyAlertMessages.id));
  },
  async addMessage(db: Db, alertId: string, senderId: string, fromResponder: boolean, body: string) {
    await db.insert(safetyAlertMessages).values({ alertId, senderId, fromResponder, body });
  },
  /** Alerts of this author that a responder has written about: the member's "someone reached out". */
  reachOuts(db: Db, authorId: string) {
    return db
      .select({
        alertId: safetyAlerts.id,
        status: safetyAlerts.status,
        startedAt: sql<Date>`min(${safetyAlertMessages.createdAt})`,
        lastAt: sql<Date>`max(${safetyAlertMessages.createdAt})`,
      })
      .from(safetyAlerts)
      .innerJoin(safetyAlertMessages, eq(safetyAlertMessages.alertId, safetyAlerts.id))
      .where(eq(safetyAlerts.authorId, authorId))
      .groupBy(safetyAlerts.id, safetyAlerts.status)
      .orderBy(desc(sql`max(${safetyAlertMessages.createdAt})`));
  },

  // ─── Services ───
  services(db: Db, filter: { kind?: string; language?: string; organisationId?: string }) {
    return db
      .select({ service: safetyServices, organisationName: organisations.name })
      .from(safetyServices)
      .innerJoin(organisations, eq(organisations.id, safetyServices.organisationId))
      .where(
        and(
          filter.kind ? eq(safetyServices.kind, filter.kind) : undefined,
          filter.language ? sql`${filter.language} = any(${safetyServices.languages})` : undefined,
          filter.organisationId ? eq(safetyServices.organisationId, filter.organisationId) : undefined,
        ),
      )
      .orderBy(asc(organisations.name), asc(safetyServices.name))
      .limit(500);
  },
  async service(db: Db, id: string) {
    const [row] = await db
      .select({ service: safetyServices, organisationName: organisations.name })
      .from(safetyServices)
      .innerJoin(organisations, eq(organisations.id, safetyServices.organisationId))
      .where(eq(safetyServices.id, id));
    return row ?? null;
  },
  async insertService(db: Db, values: typeof safetyServices.$inferInsert) {
    const [row] = await db.insert(safetyServices).values(values).returning({ id: safetyServices.id });
    return row?.id as string;
  },
  async updateService(db: Db, id: string, changes: Partial<typeof safetyServices.$inferInsert>) {
    await db
      .update(safetyServices)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(safetyServices.id, id));
  },
  async deleteService(db: Db, id: string) {
    await db.delete(safetyServices).where(eq(safetyServices.id, id));
  },

  // ─── Reviews ───
  reviewsOfThread(db: Db, threadId: string) {
    return db
      .select({
        postId: safetyPostReviews.postId,
        mark: safetyPostReviews.mark,
        note: safetyPostReviews.note,
        by: members.handle,
        title: sql<
          string | null
        >`(select p.title from safety_professionals p where p.member_id = ${safetyPostReviews.reviewerId} limit 1)`,
        at: safetyPostReviews.updatedAt,
      })
      .from(safetyPostReviews)
      .innerJoin(forumPosts, eq(forumPosts.id, safetyPostReviews.postId))
      .leftJoin(members, eq(members.id, safetyPostReviews.reviewerId))
      .where(and(eq(forumPosts.threadId, threadId), isNull(forumPosts.deletedAt)));
  },
  async saveReview(db: Db, postId: string, mark: string, note: string, reviewerId: string) {
    await db
      .insert(safetyPostReviews)
      .values({ postId, mark, note, reviewerId })
      .onConflictDoUpdate({ target: safetyPostReviews.postId, set: { mark, note, reviewerId, updatedAt: new Date() } });
  },
  async deleteReview(db: Db, postId: string) {
    const rows = await db
      .delete(safetyPostReviews)
      .where(eq(safetyPostReviews.postId, postId))
      .returning({ id: safetyPostReviews.postId });
    return rows.length > 0;
  },
  async postForReview(db: Db, postId: string) {
    const [row] = await db
      .select({
        postId: forumPosts.id,
        threadId: forumPosts.threadId,
        deletedAt: forumPosts.deletedAt,
        kind: forumThreads.kind,
      })
      .from(forumPosts)
      .innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
      .where(eq(forumPosts.id, postId));
    return row ?? null;
  },
};
