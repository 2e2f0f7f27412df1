/*
 * Time-zone arithmetic for the directory, with nothing but Intl. A meeting is local time + IANA zone;
 * people read it in their own zone. Mirrors server/src/features/meetings/schedule.ts so the page and
 * the API agree on "next start" and on which dates someone can say they're going.
 */

/** What the time logic needs of a meeting. Times are local to `timeZone`. */
export type When = {
  days: number[];
  onDate: string | null;
  startTime: string;
  endTime: string | null;
  timeZone: string;
};

const DEFAULT_DURATION = 60;
const mod = (n: number, m: number) => ((n % m) + m) % m;
const pad = (n: number) => String(n).padStart(2, "0");
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string) {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The wall clock of an instant in a zone. */
function wallClock(timeZone: string, at: Date) {
  const parts: Record<string, string> = {};
  for (const part of partsFormat(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? "Sun"),
  };
}

/** Is this a zone the browser knows? */
export function isTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A zone's offset from UTC in minutes at an instant (London in summer: 60). */
export function offsetAt(timeZone: string, at: Date) {
  const c = wallClock(timeZone, at);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The local calendar date (YYYY-MM-DD), weekday and minute of the day of an instant in a zone. */
export function localDate(timeZone: string, at: Date) {
  const c = wallClock(timeZone, at);
  return { date: `${c.year}-${pad(c.month)}-${pad(c.day)}`, day: c.weekday, minute: c.hour * 60 + c.minute };
}

/** The instant a local date and time happen in a zone (in a spring-forward gap, the moment after it). */
export function instantOf(date: string, hhmm: string, timeZone: string) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const minutes = minutesOf(hhmm);
  const naive = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  const first = offsetAt(timeZone, new Date(naive));
  let guess = naive - first * 60_000;
  const second = offsetAt(timeZone, new Date(guess));
  if (second !== first) guess = naive - second * 60_000;
  // In a gap neither offset lands on the asked time; the later instant is the moment after the gap.
  if (localDate(timeZone, new Date(guess)).minute !== minutes)
    guess = Math.max(naive - first * 60_000, naive - second * 60_000);
  return new Date(guess);
}

const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Length of a meeting in minutes; an end before the start runs past midnight; no end means an hour. */
export function durationOf(when: Pick<When, "startTime" | "endTime">) {
  if (!when.endTime) return DEFAULT_DURATION;
  const length = mod(minutesOf(when.endTime) - minutesOf(when.startTime), 1440);
  return length === 0 ? 1440 : length;
}

/** The next start at or after `from` (a meeting in progress counts: its current start); null when over. */
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

/** The local dates (in the meeting's zone) of the next `count` occurrences: the choices for "I'm going". */
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

/** The zone this browser runs in. */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** Every zone the browser knows, for pickers (a short list if it can't say). */
export function allTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? [];
  return zones.length > 0 ? zones : ["UTC", "Europe/London", "America/New_York", "America/Mexico_City"];
}

/**
 * Zone cities whose Spanish name differs from the English one. Intl can name a zone ("hora de Reino
 * Unido") but not its city, so the cities of the demo's and the most travelled zones are written here.
 */
const SPANISH_CITIES: Record<string, string> = {
  London: "Londres",
  Dublin: "Dublín",
  Lisbon: "Lisboa",
  Paris: "París",
  Brussels: "Bruselas",
  Amsterdam: "Ámsterdam",
  Berlin: "Berlín",
  Rome: "Roma",
  Zurich: "Zúrich",
  Vienna: "Viena",
  Prague: "Praga",
  Warsaw: "Varsovia",
  Stockholm: "Estocolmo",
  Copenhagen: "Copenhague",
  Athens: "Atenas",
  Moscow: "Moscú",
  Istanbul: "Estambul",
  Canary: "Canarias",
  New_York: "Nueva York",
  Los_Angeles: "Los Ángeles",
  Mexico_City: "Ciudad de México",
  Cancun: "Cancún",
  Mazatlan: "Mazatlán",
  Merida: "Mérida",
  Bogota: "Bogotá",
  Havana: "La Habana",
  Panama: "Panamá",
  Asuncion: "Asunción",
  Sao_Paulo: "São Paulo",
  Tokyo: "Tokio",
  Sydney: "Sídney",
};

/** "Europe/London" → "London" ("Londres" in Spanish), "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(timeZone: string, language = "en") {
  const last = timeZone.split("/").pop() ?? timeZone;
  return (language.startsWith("es") ? SPANISH_CITIES[last] : undefined) ?? last.replace(/_/g, " ");
}

/** The zone's name in the reader's language as Intl says it ("United Kingdom Time", "hora oriental"), else its id. */
export function zoneName(timeZone: string, language = "en") {
  try {
    const parts = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: "longGeneric" }).formatToParts();
    return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** Do two zones show the same wall clock at this instant? */
export const sameClock = (a: string, b: string, at: Date) => a === b || offsetAt(a, at) === offsetAt(b, at);

/** A `HH:MM` local time as the reader's language writes it ("7:00 pm", "19:00"). */
export function clockText(hhmm: string, language: string) {
  const minutes = minutesOf(hhmm);
  return new Intl.DateTimeFormat(language, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, 7, Math.floor(minutes / 60), minutes % 60)),
  );
}

/** Weekday names in the reader's language, Sunday first (0 = Sunday, as in the Meeting Guide format). */
export function weekdayNames(language: string, width: "long" | "short" = "long") {
  const format = new Intl.DateTimeFormat(language, { weekday: width, timeZone: "UTC" });
  // 2024-01-07 was a Sunday.
  return Array.from({ length: 7 }, (_, d) => format.format(new Date(Date.UTC(2024, 0, 7 + d))));
}

/** A local date (YYYY-MM-DD) written out in the reader's language: "Monday 24 November". */
export function dateText(date: string, language: string, withYear = false) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: withYear ? "numeric" : undefined,
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

const formats = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(language: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

/** An instant as a weekday and clock time in a zone: "Mon 2:00 pm". */
export const weekdayTime = (at: Date, timeZone: string, language: string) =>
  cachedFormat(language, timeZone, { weekday: "short", hour: "numeric", minute: "2-digit" }).format(at);

/** An instant as a clock time in a zone: "2:00 pm". */
export const timeOnly = (at: Date, timeZone: string, language: string) =>
  cachedFormat(language, timeZone, { hour: "numeric", minute: "2-digit" }).format(at);

/** An instant as a full date and time in a zone: "Monday 24 November, 2:00 pm". */
export const dateTime = (at: Date, timeZone: string, language: string) =>
  cachedFormat(language, timeZone, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "numeric",
    minute: "2-digit",
  }).format(at);

/** "in 3 hours", "in 20 minutes", "tomorrow": how far away a start is, in the reader's language. */
export function fromNow(at: Date, language: string, now = new Date()) {
  const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  if (Math.abs(minutes) < 60) return format.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, "hour");
  return format.format(Math.round(hours / 24), "day");
}
