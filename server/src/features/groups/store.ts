import type { GroupFocus, GroupFormat, GroupRole } from "@kinship/contracts/directory";
import { and, asc, eq, ne, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { groupMembers, groups, meetings, members, organisationAdmins, organisations } from "../../db/schema.ts";

export type OrganisationRow = typeof organisations.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;
export type MembershipRow = typeof groupMembers.$inferSelect;
export type GroupChanges = Partial<Omit<typeof groups.$inferInsert, "id" | "organisationId" | "createdAt">>;
export type OrganisationChanges = Partial<Omit<typeof organisations.$inferInsert, "id" | "slug" | "createdAt">>;

// Accent folding that works on PGlite and PostgreSQL alike (no unaccent extension needed):
// the same letters are folded in SQL with translate() and in JS with foldAccents().
const ACCENTED = "áàâäãåāăąçćčďđéèêëēėęěíìîïīįıłñńňóòôöõøōőŕřśšşťţúùûüūůűųýÿźżžß";
const SPECIAL: Record<string, string> = { đ: "d", ı: "i", ł: "l", ø: "o", ß: "s", I: "i" };
const baseLetter = (c: string) => SPECIAL[c] ?? (c.normalize("NFKD")[0] as string).toLowerCase();
const FROM = [...new Set([...ACCENTED, ...ACCENTED.toUpperCase()])].filter((c) => c.length === 1).join("");
const TO = [...FROM].map((c) => baseLetter(c)).join("");

/** Lower case without accents, as the group search compares names. */
export const foldAccents = (s: string) =>
  [...s.toLowerCase()].map((c) => (FROM.includes(c) ? baseLetter(c) : c)).join("");
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// Written out in full: in a query without joins Drizzle leaves column names unqualified, which
// inside a subquery would bind to the subquery's own table.
const groupCount = sql<number>`(select count(*)::int from groups g where g.organisation_id = "organisations"."id")`;

/** Meetings counted on a group's card: public ones, plus members-only ones when `seeAll` holds. */
const meetingCount = (seeAll: SQL) =>
  sql<number>`(select count(*)::int from ${meetings} where ${meetings.groupId} = ${groups.id} and (${meetings.audience} = 'public' or ${seeAll}))`;

const summaryColumns = (seeAll: SQL) => ({
  id: groups.id,
  name: groups.name,
  organisationId: groups.organisationId,
  organisationName: organisations.name,
  description: groups.description,
  focus: groups.focus,
  format: groups.format,
  languages: groups.languages,
  membership: groups.membership,
  meetingCount: meetingCount(seeAll),
});

export type GroupFilters = {
  q?: string;
  focus?: GroupFocus;
  format?: GroupFormat;
  organisationId?: string;
  limit: number;
  offset: number;
};

/** SQL for organisations, their admins, groups and group memberships. */
export const groupsStore = {
  async memberIdByHandle(db: Db, handle: string) {
    const [row] = await db
      .select({ id: members.id, handle: members.handle })
      .from(members)
      .where(sql`lower(${members.handle}) = ${handle.toLowerCase()}`)
      .limit(1);
    return row ?? null;
  },

  // ───────────── Organisations ─────────────

  /** Inserts the organisation, or returns null when its slug is taken. */
  async insertOrganisation(db: Db, values: typeof organisations.$inferInsert) {
    const rows = await db.insert(organisations).values(values).onConflictDoNothing().returning();
    return rows[0] ?? null;
  },

  listOrganisations(db: Db, viewerId: string | null) {
    return db
      .select({ organisation: organisations, groupCount, viewerIsAdmin: viewerAdmin(viewerId) })
      .from(organisations)
      .orderBy(asc(organisations.name), asc(organisations.id));
  },

  async findOrganisation(db: Db, id: string, viewerId: string | null) {
    const [row] = await db
      .select({ organisation: organisations, groupCount, viewerIsAdmin: viewerAdmin(viewerId) })
      .from(organisations)
      .where(eq(organisations.id, id));
    return row ?? null;
  },

  /** Locks the organisation row until the transaction ends, so admin changes are serialised. */
  async lockOrganisation(db: Db, id: string) {
    const [row] = await db.select().from(organisations).where(eq(organisations.id, id)).for("update");
    return row ?? null;
  },

  async updateOrganisation(db: Db, id: string, changes: OrganisationChanges) {
    await db
      .update(organisations)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(organisations.id, id));
  },

  listAdmins(db: Db, organisationId: string) {
    return db
      .select({ memberId: members.id, handle: members.handle, since: organisationAdmins.createdAt })
      .from(organisationAdmins)
      .innerJoin(members, eq(members.id, organisationAdmins.memberId))
      .where(eq(organisationAdmins.organisationId, organisationId))
      .orderBy(asc(organisationAdmins.createdAt), asc(members.handle));
  },

  /** Adds the admin; null when they already are one. */
  async insertAdmin(db: Db, organisationId: string, memberId: string) {
    const rows = await db
      .insert(organisationAdmins)
      .values({ organisationId, memberId })
      .onConflictDoNothing()
      .returning();
    return rows[0] ?? null;
  },

  async deleteAdmin(db: Db, organisationId: string, memberId: string) {
    const rows = await db
      .delete(organisationAdmins)
      .where(and(eq(organisationAdmins.organisationId, organisationId), eq(organisationAdmins.memberId, memberId)))
      .returning({ id: organisationAdmins.memberId });
    return rows.length > 0;
  },

  // ───────────── Groups ─────────────

  /** Groups matching the filters, by name; every group is listed, open or closed. */
  listGroups(db: Db, f: GroupFilters) {
    const where: SQL[] = [];
    if (f.q) {
      const pattern = `%${escapeLike(foldAccents(f.q))}%`;
      where.push(sql`lower(translate(${groups.name}, ${FROM}, ${TO})) ilike ${pattern}`);
    }
    if (f.focus) where.push(eq(groups.focus, f.focus));
    if (f.format) where.push(eq(groups.format, f.format));
    if (f.organisationId) where.push(eq(groups.organisationId, f.organisationId));
    return db
      .select(summaryColumns(sql`false`))
      .from(groups)
      .innerJoin(organisations, eq(organisations.id, groups.organisationId))
      .where(and(...where))
      .orderBy(asc(groups.name), asc(groups.id))
      .limit(f.limit)
      .offset(f.offset);
  },

  async findGroupDetail(db: Db, id: string, includeMembersOnly: boolean) {
    const [row] = await db
      .select({
        ...summaryColumns(includeMembersOnly ? sql`true` : sql`false`),
        guidelines: groups.guidelines,
        confidentialityAgreement: groups.confidentialityAgreement,
      })
      .from(groups)
      .innerJoin(organisations, eq(organisations.id, groups.organisationId))
      .where(eq(groups.id, id));
    return row ?? null;
  },

  async findGroup(db: Db, id: string) {
    const [row] = await db.select().from(groups).where(eq(groups.id, id));
    return row ?? null;
  },

  /** Locks the group row until the transaction ends, so membership changes are serialised. */
  async lockGroup(db: Db, id: string) {
    const [row] = await db.select().from(groups).where(eq(groups.id, id)).for("update");
    return row ?? null;
  },

  async insertGroup(db: Db, values: typeof groups.$inferInsert) {
    const [row] = await db.insert(groups).values(values).returning();
    if (!row) throw new Error("group was not saved");
    return row;
  },

  async updateGroup(db: Db, id: string, changes: GroupChanges) {
    await db
      .update(groups)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(groups.id, id));
  },

  async countActiveMembers(db: Db, groupId: string) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.status, "active")));
    return row?.n ?? 0;
  },

  // ───────────── Memberships ─────────────

  /** Inserts the membership or request; null when the member already has one in this group. */
  async insertMembership(db: Db, values: typeof groupMembers.$inferInsert) {
    const rows = await db.insert(groupMembers).values(values).onConflictDoNothing().returning();
    return rows[0] ?? null;
  },

  async findMembership(db: Db, groupId: string, memberId: string) {
    const [row] = await db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId)));
    return row ?? null;
  },

  async deleteMembership(db: Db, groupId: string, memberId: string) {
    await db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId)));
  },

  /** Turns a pending request into an active membership; null if there was no such request. */
  async activateRequest(db: Db, groupId: string, memberId: string) {
    const [row] = await db
      .update(groupMembers)
      .set({ status: "active", role: "member", updatedAt: new Date() })
      .where(
        and(
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.memberId, memberId),
          eq(groupMembers.status, "requested"),
        ),
      )
      .returning();
    return row ?? null;
  },

  async setRole(db: Db, groupId: string, memberId: string, role: GroupRole) {
    const [row] = await db
      .update(groupMembers)
      .set({ role, updatedAt: new Date() })
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId)))
      .returning();
    return row ?? null;
  },

  /** Active facilitators and active members of the group other than this member. */
  async othersIn(db: Db, groupId: string, memberId: string) {
    const [row] = await db
      .select({
        facilitators: sql<number>`(count(*) filter (where ${groupMembers.role} = 'facilitator'))::int`,
        members: sql<number>`count(*)::int`,
      })
      .from(groupMembers)
      .where(
        and(eq(groupMembers.groupId, groupId), eq(groupMembers.status, "active"), ne(groupMembers.memberId, memberId)),
      );
    return { facilitators: row?.facilitators ?? 0, members: row?.members ?? 0 };
  },

  /** The group's people with their handles: active members, and pending requests when asked for. */
  listMembers(db: Db, groupId: string, withRequests: boolean) {
    return db
      .select({
        handle: members.handle,
        role: groupMembers.role,
        status: groupMembers.status,
        createdAt: groupMembers.createdAt,
        requestMessage: groupMembers.requestMessage,
      })
      .from(groupMembers)
      .innerJoin(members, eq(members.id, groupMembers.memberId))
      .where(and(eq(groupMembers.groupId, groupId), withRequests ? undefined : eq(groupMembers.status, "active")))
      .orderBy(
        sql`case ${groupMembers.status} when 'requested' then 0 else 1 end`,
        sql`case ${groupMembers.role} when 'facilitator' then 0 when 'co_facilitator' then 1 else 2 end`,
        asc(members.handle),
      );
  },

  /** The member's groups and pending requests, by group name. */
  listMyGroups(db: Db, memberId: string) {
    return db
      .select({
        ...summaryColumns(sql`${groupMembers.status} = 'active'`),
        status: groupMembers.status,
        role: groupMembers.role,
      })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .innerJoin(organisations, eq(organisations.id, groups.organisationId))
      .where(eq(groupMembers.memberId, memberId))
      .orderBy(asc(groups.name), asc(groups.id));
  },
};

function viewerAdmin(viewerId: string | null) {
  if (!viewerId) return sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from organisation_admins oa where oa.organisation_id = "organisations"."id" and oa.member_id = ${viewerId})`;
}

export type GroupSummaryRow = Awaited<ReturnType<typeof groupsStore.listGroups>>[number];
export type GroupDetailRow = NonNullable<Awaited<ReturnType<typeof groupsStore.findGroupDetail>>>;
export type MemberListRow = Awaited<ReturnType<typeof groupsStore.listMembers>>[number];
export type MyGroupRow = Awaited<ReturnType<typeof groupsStore.listMyGroups>>[number];
export type OrganisationListRow = Awaited<ReturnType<typeof groupsStore.listOrganisations>>[number];
