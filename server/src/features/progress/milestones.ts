/*
 * Pure day arithmetic for recovery journeys. Every date here is a calendar day (YYYY-MM-DD) as the
 * member lives it in their own time zone; counting calendar days (never 24-hour blocks) is what keeps
 * a daylight-saving change from adding or taking away a day.
 */

export type LocalDate = string;

const DAY_MS = 86_400_000;
const utcOf = (date: LocalDate) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Today's date in a time zone at an instant. */
export function todayIn(timeZone: string, now = new Date()): LocalDate {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate) => Math.round((utcOf(to) - utcOf(from)) / DAY_MS);

export const addDays = (date: LocalDate, days: number): LocalDate => isoOf(utcOf(date) + days * DAY_MS);

/** The same day `months` later; a day the month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return isoOf(target.getTime());
}

/** The Monday of the week a date falls in (weeks start on Monday, as ISO 8601 has it). */
export function mondayOf(date: LocalDate): LocalDate {
  const weekday = new Date(utcOf(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

type Step = { id: string; days?: number; months?: number };

// 24 hours, 30/60/90 days, 6 and 9 months, 1 year, 18 months; yearly after that.
const FIXED: Step[] = [
  { id: "1d", days: 1 },
  { id: "30d", days: 30 },
  { id: "60d", days: 60 },
  { id: "90d", days: 90 },
  { id: "6m", months: 6 },
  { id: "9m", months: 9 },
  { id: "1y", months: 12 },
  { id: "18m", months: 18 },
];
const MAX_YEARS = 99;

function* steps(): Generator<Step> {
  yield* FIXED;
  for (let years = 2; years <= MAX_YEARS; years++) yield { id: `${years}y`, months: 12 * years };
}

const dateOf = (start: LocalDate, step: Step) =>
  step.days !== undefined ? addDays(start, step.days) : addMonths(start, step.months ?? 0);

export type MilestoneOn = { id: string; on: LocalDate };

/** Every milestone a run that started on `start` has reached by `today`, oldest first. */
export function reachedMilestones(start: LocalDate, today: LocalDate): MilestoneOn[] {
  const reached: MilestoneOn[] = [];
  for (const step of steps()) {
    const on = dateOf(start, step);
    if (on > today) break;
    reached.push({ id: step.id, on });
  }
  return reached;
}

/** The next milestone after `today` and how many days until it. */
export function nextMilestone(start: LocalDate, today: LocalDate): MilestoneOn & { daysToGo: number } {
  for (const step of steps()) {
    const on = dateOf(start, step);
    if (on > today) return { id: step.id, on, daysToGo: daysBetween(today, on) };
  }
  const on = addMonths(start, 12 * (MAX_YEARS + 1));
  return { id: `${MAX_YEARS}y`, on, daysToGo: Math.max(1, daysBetween(today, on)) };
}

/** The date a milestone falls on for a run, or null if the id is not a milestone. */
export function milestoneDate(start: LocalDate, id: string): LocalDate | null {
  for (const step of steps()) if (step.id === id) return dateOf(start, step);
  return null;
}

export type Run = { startDate: LocalDate; endDate: LocalDate | null };

/** Days of one run: to its slip, or to today for the current one. */
export const runDays = (run: Run, today: LocalDate) => Math.max(0, daysBetween(run.startDate, run.endDate ?? today));

/** How many of the latest slips the average looks back over. */
export const AVERAGE_OVER = 5;

/**
 * Totals that make a slip look like what it is, a moment in a longer story: every day of every run,
 * the longest run, and the average length of the last few runs that ended in a slip.
 */
export function journeyTotals(runs: Run[], today: LocalDate) {
  const ordered = [...runs].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const lengths = ordered.map((run) => runDays(run, today));
  const ended = ordered.filter((run) => run.endDate !== null);
  const recent = ended.slice(-AVERAGE_OVER).map((run) => runDays(run, today));
  return {
    totalDays: lengths.reduce((sum, n) => sum + n, 0),
    longestRunDays: lengths.reduce((max, n) => Math.max(max, n), 0),
    slips: ended.length,
    averageDaysBetweenSlips:
      recent.length === 0 ? null : Math.round((recent.reduce((sum, n) => sum + n, 0) / recent.length) * 10) / 10,
  };
}

export type Repeat = "none" | "daily" | "weekly";

/** The period a goal is in on a date: its due date (one-off), the day (daily), or the week's Monday. */
export function periodOf(goal: { repeat: Repeat; dueDate: LocalDate | null }, date: LocalDate): LocalDate {
  if (goal.repeat === "daily") return date;
  if (goal.repeat === "weekly") return mondayOf(date);
  return goal.dueDate ?? date;
}

/**
 * The period that has just closed unmarked and should now count as missed, if any: a one-off goal
 * whose due date has passed, yesterday for a daily goal, last week for a weekly one. Never a period
 * before the goal was set (a new goal never starts with a miss), nor after a repeating goal's end date.
 */
export function closedPeriod(
  goal: { repeat: Repeat; dueDate: LocalDate | null; createdOn: LocalDate },
  today: LocalDate,
): LocalDate | null {
  if (goal.repeat === "none") return goal.dueDate && goal.dueDate < today ? goal.dueDate : null;
  const previous = goal.repeat === "daily" ? addDays(today, -1) : addDays(mondayOf(today), -7);
  const firstPeriod = periodOf(goal, goal.createdOn);
  // A repeating goal with a date runs until then: no period after it is ever missed.
  const lastPeriod = goal.dueDate ? periodOf(goal, goal.dueDate) : null;
  if (lastPeriod && previous > lastPeriod) return null;
  return previous >= firstPeriod ? previous : null;
}

/** Periods in a row marked done, counting back from the current period (which may still be open). */
export function goalStreak(
  goal: { repeat: Repeat },
  records: { period: LocalDate; status: "done" | "missed" }[],
  currentPeriod: LocalDate,
): number | null {
  if (goal.repeat === "none") return null;
  const done = new Set(records.filter((r) => r.status === "done").map((r) => r.period));
  const step = goal.repeat === "daily" ? 1 : 7;
  let cursor = done.has(currentPeriod) ? currentPeriod : addDays(currentPeriod, -step);
  let streak = 0;
  while (done.has(cursor)) {
    streak++;
    cursor = addDays(cursor, -step);
  }
  return streak;
}
