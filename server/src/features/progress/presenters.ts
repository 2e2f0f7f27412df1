import type {
  Checkin,
  Goal,
  Journey,
  Notice,
  Partnership,
  Plan,
  SharedView,
  ShareItem,
  Trigger,
} from "@kinship/contracts/progress";
import { goalStreak, journeyTotals, nextMilestone, periodOf, runDays } from "./milestones.ts";
import type {
  AttemptRow,
  CheckinRow,
  GoalRecordRow,
  GoalRow,
  JourneyRow,
  MilestoneRow,
  PartnershipRow,
  PlanRow,
} from "./store.ts";

/*
 * Allow-lists: every object that leaves the server is built here, field by field. What a partner
 * sees has its own presenters, which simply have no place for a note.
 */

export type JourneyParts = { journey: JourneyRow; attempts: AttemptRow[]; milestones: MilestoneRow[]; today: string };

const currentRun = (attempts: AttemptRow[]) =>
  attempts.find((a) => a.endDate === null) ?? (attempts[attempts.length - 1] as AttemptRow);

/** A journey as its owner sees it: the count, the next milestone, the history and its totals. */
export function presentJourney({ journey, attempts, milestones, today }: JourneyParts): Journey {
  const current = currentRun(attempts);
  const next = nextMilestone(current.startDate, today);
  return {
    id: journey.id,
    label: journey.label,
    startDate: current.startDate,
    currentDays: runDays(current, today),
    timeZone: journey.timeZone,
    today,
    nextMilestone: { id: next.id, on: next.on, daysToGo: next.daysToGo },
    milestones: milestones
      .filter((m) => m.attemptId === current.id)
      .map((m) => ({ id: m.milestone, on: m.reachedOn, celebrated: m.celebratedAt !== null })),
    totals: journeyTotals(attempts, today),
    attempts: attempts.map((a) => ({
      id: a.id,
      startDate: a.startDate,
      endDate: a.endDate,
      days: runDays(a, today),
      slipNote: a.slipNote,
    })),
    createdAt: journey.createdAt.toISOString(),
  };
}

/** A journey as a partner sees it when journeys are shared: the count, never the slip notes. */
export function presentSharedJourney(parts: JourneyParts): NonNullable<SharedView["journeys"]>[number] {
  const own = presentJourney(parts);
  return {
    id: own.id,
    label: own.label,
    startDate: own.startDate,
    currentDays: own.currentDays,
    nextMilestone: { id: own.nextMilestone.id, on: own.nextMilestone.on },
    totalDays: own.totals.totalDays,
  };
}

export function presentCheckin(c: CheckinRow): Checkin {
  return {
    date: c.date,
    mood: c.mood,
    craving: c.craving,
    triggers: c.triggers as Trigger[],
    triggersOwnWords: c.triggersOwnWords,
    helped: c.helped,
    gratitude: c.gratitude,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Mood and craving only: what "check-ins" means when shared with a partner. */
export const presentSharedCheckin = (c: CheckinRow) => ({ date: c.date, mood: c.mood, craving: c.craving });

const RECENT_RECORDS = 30;

export function presentGoal(goal: GoalRow, records: GoalRecordRow[], today: string): Goal {
  const own = records.filter((r) => r.goalId === goal.id).sort((a, b) => (a.period < b.period ? 1 : -1));
  const currentPeriod = periodOf(goal, today);
  const recent = own.slice(0, RECENT_RECORDS);
  return {
    id: goal.id,
    title: goal.title,
    dueDate: goal.dueDate,
    repeat: goal.repeat,
    currentPeriod,
    currentStatus: own.find((r) => r.period === currentPeriod)?.status ?? null,
    streak: goalStreak(goal, own, currentPeriod),
    doneRecently: recent.filter((r) => r.status === "done").length,
    recordedRecently: recent.length,
    records: recent.map((r) => ({ period: r.period, status: r.status })),
    createdAt: goal.createdAt.toISOString(),
  };
}

export function presentSharedGoal(goal: GoalRow, records: GoalRecordRow[], today: string) {
  const own = presentGoal(goal, records, today);
  return {
    id: own.id,
    title: own.title,
    dueDate: own.dueDate,
    repeat: own.repeat,
    currentStatus: own.currentStatus,
    streak: own.streak,
    records: own.records,
  };
}

export function presentPlan(plan: PlanRow | null): Plan {
  return {
    triggers: plan?.triggers ?? [],
    warningSigns: plan?.warningSigns ?? [],
    copingStrategies: plan?.copingStrategies ?? [],
    people: (plan?.people ?? []).map((p) => ({ name: p.name, phone: p.phone, note: p.note })),
    reasons: plan?.reasons ?? [],
    updatedAt: plan?.updatedAt.toISOString() ?? null,
  };
}

export function presentPartnership(
  p: PartnershipRow,
  viewerId: string,
  otherHandle: string,
  mine: ShareItem[],
  theirs: ShareItem[],
): Partnership {
  return {
    id: p.id,
    partner: { handle: otherHandle },
    status: p.status === "active" ? "active" : "pending",
    direction: p.requesterId === viewerId ? "outgoing" : "incoming",
    myShares: mine,
    // Nothing of theirs is shared until they have accepted.
    theirShares: p.status === "active" ? theirs : [],
    createdAt: p.createdAt.toISOString(),
    acceptedAt: p.acceptedAt?.toISOString() ?? null,
  };
}

export function presentNotice(
  n: {
    id: string;
    kind: Notice["kind"];
    partnershipId: string;
    message: string | null;
    milestone: string | null;
    journeyLabel: string | null;
    goalTitle: string | null;
    readAt: Date | null;
    createdAt: Date;
  },
  fromHandle: string,
): Notice {
  return {
    id: n.id,
    kind: n.kind,
    from: { handle: fromHandle },
    partnershipId: n.partnershipId,
    message: n.message,
    milestone: n.milestone,
    journeyLabel: n.journeyLabel,
    goalTitle: n.goalTitle,
    read: n.readAt !== null,
    createdAt: n.createdAt.toISOString(),
  };
}
