import { TZDate, tzOffset } from "@date-fns/tz";

/** Minutes in a week; finder slots keep their start as minutes after Sunday 00:00 UTC. */
export const WEEK_MINUTES = 7 * 1440;
const DEFAULT_DURATION = 60;

/** What the time logic needs of a meeting. Times are local to `timeZone`. */
export type When = {
  days: number[];
  onDate: string | null;
  startTime: string;
  endTime: string | null;
  timeZone: string;
};

export type Slot = {
  day: number;
  startMinute: number;
  durationMinutes: number;
  utcOffsetMinutes: number;
  weekStartUtc: number;
  onDate: string | null;
};

const mod = (n: number, m: number) => ((n % m) + m) % m;
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Length of a meeting; an end before the start runs past midnight; no end means an hour. */
export function durationOf(when: Pick<When, "startTime" | "endTime">) {
  if (!when.endTime) return DEFAULT_DURATION;
  const length = mod(minutesOf(when.endTime) - minutesOf(when.startTime), 1440);
  return length === 0 ? 1440 : length;
}

/** A zone's offset from UTC in minutes at an instant (London in summer: 60). */
export const offsetAt = (timeZone: string, at: Date) => tzOffset(timeZone, at);

/** The local calendar date (YYYY-MM-DD) and weekday of an instant in a zone. */
export function localDate(timeZone: string, at: Date) {
  const local = new TZDate(at.getTime(), timeZone);
  const iso = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}-${String(local.getDate()).padStart(2, "0")}`;
  return { date: iso, day: local.getDay(), minute: local.getHours() * 60 + local.getMinutes() };
}

/**
 * The instant a local date and time happen in a zone. In a spring-forward gap it is the moment after
 * the gap (02:30 that never was is 03:30); a time that happens twice when clocks fall back is its
 * first occurrence (as RFC 5545 reads it), the same in every zone.
 */
export function instantOf(date: string, hhmm: string, timeZone: string) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutesOf(hhmm) * 60_000;
  // A zone changes its clocks at most once around a given day: the offsets a day before and after cover it.
  const before = offsetAt(timeZone, new Date(wall - 86_400_000));
  const after = offsetAt(timeZone, new Date(wall + 86_400_000));
  const fits = [before, after]
    .map((offset) => wall - offset * 60_000)
    .filter((t) => offsetAt(timeZone, new Date(t)) * 60_000 === wall - t);
  return new Date(fits.length > 0 ? Math.min(...fits) : wall - before * 60_000);
}

const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Finder rows of a meeting, with the zone's offset as it is `now` (a job refreshes them when clocks change). */
export function slotsOf(when: When, now = new Date()): Slot[] {
  const startMinute = minutesOf(when.startTime);
  const durationMinutes = durationOf(when);
  if (when.onDate) {
    const utcOffsetMinutes = offsetAt(when.timeZone, instantOf(when.onDate, when.startTime, when.timeZone));
    const day = weekdayOf(when.onDate);
    const weekStartUtc = mod(day * 1440 + startMinute - utcOffsetMinutes, WEEK_MINUTES);
    return [{ day, startMinute, durationMinutes, utcOffsetMinutes, weekStartUtc, onDate: when.onDate }];
  }
  const utcOffsetMinutes = offsetAt(when.timeZone, now);
  return [...new Set(when.days)].map((day) => ({
    day,
    startMinute,
    durationMinutes,
    utcOffsetMinutes,
    weekStartUtc: mod(day * 1440 + startMinute - utcOffsetMinutes, WEEK_MINUTES),
    onDate: null,
  }));
}

/** Minutes after Sunday 00:00 UTC of an instant. */
export const weekMinuteOf = (at: Date) => at.getUTCDay() * 1440 + at.getUTCHours() * 60 + at.getUTCMinutes();

/**
 * The next start of a meeting at or after `from` on one weekday (or any of its days), as an instant.
 * A meeting in progress counts as starting now-ish: its current occurrence is returned. One-off
 * meetings that are over return null.
 */
export function nextStartOf(when: When, from = new Date(), onlyDay?: number): Date | null {
  const duration = durationOf(when) * 60_000;
  if (when.onDate) {
    const start = instantOf(when.onDate, when.startTime, when.timeZone);
    return start.getTime() + duration > from.getTime() ? start : null;
  }
  const today = localDate(when.timeZone, from).date;
  const days = onlyDay === undefined ? when.days : [onlyDay];
  for (let k = -1; k <= 8; k++) {
    const date = addDays(today, k);
    if (!days.includes(weekdayOf(date))) continue;
    const start = instantOf(date, when.startTime, when.timeZone);
    if (start.getTime() + duration > from.getTime()) return start;
  }
  return null;
}

/** Is the meeting running at `at`? */
export function inProgressAt(when: When, at = new Date(), onlyDay?: number) {
  const start = nextStartOf(when, at, onlyDay);
  return start !== null && start.getTime() <= at.getTime();
}

/** The local dates of the next `count` occurrences (for RSVP choices). */
export function upcomingDates(when: When, count: number, from = new Date()): string[] {
  if (when.onDate) return nextStartOf(when, from) ? [when.onDate] : [];
  const dates: string[] = [];
  let cursor = from;
  while (dates.length < count) {
    const next = nextStartOf(when, cursor);
    if (!next) break;
    dates.push(localDate(when.timeZone, next).date);
    cursor = new Date(next.getTime() + durationOf(when) * 60_000 + 60_000);
  }
  return dates;
}

/** Is `date` (local YYYY-MM-DD) a day on which this meeting happens? */
export const occursOn = (when: When, date: string) =>
  when.onDate ? when.onDate === date : when.days.includes(weekdayOf(date));
