import type { GroupShareItem, ShareItem } from "@kinship/contracts/progress";
import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  accessLog,
  checkins,
  goalRecords,
  goals,
  groupMembers,
  groupShares,
  groups,
  journeyAttempts,
  journeyMilestones,
  journeys,
  members,
  partnerNotices,
  partnerShares,
  partnerships,
  progressSettings,
  relapsePlans,
} from "../../db/schema.ts";

export type JourneyRow = typeof journeys.$inferSelect;
export type AttemptRow = typeof journeyAttempts.$inferSelect;
export type MilestoneRow = typeof journeyMilestones.$inferSelect;
export type CheckinRow = typeof checkins.$inferSelect;
export type GoalRow = typeof goals.$inferSelect;
export type GoalRecordRow = typeof goalRecords.$inferSelect;
export type PartnershipRow = typeof partnerships.$inferSelect;
export type PlanRow = typeof relapsePlans.$inferSelect;
export type NoticeInsert = typeof partnerNotices.$inferInsert;

/** SQL for progress. Every read of a member's own data is scoped by their id here. */
export const progressStore = {
  // ─── Settings ───
  async settings(db: Db, memberId: string) {
    const [row] = await db.select().from(progressSettings).where(eq(progressSettings.memberId, memberId));
    return row ?? null;
  },

  async saveSettings(db: Db, memberId: string, changes: { timeZone?: string | null; reminderTime?: string | null }) {
    const [row] = await db
      .insert(progressSettings)
      .values({ memberId, ...changes })
      .onConflictDoUpdate({ target: progressSettings.memberId, set: { ...changes, updatedAt: new Date() } })
      .returning();
    return row as typeof progressSettings.$inferSelect;
  },

  /** The member's own time zone: the one they set for progress, else their profile's, else UTC. */
  async memberZone(db: Db, memberId: string) {
    const [row] = await db
      .select({ settingsZone: progressSettings.timeZone, profileZone: members.timeZone })
      .from(members)
      .leftJoin(progressSettings, eq(progressSettings.memberId, members.id))
      .where(eq(members.id, memberId));
    return row?.settingsZone ?? row?.profileZone ?? "UTC";
  },

  // ─── Journeys ───
  /** Creates the journey and its first run together. */
  createJourney(db: Db, values: { memberId: string; label: string; timeZone: string; startDate: string }) {
    return db.transaction(async (tx) => {
      const [journey] = await tx
        .insert(journeys)
        .values({ memberId: values.memberId, label: values.label, timeZone: values.timeZone })
        .returning();
      if (!journey) throw new Error("journey not created");
      await tx.insert(journeyAttempts).values({ journeyId: journey.id, startDate: values.startDate });
      return journey;
    });
  },

  listJourneys(db: Db, memberId: string) {
    return db.select().from(journeys).where(eq(journeys.memberId, memberId)).orderBy(asc(journeys.createdAt));
  },

  async journey(db: Db, id: string) {
    const [row] = await db.select().from(journeys).where(eq(journeys.id, id));
    return row ?? null;
  },

  async updateJourney(db: Db, id: string, changes: { label?: string; timeZone?: string }) {
    await db
      .update(journeys)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(journeys.id, id));
  },

  async deleteJourney(db: Db, id: string) {
    await db.delete(journeys).where(eq(journeys.id, id));
  },

  /** Runs of several journeys, oldest first. */
  attemptsOf(db: Db, journeyIds: string[]) {
    if (journeyIds.length === 0) return Promise.resolve([] as AttemptRow[]);
    return db
      .select()
      .from(journeyAttempts)
      .where(inArray(journeyAttempts.journeyId, journeyIds))
      .orderBy(asc(journeyAttempts.startDate), asc(journeyAttempts.createdAt));
  },

  /** Moves the start of a run; its milestones are counted afresh from the new start. */
  resetRunStart(db: Db, attemptId: string, startDate: string) {
    return db.transaction(async (tx) => {
      await tx.update(journeyAttempts).set({ startDate }).where(eq(journeyAttempts.id, attemptId));
      await tx.delete(journeyMilestones).where(eq(journeyMilestones.attemptId, attemptId));
    });
  },

  /** Ends the current run on the slip's day and starts the next one that day, in one step. */
  recordSlip(db: Db, current: AttemptRow, date: string, note: string | null) {
    return db.transaction(async (tx) => {
      await tx
        .update(journeyAttempts)
        .set({ endDate: date, slipNote: note })
        .where(and(eq(journeyAttempts.id, current.id), isNull(journeyAttempts.endDate)));
      await tx.insert(journeyAttempts).values({ journeyId: current.journeyId, startDate: date });
    });
  },

  milestonesOf(db: Db, attemptIds: string[]) {
    if (attemptIds.length === 0) return Promise.resolve([] as MilestoneRow[]);
    return db
      .select()
      .from(journeyMilestones)
      .where(inArray(journeyMilestones.attemptId, attemptIds))
      .orderBy(asc(journeyMilestones.reachedOn));
  },

  /** Records milestones reached; returns only the ones new now (so each is told once, on any node). */
  async insertMilestones(db: Db, rows: (typeof journeyMilestones.$inferInsert)[]) {
    if (rows.length === 0) return [] as MilestoneRow[];
    return db.insert(journeyMilestones).values(rows).onConflictDoNothing().returning();
  },

  async celebrate(db: Db, attemptId: string, milestone: string) {
    const rows = await db
      .update(journeyMilestones)
      .set({ celebratedAt: new Date() })
      .where(and(eq(journeyMilestones.attemptId, attemptId), eq(journeyMilestones.milestone, milestone)))
      .returning();
    return rows.length > 0;
  },

  /** Every open run with its journey and owner, for the daily milestone pass. */
  openRuns(db: Db) {
    return db
      .select({ attempt: journeyAttempts, journey: journeys })
      .from(journeyAttempts)
      .innerJoin(journeys, eq(journeys.id, journeyAttempts.journeyId))
      .where(isNull(journeyAttempts.endDate));
  },

  // ─── Check-ins ───
  async findCheckin(db: Db, memberId: string, date: string) {
    const [row] = await db
      .select()
      .from(checkins)
      .where(and(eq(checkins.memberId, memberId), eq(checkins.date, date)));
    return row ?? null;
  },

  /** Inserts the day's check-in, or edits it when there is one already; `created` tells which. */
  /** A new check-in, or null when the member already has one for that day. */
  async insertCheckin(db: Db, values: typeof checkins.$inferInsert) {
    const [row] = await db.insert(checkins).values(values).onConflictDoNothing().returning();
    return row ?? null;
  },

  async upsertCheckin(db: Db, values: typeof checkins.$inferInsert) {
    const { memberId: _m, date: _d, ...changes } = values;
    const [row] = await db
      .insert(checkins)
      .values(values)
      .onConflictDoUpdate({
        target: [checkins.memberId, checkins.date],
        set: { ...changes, updatedAt: new Date() },
      })
      // xmax is 0 on a freshly inserted row version and set on an updated one.
      .returning({ ...getTableColumns(checkins), created: sql<boolean>`(xmax = 0)` });
    const { created, ...checkin } = row as CheckinRow & { created: boolean };
    return { row: checkin as CheckinRow, created: Boolean(created) };
  },

  listCheckins(db: Db, memberId: string, from: string, to: string) {
    return db
      .select()
      .from(checkins)
      .where(and(eq(checkins.memberId, memberId), gte(checkins.date, from), lte(checkins.date, to)))
      .orderBy(asc(checkins.date));
  },

  allCheckins(db: Db, memberId: string) {
    return db.select().from(checkins).where(eq(checkins.memberId, memberId)).orderBy(asc(checkins.date));
  },

  async deleteCheckin(db: Db, memberId: string, date: string) {
    const rows = await db
      .delete(checkins)
      .where(and(eq(checkins.memberId, memberId), eq(checkins.date, date)))
      .returning({ id: checkins.id });
    return rows.length > 0;
  },

  // ─── Goals ───
  async createGoal(db: Db, values: typeof goals.$inferInsert) {
    const [row] = await db.insert(goals).values(values).returning();
    return row as GoalRow;
  },

  listGoals(db: Db, memberId: string) {
    return db.select().from(goals).where(eq(goals.memberId, memberId)).orderBy(asc(goals.createdAt));
  },

  async goal(db: Db, id: string) {
    const [row] = await db.select().from(goals).where(eq(goals.id, id));
    return row ?? null;
  },

  async updateGoal(db: Db, id: string, changes: Partial<typeof goals.$inferInsert>) {
    const [row] = await db
      .update(goals)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(goals.id, id))
      .returning();
    return row as GoalRow;
  },

  async deleteGoal(db: Db, id: string) {
    await db.delete(goals).where(eq(goals.id, id));
  },

  recordsOf(db: Db, goalIds: string[]) {
    if (goalIds.length === 0) return Promise.resolve([] as GoalRecordRow[]);
    return db.select().from(goalRecords).where(inArray(goalRecords.goalId, goalIds)).orderBy(desc(goalRecords.period));
  },

  async saveRecord(db: Db, values: { goalId: string; period: string; status: "done" | "missed" }) {
    await db
      .insert(goalRecords)
      .values({ ...values, automatic: false })
      .onConflictDoUpdate({
        target: [goalRecords.goalId, goalRecords.period],
        set: { status: values.status, automatic: false, recordedAt: new Date() },
      });
  },

  /** Marks a closed period missed unless it was marked; true only for the one call that did it. */
  async markMissed(db: Db, goalId: string, period: string) {
    const rows = await db
      .insert(goalRecords)
      .values({ goalId, period, status: "missed", automatic: true })
      .onConflictDoNothing()
      .returning();
    return rows.length > 0;
  },

  /** Every goal with its owner's zones, for the daily pass over closed periods. */
  allGoalsWithZones(db: Db) {
    return db
      .select({ goal: goals, settingsZone: progressSettings.timeZone, profileZone: members.timeZone })
      .from(goals)
      .innerJoin(members, eq(members.id, goals.memberId))
      .leftJoin(progressSettings, eq(progressSettings.memberId, goals.memberId));
  },

  // ─── Plan ───
  async plan(db: Db, memberId: string) {
    const [row] = await db.select().from(relapsePlans).where(eq(relapsePlans.memberId, memberId));
    return row ?? null;
  },

  async savePlan(db: Db, memberId: string, values: Omit<typeof relapsePlans.$inferInsert, "memberId">) {
    const [row] = await db
      .insert(relapsePlans)
      .values({ memberId, ...values })
      .onConflictDoUpdate({ target: relapsePlans.memberId, set: { ...values, updatedAt: new Date() } })
      .returning();
    return row as PlanRow;
  },

  // ─── Partnerships ───
  async memberByHandle(db: Db, handle: string) {
    const [row] = await db
      .select({ id: members.id, handle: members.handle })
      .from(members)
      .where(sql`lower(${members.handle}) = ${handle.toLowerCase()}`);
    return row ?? null;
  },

  async handleOf(db: Db, memberId: string) {
    const [row] = await db.select({ handle: members.handle }).from(members).where(eq(members.id, memberId));
    return row?.handle ?? null;
  },

  /** Creates a pending partnership with the inviter's shares; null if the pair already has a live one. */
  invite(db: Db, requesterId: string, partnerId: string, shares: ShareItem[]) {
    return db.transaction(async (tx) => {
      const [row] = await tx.insert(partnerships).values({ requesterId, partnerId }).onConflictDoNothing().returning();
      if (!row) return null;
      if (shares.length > 0) {
        await tx
          .insert(partnerShares)
          .values(shares.map((item) => ({ partnershipId: row.id, memberId: requesterId, item })));
      }
      return row;
    });
  },

  async partnership(db: Db, id: string) {
    const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id));
    return row ?? null;
  },

  /** The member's live (pending or active) partnerships, with the other side's handle. */
  livePartnerships(db: Db, memberId: string) {
    return db
      .select({
        partnership: partnerships,
        otherHandle: members.handle,
      })
      .from(partnerships)
      .innerJoin(
        members,
        sql`${members.id} = case when ${partnerships.requesterId} = ${memberId} then ${partnerships.partnerId} else ${partnerships.requesterId} end`,
      )
      .where(
        and(
          or(eq(partnerships.requesterId, memberId), eq(partnerships.partnerId, memberId)),
          ne(partnerships.status, "ended"),
        ),
      )
      .orderBy(asc(partnerships.createdAt));
  },

  /** Every partnership of the member, ended ones too (for the export). */
  allPartnerships(db: Db, memberId: string) {
    return db
      .select({ partnership: partnerships, otherHandle: members.handle })
      .from(partnerships)
      .innerJoin(
        members,
        sql`${members.id} = case when ${partnerships.requesterId} = ${memberId} then ${partnerships.partnerId} else ${partnerships.requesterId} end`,
      )
      .where(or(eq(partnerships.requesterId, memberId), eq(partnerships.partnerId, memberId)))
      .orderBy(asc(partnerships.createdAt));
  },

  sharesOf(db: Db, partnershipIds: string[]) {
    if (partnershipIds.length === 0) return Promise.resolve([] as (typeof partnerShares.$inferSelect)[]);
    return db.select().from(partnerShares).where(inArray(partnerShares.partnershipId, partnershipIds));
  },

  /** Replaces what one member shares in one partnership. */
  setShares(db: Db, partnershipId: string, memberId: string, items: ShareItem[]) {
    return db.transaction(async (tx) => {
      await tx
        .delete(partnerShares)
        .where(and(eq(partnerShares.partnershipId, partnershipId), eq(partnerShares.memberId, memberId)));
      if (items.length > 0) {
        await tx.insert(partnerShares).values(items.map((item) => ({ partnershipId, memberId, item })));
      }
    });
  },

  /** Accepts a pending invitation (only the invited member can) and records what they share back. */
  accept(db: Db, partnershipId: string, memberId: string, shares: ShareItem[] | undefined) {
    return db.transaction(async (tx) => {
      const rows = await tx
        .update(partnerships)
        .set({ status: "active", acceptedAt: new Date() })
        .where(
          and(
            eq(partnerships.id, partnershipId),
            eq(partnerships.partnerId, memberId),
            eq(partnerships.status, "pending"),
          ),
        )
        .returning();
      if (rows.length === 0) return false;
      if (shares && shares.length > 0) {
        await tx.insert(partnerShares).values(shares.map((item) => ({ partnershipId, memberId, item })));
      }
      return true;
    });
  },

  /** Ends a partnership: its shares and notices go at once, the ended row stays as the record of consent. */
  end(db: Db, partnershipId: string) {
    return db.transaction(async (tx) => {
      await tx
        .update(partnerships)
        .set({ status: "ended", endedAt: new Date() })
        .where(and(eq(partnerships.id, partnershipId), ne(partnerships.status, "ended")));
      await tx.delete(partnerShares).where(eq(partnerShares.partnershipId, partnershipId));
      await tx.delete(partnerNotices).where(eq(partnerNotices.partnershipId, partnershipId));
    });
  },

  /** Active partnerships in which `ownerId` shares `item`, with the partner who is told. */
  async partnersSharing(db: Db, ownerId: string, item: ShareItem) {
    const rows = await db
      .select({ partnership: partnerships })
      .from(partnerShares)
      .innerJoin(partnerships, eq(partnerships.id, partnerShares.partnershipId))
      .where(and(eq(partnerShares.memberId, ownerId), eq(partnerShares.item, item), eq(partnerships.status, "active")));
    return rows.map(({ partnership: p }) => ({
      partnershipId: p.id,
      partnerId: p.requesterId === ownerId ? p.partnerId : p.requesterId,
    }));
  },

  // ─── Notices ───
  async insertNotices(db: Db, rows: NoticeInsert[]) {
    if (rows.length > 0) await db.insert(partnerNotices).values(rows);
  },

  /** The newest notice of a kind a sender sent in a partnership, to keep "I'm struggling" from repeating. */
  async lastNotice(db: Db, partnershipId: string, senderId: string, kind: NoticeInsert["kind"]) {
    const [row] = await db
      .select({ createdAt: partnerNotices.createdAt })
      .from(partnerNotices)
      .where(
        and(
          eq(partnerNotices.partnershipId, partnershipId),
          eq(partnerNotices.senderId, senderId),
          eq(partnerNotices.kind, kind),
        ),
      )
      .orderBy(desc(partnerNotices.createdAt))
      .limit(1);
    return row ?? null;
  },

  noticesFor(db: Db, recipientId: string, limit = 100) {
    return db
      .select({ notice: partnerNotices, fromHandle: members.handle })
      .from(partnerNotices)
      .innerJoin(members, eq(members.id, partnerNotices.senderId))
      .where(eq(partnerNotices.recipientId, recipientId))
      .orderBy(desc(partnerNotices.createdAt))
      .limit(limit);
  },

  async unreadCount(db: Db, recipientId: string) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(partnerNotices)
      .where(and(eq(partnerNotices.recipientId, recipientId), isNull(partnerNotices.readAt)));
    return Number(row?.n ?? 0);
  },

  async markRead(db: Db, recipientId: string) {
    await db
      .update(partnerNotices)
      .set({ readAt: new Date() })
      .where(and(eq(partnerNotices.recipientId, recipientId), isNull(partnerNotices.readAt)));
  },

  encouragementsSentBy(db: Db, senderId: string) {
    return db
      .select({ notice: partnerNotices, toHandle: members.handle })
      .from(partnerNotices)
      .innerJoin(members, eq(members.id, partnerNotices.recipientId))
      .where(and(eq(partnerNotices.senderId, senderId), eq(partnerNotices.kind, "encouragement")))
      .orderBy(asc(partnerNotices.createdAt));
  },
};

/** SQL for what members share with their groups. A share counts only while its member is active in the group. */
export const groupSharesStore = {
  async group(db: Db, groupId: string) {
    const [row] = await db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, groupId));
    return row ?? null;
  },

  /** The groups the member is active in now, by name. */
  myGroups(db: Db, memberId: string) {
    return db
      .select({ id: groups.id, name: groups.name })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(groupMembers.memberId, memberId), eq(groupMembers.status, "active")))
      .orderBy(asc(groups.name), asc(groups.id));
  },

  /** Everything the member shares with any group (rows go with the membership, so all are current). */
  sharesOf(db: Db, memberId: string) {
    return db
      .select({
        groupId: groupShares.groupId,
        groupName: groups.name,
        item: groupShares.item,
        createdAt: groupShares.createdAt,
      })
      .from(groupShares)
      .innerJoin(groups, eq(groups.id, groupShares.groupId))
      .where(eq(groupShares.memberId, memberId))
      .orderBy(asc(groups.name), asc(groupShares.groupId), asc(groupShares.item));
  },

  /**
   * Replaces what the member shares with the group, under a lock on their membership so a leave or
   * removal at the same moment cannot leave a share behind. False if they are not an active member.
   */
  setShares(db: Db, groupId: string, memberId: string, items: GroupShareItem[]) {
    return db.transaction(async (tx) => {
      const [membership] = await tx
        .select({ status: groupMembers.status })
        .from(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId)))
        .for("update");
      if (membership?.status !== "active") return false;
      await tx.delete(groupShares).where(and(eq(groupShares.groupId, groupId), eq(groupShares.memberId, memberId)));
      if (items.length > 0) await tx.insert(groupShares).values(items.map((item) => ({ groupId, memberId, item })));
      return true;
    });
  },

  /** Has this viewer's look at this item of the member's, through this group, been logged since `since`? */
  async loggedSince(
    db: Db,
    look: { memberId: string; viewerId: string; recordType: string; groupId: string },
    since: Date,
  ) {
    const rows = await db
      .select({ id: accessLog.id })
      .from(accessLog)
      .where(
        and(
          eq(accessLog.memberId, look.memberId),
          eq(accessLog.viewerId, look.viewerId),
          eq(accessLog.recordType, look.recordType),
          eq(accessLog.recordId, look.groupId),
          gte(accessLog.viewedAt, since),
        ),
      )
      .limit(1);
    return rows.length > 0;
  },

  /** Who shares what with the group, among its active members, with their handles. */
  sharers(db: Db, groupId: string) {
    return db
      .select({ memberId: groupShares.memberId, handle: members.handle, item: groupShares.item })
      .from(groupShares)
      .innerJoin(
        groupMembers,
        and(eq(groupMembers.groupId, groupShares.groupId), eq(groupMembers.memberId, groupShares.memberId)),
      )
      .innerJoin(members, eq(members.id, groupShares.memberId))
      .where(and(eq(groupShares.groupId, groupId), eq(groupMembers.status, "active")))
      .orderBy(asc(members.handle), asc(groupShares.item));
  },
};
