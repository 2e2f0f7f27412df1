import { tzOffset } from "@date-fns/tz";

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

// Asking Intl for an offset costs ~10 µs, and the finder asks a few hundred times per page. Offsets
// are remembered per zone and quarter hour (clocks change on a quarter hour); a quarter hour whose two
// ends disagree holds a change and is asked about exactly, every time.
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/** A zone's offset from UTC in minutes at an instant (London in summer: 60). */
export function offsetAt(timeZone: string, at: Date): number {
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR);
  const key = `${timeZone}@${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = tzOffset(timeZone, new Date(quarter * QUARTER_HOUR));
    const last = tzOffset(timeZone, new Date((quarter + 1) * QUARTER_HOUR - 1));
    offset = first === last ? first : Number.NaN;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return Number.isNaN(offset) ? tzOffset(timeZone, at) : offset;
}

/** The local calendar date (YYYY-MM-DD) and weekday of an instant in a zone. */
export function localDate(timeZone: string, at: Date) {
  const local = new Date(at.getTime() + offsetAt(timeZone, at) * 60_000);
  return {
    date: local.toISOString().slice(0, 10),
    day: local.getUTCDay(),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a `YYYY-MM-DD` date, and back. */
const epochDayOf = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
/** 1970-01-01 was a Thursday. */
const weekdayOfEpochDay = (n: number) => mod(n + 4, 7);

function instantAt(epochDay: number, minutes: number, timeZone: string) {
  const wall = epochDay * DAY_MS + minutes * 60_000;
  // A zone changes its clocks at most once around a given day: the offsets a day before and after cover it.
  const before = offsetAt(timeZone, new Date(wall - DAY_MS));
  const after = offsetAt(timeZone, new Date(wall + DAY_MS));
  let fit = Number.POSITIVE_INFINITY;
  for (const offset of before === after ? [before] : [before, after]) {
    const t = wall - offset * 60_000;
    if (offsetAt(timeZone, new Date(t)) === offset && t < fit) fit = t;
  }
  return new Date(Number.isFinite(fit) ? fit : wall - before * 60_000);
}

/**
 * The instant a local date and time happen in a zone. In a spring-forward gap it is the moment after
 * the gap (02:30 that never was is 03:30); a time that happens twice when clocks fall back is its
 * first occurrence (as RFC 5545 reads it), the same in every zone.
 */
export const instantOf = (date: string, hhmm: string, timeZone: string) =>
  instantAt(epochDayOf(date), minutesOf(hhmm), timeZone);

export const weekdayOf = (date: string) => weekdayOfEpochDay(epochDayOf(date));

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
  const today = Math.floor((from.getTime() + offsetAt(when.timeZone, from) * 60_000) / DAY_MS);
  const days = onlyDay === undefined ? when.days : [onlyDay];
  const startMinute = minutesOf(when.startTime);
  for (let n = today - 1; n <= today + 8; n++) {
    if (!days.includes(weekdayOfEpochDay(n))) continue;
    const start = instantAt(n, startMinute, when.timeZone);
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
