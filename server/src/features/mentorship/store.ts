import type { MentorShareItem } from "@kinship/contracts/mentorship";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  directMessageSettings,
  groupMembers,
  members,
  menteePreferences,
  mentorCheckins,
  mentorProfiles,
  mentorshipMessages,
  mentorshipShares,
  mentorships,
  mentorTraining,
  mentorTrainingPasses,
  partnerships,
} from "../../db/schema.ts";

export type TrainingRow = typeof mentorTraining.$inferSelect;
export type ProfileRow = typeof mentorProfiles.$inferSelect;
export type ProfileValues = Omit<
  typeof mentorProfiles.$inferInsert,
  "id" | "memberId" | "createdAt" | "updatedAt" | "pausedAt" | "pausedUntil" | "publishedAt"
>;
export type PreferencesRow = typeof menteePreferences.$inferSelect;
export type MentorshipRow = typeof mentorships.$inferSelect;
export type MessageRow = typeof mentorshipMessages.$inferSelect;
export type CheckinRow = typeof mentorCheckins.$inferSelect;
export type DmAllow = (typeof directMessageSettings.$inferSelect)["allow"];
/** Mentorship rows only: a direct conversation never counts toward capacity, suggestions or mentors. */
const isMentorship = eq(mentorships.kind, "mentorship");

const TRAINING_KEY = "default";
const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: unknown } | null;
  return e?.code === "23505" || (e?.cause !== undefined && isUniqueViolation(e.cause));
};

/** SQL for mentorship. A conversation is read only through its mentorship's id, after the policy said yes. */
export const mentorshipStore = {
  // ─── Training ───
  async training(db: Db) {
    const [row] = await db.select().from(mentorTraining).where(eq(mentorTraining.key, TRAINING_KEY));
    return row ?? null;
  },

  async ensureTraining(db: Db, content: Pick<TrainingRow, "title" | "intro" | "sections" | "questions">) {
    await db
      .insert(mentorTraining)
      .values({ key: TRAINING_KEY, ...content })
      .onConflictDoNothing();
  },

  /** Saves new content as the next version; passes of earlier versions stay valid. */
  async saveTraining(
    db: Db,
    content: Pick<TrainingRow, "title" | "intro" | "sections" | "questions">,
    updatedById: string,
  ) {
    const [row] = await db
      .update(mentorTraining)
      .set({ ...content, updatedById, version: sql`${mentorTraining.version} + 1`, updatedAt: new Date() })
      .where(eq(mentorTraining.key, TRAINING_KEY))
      .returning();
    return row as TrainingRow;
  },

  async lastPass(db: Db, memberId: string) {
    const [row] = await db
      .select()
      .from(mentorTrainingPasses)
      .where(eq(mentorTrainingPasses.memberId, memberId))
      .orderBy(desc(mentorTrainingPasses.passedAt))
      .limit(1);
    return row ?? null;
  },

  async recordPass(db: Db, memberId: string, version: number) {
    await db.insert(mentorTrainingPasses).values({ memberId, version }).onConflictDoNothing();
  },

  async passes(db: Db, memberId: string) {
    return db
      .select()
      .from(mentorTrainingPasses)
      .where(eq(mentorTrainingPasses.memberId, memberId))
      .orderBy(asc(mentorTrainingPasses.passedAt));
  },

  // ─── Profiles ───
  async profileOf(db: Db, memberId: string) {
    const [row] = await db.select().from(mentorProfiles).where(eq(mentorProfiles.memberId, memberId));
    return row ?? null;
  },

  async profileWithHandle(db: Db, id: string) {
    const [row] = await db
      .select({ profile: mentorProfiles, handle: members.handle })
      .from(mentorProfiles)
      .innerJoin(members, eq(members.id, mentorProfiles.memberId))
      .where(eq(mentorProfiles.id, id));
    return row ?? null;
  },

  async saveProfile(db: Db, memberId: string, values: ProfileValues) {
    const now = new Date();
    const publishedAt = values.published ? sql`coalesce(${mentorProfiles.publishedAt}, now())` : null;
    const [row] = await db
      .insert(mentorProfiles)
      .values({ memberId, ...values, publishedAt: values.published ? now : null })
      .onConflictDoUpdate({
        target: mentorProfiles.memberId,
        set: { ...values, publishedAt, updatedAt: now },
      })
      .returning();
    return row as ProfileRow;
  },

  async setPause(db: Db, memberId: string, pausedAt: Date | null, pausedUntil: string | null) {
    const [row] = await db
      .update(mentorProfiles)
      .set({ pausedAt, pausedUntil, updatedAt: new Date() })
      .where(eq(mentorProfiles.memberId, memberId))
      .returning();
    return row ?? null;
  },

  /** Published profiles of trained mentors with their handle and how many mentees they have now. */
  async publishedProfiles(db: Db) {
    const active = db
      .select({ mentorId: mentorships.mentorId, n: count().as("n") })
      .from(mentorships)
      .where(and(eq(mentorships.status, "active"), isMentorship))
      .groupBy(mentorships.mentorId)
      .as("active");
    const rows = await db
      .select({ profile: mentorProfiles, handle: members.handle, activeMentees: active.n })
      .from(mentorProfiles)
      .innerJoin(members, eq(members.id, mentorProfiles.memberId))
      .leftJoin(active, eq(active.mentorId, mentorProfiles.memberId))
      .where(
        and(
          eq(mentorProfiles.published, true),
          sql`exists (select 1 from ${mentorTrainingPasses} where ${mentorTrainingPasses.memberId} = ${mentorProfiles.memberId})`,
        ),
      );
    return rows.map((r) => ({ ...r, activeMentees: Number(r.activeMentees ?? 0) }));
  },

  async activeCount(db: Db, mentorId: string) {
    const [row] = await db
      .select({ n: count() })
      .from(mentorships)
      .where(and(eq(mentorships.mentorId, mentorId), eq(mentorships.status, "active"), isMentorship));
    return Number(row?.n ?? 0);
  },

  /** Everyone this mentor has walked beside: every mentorship that became active, one per person. */
  async helpedCount(db: Db, mentorId: string) {
    const [row] = await db
      .select({ n: sql<number>`count(distinct ${mentorships.menteeId})` })
      .from(mentorships)
      .where(and(eq(mentorships.mentorId, mentorId), isNotNull(mentorships.acceptedAt), isMentorship));
    return Number(row?.n ?? 0);
  },

  /** Mentors this member already has a live request or mentorship with (or only an active one). */
  async liveMentorsOf(db: Db, menteeId: string, only?: "active") {
    const statuses: MentorshipRow["status"][] = only ? ["active"] : ["requested", "active"];
    const rows = await db
      .select({ mentorId: mentorships.mentorId })
      .from(mentorships)
      .where(and(eq(mentorships.menteeId, menteeId), inArray(mentorships.status, statuses), isMentorship));
    return rows.map((r) => r.mentorId);
  },

  // ─── Preferences ───
  async preferences(db: Db, memberId: string) {
    const [row] = await db.select().from(menteePreferences).where(eq(menteePreferences.memberId, memberId));
    return row ?? null;
  },

  async savePreferences(db: Db, memberId: string, values: Omit<PreferencesRow, "memberId" | "updatedAt">) {
    const [row] = await db
      .insert(menteePreferences)
      .values({ memberId, ...values })
      .onConflictDoUpdate({ target: menteePreferences.memberId, set: { ...values, updatedAt: new Date() } })
      .returning();
    return row as PreferencesRow;
  },

  async memberZone(db: Db, memberId: string) {
    const [row] = await db.select({ timeZone: members.timeZone }).from(members).where(eq(members.id, memberId));
    return row?.timeZone ?? null;
  },

  async handleOf(db: Db, memberId: string) {
    const [row] = await db.select({ handle: members.handle }).from(members).where(eq(members.id, memberId));
    return row?.handle ?? "";
  },

  // ─── Mentorships ───
  async mentorship(db: Db, id: string) {
    const [row] = await db.select().from(mentorships).where(eq(mentorships.id, id));
    return row ?? null;
  },

  /** A new request; null when the pair already has a live request or mentorship. */
  async insertRequest(
    db: Db,
    values: { mentorId: string; menteeId: string; requestMessage: string; handoffFromId?: string },
  ) {
    try {
      const [row] = await db.insert(mentorships).values(values).returning();
      return row ?? null;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  },

  /**
   * Accepts a request if the mentor still has room, under a lock on the mentor's profile so two
   * acceptances at once cannot go past capacity. Returns the row, or "full" / "answered".
   */
  accept(db: Db, id: string, mentorId: string, now: Date): Promise<MentorshipRow | "full" | "answered"> {
    return db.transaction(async (tx) => {
      const [profile] = await tx
        .select({ capacity: mentorProfiles.capacity })
        .from(mentorProfiles)
        .where(eq(mentorProfiles.memberId, mentorId))
        .for("update");
      const [active] = await tx
        .select({ n: count() })
        .from(mentorships)
        .where(and(eq(mentorships.mentorId, mentorId), eq(mentorships.status, "active"), isMentorship));
      if (!profile || Number(active?.n ?? 0) >= profile.capacity) return "full" as const;
      const [row] = await tx
        .update(mentorships)
        .set({ status: "active", acceptedAt: now })
        .where(and(eq(mentorships.id, id), eq(mentorships.status, "requested")))
        .returning();
      return (row as MentorshipRow | undefined) ?? "answered";
    });
  },

  /** Moves a mentorship from one status to another; null if it was no longer in `from`. */
  async transition(
    db: Db,
    id: string,
    from: MentorshipRow["status"],
    changes: Partial<Omit<MentorshipRow, "id" | "mentorId" | "menteeId">>,
  ) {
    const [row] = await db
      .update(mentorships)
      .set(changes)
      .where(and(eq(mentorships.id, id), eq(mentorships.status, from)))
      .returning();
    return row ?? null;
  },

  async setHandoff(db: Db, id: string, at: Date | null) {
    const [row] = await db
      .update(mentorships)
      .set({ handoffProposedAt: at })
      .where(and(eq(mentorships.id, id), eq(mentorships.status, "active")))
      .returning();
    return row ?? null;
  },

  /** The member's mentorships (or direct conversations) on both sides, newest first, with the other person's handle. */
  async listFor(db: Db, memberId: string, kind: MentorshipRow["kind"] = "mentorship") {
    const other = sql<string>`(select ${members.handle} from ${members} where ${members.id} = case when ${mentorships.mentorId} = ${memberId} then ${mentorships.menteeId} else ${mentorships.mentorId} end)`;
    return db
      .select({ mentorship: mentorships, otherHandle: other })
      .from(mentorships)
      .where(
        and(eq(mentorships.kind, kind), or(eq(mentorships.mentorId, memberId), eq(mentorships.menteeId, memberId))),
      )
      .orderBy(desc(mentorships.createdAt))
      .limit(200);
  },

  // ─── Shares ───
  async sharesOf(db: Db, ids: string[]) {
    if (ids.length === 0) return [];
    return db.select().from(mentorshipShares).where(inArray(mentorshipShares.mentorshipId, ids));
  },

  setShares(db: Db, mentorshipId: string, items: MentorShareItem[]) {
    return db.transaction(async (tx) => {
      await tx.delete(mentorshipShares).where(eq(mentorshipShares.mentorshipId, mentorshipId));
      if (items.length > 0) await tx.insert(mentorshipShares).values(items.map((item) => ({ mentorshipId, item })));
    });
  },

  async clearShares(db: Db, mentorshipId: string) {
    await db.delete(mentorshipShares).where(eq(mentorshipShares.mentorshipId, mentorshipId));
  },

  // ─── Messages ───
  /** Stores a message once per client id; a retry returns the stored one with `created: false`. */
  async insertMessage(db: Db, values: { mentorshipId: string; senderId: string; clientId: string; text: string }) {
    const [row] = await db.insert(mentorshipMessages).values(values).onConflictDoNothing().returning();
    if (row) return { message: row, created: true };
    const [prior] = await db
      .select()
      .from(mentorshipMessages)
      .where(
        and(
          eq(mentorshipMessages.mentorshipId, values.mentorshipId),
          eq(mentorshipMessages.senderId, values.senderId),
          eq(mentorshipMessages.clientId, values.clientId),
        ),
      );
    return { message: prior as MessageRow, created: false };
  },

  /** One page of a conversation before `before` (newest page first), returned oldest first. */
  async page(db: Db, mentorshipId: string, before: number | undefined, limit: number) {
    const rows = await db
      .select()
      .from(mentorshipMessages)
      .where(
        and(eq(mentorshipMessages.mentorshipId, mentorshipId), before ? lt(mentorshipMessages.seq, before) : undefined),
      )
      .orderBy(desc(mentorshipMessages.seq))
      .limit(limit + 1);
    const more = rows.length > limit;
    const items = rows.slice(0, limit).reverse();
    return { items, more };
  },

  /** The messages of this conversation among `seqs` (any other seq is simply not found). */
  async messagesAt(db: Db, mentorshipId: string, seqs: number[]) {
    return db
      .select()
      .from(mentorshipMessages)
      .where(and(eq(mentorshipMessages.mentorshipId, mentorshipId), inArray(mentorshipMessages.seq, seqs)))
      .orderBy(asc(mentorshipMessages.seq));
  },

  async allMessages(db: Db, mentorshipId: string) {
    return db
      .select()
      .from(mentorshipMessages)
      .where(eq(mentorshipMessages.mentorshipId, mentorshipId))
      .orderBy(asc(mentorshipMessages.seq));
  },

  /** Moves a side's read marker forward (never back); returns the marker. */
  async markRead(db: Db, id: string, side: "mentor" | "mentee", seq: number) {
    const column = side === "mentor" ? mentorships.mentorReadSeq : mentorships.menteeReadSeq;
    const key = side === "mentor" ? "mentorReadSeq" : "menteeReadSeq";
    const [row] = await db
      .update(mentorships)
      .set({ [key]: sql`greatest(${column}, ${seq})` })
      .where(eq(mentorships.id, id))
      .returning({ mentorReadSeq: mentorships.mentorReadSeq, menteeReadSeq: mentorships.menteeReadSeq });
    return row ? (side === "mentor" ? row.mentorReadSeq : row.menteeReadSeq) : 0;
  },

  async lastSeq(db: Db, mentorshipId: string) {
    const [row] = await db
      .select({ seq: sql<number | null>`max(${mentorshipMessages.seq})` })
      .from(mentorshipMessages)
      .where(eq(mentorshipMessages.mentorshipId, mentorshipId));
    return Number(row?.seq ?? 0);
  },

  /** Messages from the other side after the reader's marker, per mentorship. */
  async unread(db: Db, memberId: string, rows: MentorshipRow[]) {
    const result = new Map<string, number>();
    for (const m of rows) {
      const marker = m.mentorId === memberId ? m.mentorReadSeq : m.menteeReadSeq;
      const [row] = await db
        .select({ n: count() })
        .from(mentorshipMessages)
        .where(
          and(
            eq(mentorshipMessages.mentorshipId, m.id),
            ne(mentorshipMessages.senderId, memberId),
            gt(mentorshipMessages.seq, marker),
          ),
        );
      result.set(m.id, Number(row?.n ?? 0));
    }
    return result;
  },

  /** All unread messages of a member, across active mentorships and direct conversations: one query. */
  async unreadTotal(db: Db, memberId: string) {
    const [row] = await db
      .select({ n: count() })
      .from(mentorshipMessages)
      .innerJoin(mentorships, eq(mentorships.id, mentorshipMessages.mentorshipId))
      .where(
        and(
          eq(mentorships.status, "active"),
          or(eq(mentorships.mentorId, memberId), eq(mentorships.menteeId, memberId)),
          ne(mentorshipMessages.senderId, memberId),
          gt(
            mentorshipMessages.seq,
            sql`case when ${mentorships.mentorId} = ${memberId} then ${mentorships.mentorReadSeq} else ${mentorships.menteeReadSeq} end`,
          ),
        ),
      );
    return Number(row?.n ?? 0);
  },

  // ─── Direct conversations ───
  async dmAllow(db: Db, memberId: string): Promise<DmAllow> {
    const [row] = await db
      .select({ allow: directMessageSettings.allow })
      .from(directMessageSettings)
      .where(eq(directMessageSettings.memberId, memberId));
    return row?.allow ?? "nobody";
  },

  async saveDmAllow(db: Db, memberId: string, allow: DmAllow) {
    await db
      .insert(directMessageSettings)
      .values({ memberId, allow })
      .onConflictDoUpdate({ target: directMessageSettings.memberId, set: { allow, updatedAt: new Date() } });
  },

  /** The direct conversation between two members, whoever started it. */
  async directBetween(db: Db, a: string, b: string) {
    const [row] = await db
      .select()
      .from(mentorships)
      .where(
        and(
          eq(mentorships.kind, "direct"),
          or(
            and(eq(mentorships.mentorId, a), eq(mentorships.menteeId, b)),
            and(eq(mentorships.mentorId, b), eq(mentorships.menteeId, a)),
          ),
        ),
      );
    return row ?? null;
  },

  /** Starts a direct conversation, active at once; the existing one if the pair already has it. */
  async insertDirect(db: Db, starterId: string, recipientId: string, now: Date) {
    try {
      const [row] = await db
        .insert(mentorships)
        .values({
          kind: "direct",
          mentorId: starterId,
          menteeId: recipientId,
          status: "active",
          requestMessage: "",
          acceptedAt: now,
        })
        .returning();
      return row as MentorshipRow;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return (await mentorshipStore.directBetween(db, starterId, recipientId)) as MentorshipRow;
    }
  },

  /** Are the two active members of at least one group together? */
  async shareAGroup(db: Db, a: string, b: string) {
    const mine = db
      .select({ groupId: groupMembers.groupId })
      .from(groupMembers)
      .where(and(eq(groupMembers.memberId, a), eq(groupMembers.status, "active")));
    const [row] = await db
      .select({ n: count() })
      .from(groupMembers)
      .where(and(eq(groupMembers.memberId, b), eq(groupMembers.status, "active"), inArray(groupMembers.groupId, mine)));
    return Number(row?.n ?? 0) > 0;
  },

  /** Are the two active accountability partners? */
  async arePartners(db: Db, a: string, b: string) {
    const [row] = await db
      .select({ n: count() })
      .from(partnerships)
      .where(
        and(
          eq(partnerships.status, "active"),
          or(
            and(eq(partnerships.requesterId, a), eq(partnerships.partnerId, b)),
            and(eq(partnerships.requesterId, b), eq(partnerships.partnerId, a)),
          ),
        ),
      );
    return Number(row?.n ?? 0) > 0;
  },

  // ─── Wellbeing ───
  async addCheckin(db: Db, values: Omit<typeof mentorCheckins.$inferInsert, "id" | "createdAt">) {
    const [row] = await db.insert(mentorCheckins).values(values).returning();
    return row as CheckinRow;
  },

  async lastCheckin(db: Db, memberId: string) {
    const [row] = await db
      .select()
      .from(mentorCheckins)
      .where(eq(mentorCheckins.memberId, memberId))
      .orderBy(desc(mentorCheckins.createdAt))
      .limit(1);
    return row ?? null;
  },

  async checkins(db: Db, memberId: string) {
    return db
      .select()
      .from(mentorCheckins)
      .where(eq(mentorCheckins.memberId, memberId))
      .orderBy(asc(mentorCheckins.createdAt));
  },
};
