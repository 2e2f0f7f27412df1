import type {
  CheckinInput,
  GoalCreate,
  GoalRecordInput,
  GoalUpdate,
  JourneyCreate,
  JourneyUpdate,
  PlanInput,
  ProgressSettingsUpdate,
  SlipCreate,
} from "@kinship/contracts/progress";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { Invalid, NotFound } from "../../platform/errors.ts";
import type { Limits } from "../../platform/limits.ts";
import type { Hub } from "../../realtime/hub.ts";
import { createSafetyService } from "../safety/service.ts";
import { createGroupSharesService } from "./group-shares.ts";
import { addDays, closedPeriod, daysBetween, periodOf, reachedMilestones, todayIn } from "./milestones.ts";
import { createPartnersService } from "./partners.ts";
import { canManageOwn } from "./policy.ts";
import { presentCheckin, presentGoal, presentJourney, presentPlan } from "./presenters.ts";
import {
  type AttemptRow,
  type CheckinRow,
  type JourneyRow,
  type MilestoneRow,
  progressStore as store,
} from "./store.ts";

export type ProgressDeps = { db: Db; now?: () => Date; limits?: Limits; hub?: Hub };

const NO_JOURNEY = "We couldn't find that journey.";
const NO_GOAL = "We couldn't find that goal.";
/** Longest span one check-in list covers. */
const MAX_RANGE_DAYS = 366;
/** A milestone reached this recently is still news for partners; older ones are filled in quietly. */
const NEWS_DAYS = 2;

/** Recovery progress: journeys and their runs, check-ins, goals, the plan; partners live in partners.ts. */
export function createProgressService({ db, now = () => new Date(), limits, hub }: ProgressDeps) {
  const partners = createPartnersService({ db, now, limits });
  const safety = createSafetyService({ db, hub });

  const zoneOf = (memberId: string) => store.memberZone(db, memberId);

  async function ownJourney(actor: Actor, id: string) {
    const journey = await store.journey(db, id);
    if (!journey || !canManageOwn(actor, journey)) throw new NotFound(NO_JOURNEY);
    return journey;
  }

  async function ownGoal(actor: Actor, id: string) {
    const goal = await store.goal(db, id);
    if (!goal || !canManageOwn(actor, goal)) throw new NotFound(NO_GOAL);
    return goal;
  }

  const currentOf = (attempts: AttemptRow[]) => attempts.find((a) => a.endDate === null) as AttemptRow;

  /**
   * Records the milestones the current run has reached. When a start date far back fills in many at
   * once, only the latest is celebrated on screen and told to partners; the rest are kept quietly.
   */
  async function syncMilestones(journey: JourneyRow, current: AttemptRow, known: MilestoneRow[], today: string) {
    const have = new Set(known.filter((m) => m.attemptId === current.id).map((m) => m.milestone));
    const reached = reachedMilestones(current.startDate, today);
    const missing = reached.filter((m) => !have.has(m.id));
    if (missing.length === 0) return [];
    const latest = reached[reached.length - 1];
    const inserted = await store.insertMilestones(
      db,
      missing.map((m) => ({
        attemptId: current.id,
        milestone: m.id,
        reachedOn: m.on,
        celebratedAt: m.id === latest?.id ? null : now(),
      })),
    );
    const news = inserted.find((m) => m.milestone === latest?.id && daysBetween(m.reachedOn, today) <= NEWS_DAYS);
    if (news) await partners.tellMilestone(journey, news.milestone);
    return inserted;
  }

  async function journeysWithParts(rows: JourneyRow[]) {
    const attempts = await store.attemptsOf(
      db,
      rows.map((j) => j.id),
    );
    const milestones = await store.milestonesOf(
      db,
      attempts.map((a) => a.id),
    );
    const parts = [];
    for (const journey of rows) {
      const today = todayIn(journey.timeZone, now());
      const own = attempts.filter((a) => a.journeyId === journey.id);
      const added = await syncMilestones(journey, currentOf(own), milestones, today);
      parts.push({ journey, attempts: own, milestones: [...milestones, ...added], today });
    }
    return parts;
  }

  async function presentOne(journey: JourneyRow) {
    const [parts] = await journeysWithParts([journey]);
    if (!parts) throw new NotFound(NO_JOURNEY);
    return presentJourney(parts);
  }

  return {
    partners,
    groupShares: createGroupSharesService({ db, now }),
    zoneOf,
    journeysWithParts,

    // ─── Journeys ───
    async listJourneys(actor: Actor) {
      const parts = await journeysWithParts(await store.listJourneys(db, actor.memberId));
      return { items: parts.map(presentJourney) };
    },

    async createJourney(actor: Actor, input: JourneyCreate) {
      const timeZone = input.timeZone ?? (await zoneOf(actor.memberId));
      if (input.startDate > todayIn(timeZone, now())) {
        throw new Invalid("A start date can't be in the future. Choose today or an earlier day.", "startDate");
      }
      const journey = await store.createJourney(db, {
        memberId: actor.memberId,
        label: input.label,
        timeZone,
        startDate: input.startDate,
      });
      return presentOne(journey);
    },

    async getJourney(actor: Actor, id: string) {
      return presentOne(await ownJourney(actor, id));
    },

    /** Rename it, count it in another zone, or correct the start of the current run. */
    async updateJourney(actor: Actor, id: string, input: JourneyUpdate) {
      const journey = await ownJourney(actor, id);
      const timeZone = input.timeZone ?? journey.timeZone;
      if (input.startDate !== undefined) {
        const attempts = await store.attemptsOf(db, [journey.id]);
        const current = currentOf(attempts);
        const previousSlip = attempts
          .map((a) => a.endDate)
          .filter((d): d is string => d !== null)
          .sort()
          .pop();
        if (input.startDate > todayIn(timeZone, now())) {
          throw new Invalid("A start date can't be in the future. Choose today or an earlier day.", "startDate");
        }
        if (previousSlip && input.startDate < previousSlip) {
          throw new Invalid(`This run began after the slip on ${previousSlip}; choose that day or later.`, "startDate");
        }
        if (input.startDate !== current.startDate) {
          await store.resetRunStart(db, current.id, input.startDate);
        }
      }
      if (input.label !== undefined || input.timeZone !== undefined) {
        await store.updateJourney(db, journey.id, { label: input.label, timeZone: input.timeZone });
      }
      return presentOne(await ownJourney(actor, id));
    },

    async deleteJourney(actor: Actor, id: string) {
      await store.deleteJourney(db, (await ownJourney(actor, id)).id);
    },

    /** A slip: the current run ends that day and a new one starts; every day so far stays counted. */
    async recordSlip(actor: Actor, id: string, input: SlipCreate) {
      const journey = await ownJourney(actor, id);
      const current = currentOf(await store.attemptsOf(db, [journey.id]));
      if (input.date > todayIn(journey.timeZone, now())) {
        throw new Invalid("That day hasn't come yet. Choose today or an earlier day.", "date");
      }
      if (input.date < current.startDate) {
        throw new Invalid(`This run began on ${current.startDate}; choose that day or later.`, "date");
      }
      await store.recordSlip(db, current, input.date, input.note?.trim() || null);
      return presentOne(journey);
    },

    /** The member has seen a milestone celebrated; it is not shown again. */
    async celebrate(actor: Actor, id: string, milestone: string) {
      const journey = await ownJourney(actor, id);
      const current = currentOf(await store.attemptsOf(db, [journey.id]));
      if (!(await store.celebrate(db, current.id, milestone))) {
        throw new NotFound("That milestone hasn't been reached on this run yet.");
      }
    },

    // ─── Check-ins ───
    /**
     * One check-in per local day. `new` (POST) refuses a day that has one, naming the date, so a
     * second tap never overwrites the first; otherwise (PUT) the day's check-in is filled in or edited.
     */
    async saveCheckin(actor: Actor, input: CheckinInput, { only }: { only?: "new" } = {}) {
      const zone = await zoneOf(actor.memberId);
      if (input.date > todayIn(zone, now())) {
        throw new Invalid("That day hasn't come yet. You can check in for today or an earlier day.", "date");
      }
      const values = {
        memberId: actor.memberId,
        date: input.date,
        mood: input.mood,
        craving: input.craving,
        triggers: [...new Set(input.triggers ?? [])],
        triggersOwnWords: input.triggersOwnWords ?? "",
        helped: input.helped ?? "",
        gratitude: input.gratitude ?? "",
        note: input.note ?? "",
      };
      let saved: { row: CheckinRow; created: boolean };
      if (only === "new") {
        const row = await store.insertCheckin(db, values);
        if (!row)
          throw new Invalid("You've already checked in for this day. You can change that check-in instead.", "date");
        saved = { row, created: true };
      } else saved = await store.upsertCheckin(db, values);
      const { row, created } = saved;
      const words = [row.note, row.triggersOwnWords, row.helped, row.gratitude].join("\n");
      const crisis = await safety.check(actor, { source: "checkin", sourceId: row.date, text: words });
      return { checkin: crisis ? { ...presentCheckin(row), crisis } : presentCheckin(row), created };
    },

    async listCheckins(actor: Actor, range: { from?: string; to?: string }) {
      const to = range.to ?? todayIn(await zoneOf(actor.memberId), now());
      const from = range.from ?? addDays(to, -29);
      if (from > to) throw new Invalid("The start of the range must be on or before its end.", "from");
      if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
        throw new Invalid(`Ask for at most ${MAX_RANGE_DAYS} days at a time.`, "from");
      }
      return { items: (await store.listCheckins(db, actor.memberId, from, to)).map(presentCheckin) };
    },

    /** The member's check-in of a day, or null: a day without one yet is an ordinary answer. */
    async getCheckin(actor: Actor, date: string) {
      const row = await store.findCheckin(db, actor.memberId, date);
      return row ? presentCheckin(row) : null;
    },

    async deleteCheckin(actor: Actor, date: string) {
      if (!(await store.deleteCheckin(db, actor.memberId, date))) {
        throw new NotFound("There's no check-in for that day.");
      }
    },

    async settings(actor: Actor) {
      const row = await store.settings(db, actor.memberId);
      return { timeZone: row?.timeZone ?? null, reminderTime: row?.reminderTime ?? null };
    },

    async updateSettings(actor: Actor, input: ProgressSettingsUpdate) {
      const row = await store.saveSettings(db, actor.memberId, input);
      return { timeZone: row.timeZone, reminderTime: row.reminderTime };
    },

    // ─── Goals ───
    async listGoals(actor: Actor) {
      const today = todayIn(await zoneOf(actor.memberId), now());
      const rows = await store.listGoals(db, actor.memberId);
      const records = await store.recordsOf(
        db,
        rows.map((g) => g.id),
      );
      return { items: rows.map((g) => presentGoal(g, records, today)) };
    },

    async createGoal(actor: Actor, input: GoalCreate) {
      const today = todayIn(await zoneOf(actor.memberId), now());
      const repeat = input.repeat ?? "none";
      const dueDate = input.dueDate ?? null;
      if (repeat === "none" && !dueDate) {
        throw new Invalid("A one-off goal needs a due date (or choose a repeat).", "dueDate");
      }
      if (dueDate && dueDate < today) throw new Invalid("Choose a due date from today on.", "dueDate");
      const goal = await store.createGoal(db, {
        memberId: actor.memberId,
        title: input.title,
        dueDate,
        repeat,
        createdOn: today,
      });
      return presentGoal(goal, [], today);
    },

    async updateGoal(actor: Actor, id: string, input: GoalUpdate) {
      const goal = await ownGoal(actor, id);
      const today = todayIn(await zoneOf(actor.memberId), now());
      const repeat = input.repeat ?? goal.repeat;
      const dueDate = input.dueDate === undefined ? goal.dueDate : input.dueDate;
      if (repeat === "none" && !dueDate) {
        throw new Invalid("A one-off goal needs a due date (or choose a repeat).", "dueDate");
      }
      if (input.dueDate && input.dueDate < today) throw new Invalid("Choose a due date from today on.", "dueDate");
      const saved = await store.updateGoal(db, goal.id, { title: input.title, dueDate, repeat });
      return presentGoal(saved, await store.recordsOf(db, [goal.id]), today);
    },

    async deleteGoal(actor: Actor, id: string) {
      await store.deleteGoal(db, (await ownGoal(actor, id)).id);
    },

    /** Done or missed for the period a day falls in (today by default). A miss is told to partners. */
    async recordGoal(actor: Actor, id: string, input: GoalRecordInput) {
      const goal = await ownGoal(actor, id);
      const today = todayIn(await zoneOf(actor.memberId), now());
      const date = input.date ?? today;
      if (date > today) throw new Invalid("That day hasn't come yet. Choose today or an earlier day.", "date");
      const period = periodOf(goal, date);
      const before = (await store.recordsOf(db, [goal.id])).find((r) => r.period === period);
      await store.saveRecord(db, { goalId: goal.id, period, status: input.status });
      if (input.status === "missed" && before?.status !== "missed") await partners.tellGoalMissed(goal);
      return presentGoal(goal, await store.recordsOf(db, [goal.id]), today);
    },

    // ─── Plan ───
    async plan(actor: Actor) {
      return presentPlan(await store.plan(db, actor.memberId));
    },

    async savePlan(actor: Actor, input: PlanInput) {
      const parsed = input as Required<PlanInput>;
      return presentPlan(
        await store.savePlan(db, actor.memberId, {
          triggers: parsed.triggers,
          warningSigns: parsed.warningSigns,
          copingStrategies: parsed.copingStrategies,
          people: parsed.people.map((p) => ({ name: p.name, phone: p.phone ?? "", note: p.note ?? "" })),
          reasons: parsed.reasons,
        }),
      );
    },

    /** "I'm struggling": the plan at once, and a notice to each partner the member chose for it. */
    async struggling(actor: Actor) {
      const plan = presentPlan(await store.plan(db, actor.memberId));
      const notified = await partners.tellStruggling(actor);
      return { plan, notified };
    },

    // ─── Daily pass ───
    /**
     * Hourly, on every node (idempotent: each insert happens once): record milestones that runs
     * reached and tell partners, and mark goal periods that closed unmarked as missed.
     */
    async dailyPass() {
      const runs = await store.openRuns(db);
      const known = await store.milestonesOf(
        db,
        runs.map((r) => r.attempt.id),
      );
      for (const { attempt, journey } of runs) {
        await syncMilestones(journey, attempt, known, todayIn(journey.timeZone, now()));
      }
      for (const { goal, settingsZone, profileZone } of await store.allGoalsWithZones(db)) {
        const period = closedPeriod(goal, todayIn(settingsZone ?? profileZone ?? "UTC", now()));
        if (period && (await store.markMissed(db, goal.id, period))) await partners.tellGoalMissed(goal);
      }
    },
  };
}

export type ProgressService = ReturnType<typeof createProgressService>;
