import type { ProgressExport, ShareItem } from "@kinship/contracts/progress";
import type { Db } from "../../db/client.ts";
import { presentCheckin, presentNotice, presentPlan } from "./presenters.ts";
import { groupSharesStore, progressStore as store } from "./store.ts";

/** Everything of progress that belongs to the member, for their data export. Never a partner's data. */
export async function exportProgress(db: Db, memberId: string): Promise<ProgressExport> {
  // One after another: PGlite is a single connection, and this is not a hot path.
  const settings = await store.settings(db, memberId);
  const journeys = await store.listJourneys(db, memberId);
  const attempts = await store.attemptsOf(
    db,
    journeys.map((j) => j.id),
  );
  const milestones = await store.milestonesOf(
    db,
    attempts.map((a) => a.id),
  );
  const checkins = await store.allCheckins(db, memberId);
  const goals = await store.listGoals(db, memberId);
  const records = await store.recordsOf(
    db,
    goals.map((g) => g.id),
  );
  const plan = await store.plan(db, memberId);
  const partnerships = await store.allPartnerships(db, memberId);
  const shares = await store.sharesOf(
    db,
    partnerships.map((p) => p.partnership.id),
  );
  const notices = await store.noticesFor(db, memberId, 100_000);
  const sent = await store.encouragementsSentBy(db, memberId);
  const groupShares = await groupSharesStore.sharesOf(db, memberId);
  const sharedGroups = [...new Map(groupShares.map((s) => [s.groupId, s.groupName])).entries()];

  return {
    settings: { timeZone: settings?.timeZone ?? null, reminderTime: settings?.reminderTime ?? null },
    journeys: journeys.map((j) => {
      const own = attempts.filter((a) => a.journeyId === j.id);
      const ids = new Set(own.map((a) => a.id));
      return {
        id: j.id,
        label: j.label,
        timeZone: j.timeZone,
        createdAt: j.createdAt.toISOString(),
        attempts: own.map((a) => ({ id: a.id, startDate: a.startDate, endDate: a.endDate, slipNote: a.slipNote })),
        milestones: milestones
          .filter((m) => ids.has(m.attemptId))
          .map((m) => ({ id: m.milestone, on: m.reachedOn, celebratedAt: m.celebratedAt?.toISOString() ?? null })),
      };
    }),
    checkins: checkins.map(presentCheckin),
    goals: goals.map((g) => ({
      id: g.id,
      title: g.title,
      dueDate: g.dueDate,
      repeat: g.repeat,
      createdAt: g.createdAt.toISOString(),
      records: records
        .filter((r) => r.goalId === g.id)
        .map((r) => ({
          period: r.period,
          status: r.status,
          automatic: r.automatic,
          recordedAt: r.recordedAt.toISOString(),
        })),
    })),
    plan: plan ? presentPlan(plan) : null,
    partnerships: partnerships.map(({ partnership: p, otherHandle }) => ({
      id: p.id,
      partnerHandle: otherHandle,
      status: p.status,
      direction: p.requesterId === memberId ? ("outgoing" as const) : ("incoming" as const),
      myShares: shares
        .filter((s) => s.partnershipId === p.id && s.memberId === memberId)
        .map((s) => s.item as ShareItem),
      createdAt: p.createdAt.toISOString(),
      acceptedAt: p.acceptedAt?.toISOString() ?? null,
      endedAt: p.endedAt?.toISOString() ?? null,
    })),
    noticesReceived: notices.map(({ notice, fromHandle }) => {
      const { read: _read, ...rest } = presentNotice(notice, fromHandle);
      return { ...rest, readAt: notice.readAt?.toISOString() ?? null };
    }),
    encouragementsSent: sent.map(({ notice, toHandle }) => ({
      toHandle,
      message: notice.message ?? "",
      createdAt: notice.createdAt.toISOString(),
    })),
    groupShares: sharedGroups.map(([groupId, groupName]) => {
      const rows = groupShares.filter((s) => s.groupId === groupId);
      const since = Math.min(...rows.map((s) => s.createdAt.getTime()));
      return { groupId, groupName, shares: rows.map((s) => s.item), since: new Date(since).toISOString() };
    }),
  };
}
