import { getTypesForLanguage } from "@code4recovery/spec";
import { TZDate } from "@date-fns/tz";
import ical, { ICalEventRepeatingFreq, ICalEventStatus, ICalWeekday } from "ical-generator";
import { tzlib_get_ical_block } from "timezones-ical-library";
import { durationOf, localDate, minutesOf, weekdayOf } from "../meetings/schedule.ts";
import type { FeedMeetingRow } from "./store.ts";

/** A meeting as a calendar shows it, with whether this calendar may carry its conference link. */
export type CalendarMeeting = FeedMeetingRow & { showLink: boolean };

const WEEKDAYS = [
  ICalWeekday.SU,
  ICalWeekday.MO,
  ICalWeekday.TU,
  ICalWeekday.WE,
  ICalWeekday.TH,
  ICalWeekday.FR,
  ICalWeekday.SA,
] as const;
const TYPE_NAMES: Record<string, string> = getTypesForLanguage("en");
const REFRESH_SECONDS = 3 * 3600;

const knownTzids = new Map<string, string | null>();
/**
 * The TZID our VTIMEZONE source (timezones-ical-library) uses for a zone: it resolves aliases
 * (UTC → Etc/UTC, Asia/Calcutta → Asia/Kolkata), and the event must name the same TZID as the block.
 * Null when it doesn't know the zone; such events are written in UTC.
 */
export function tzidFor(timeZone: string): string | null {
  if (knownTzids.has(timeZone)) return knownTzids.get(timeZone) ?? null;
  let tzid: string | null = null;
  const block = tzlib_get_ical_block(timeZone);
  if (Array.isArray(block) && typeof block[1] === "string" && block[1].startsWith("TZID=")) {
    const candidate = block[1].slice(5);
    try {
      new Intl.DateTimeFormat("en", { timeZone: candidate });
      tzid = candidate;
    } catch {
      tzid = null;
    }
  }
  knownTzids.set(timeZone, tzid);
  return tzid;
}

const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/**
 * The first occurrence of a meeting: its date, or for a weekly meeting the first of its weekdays on
 * or after the day it was listed. Anchoring on the listing date keeps DTSTART (and so every
 * subscriber's copy) stable from one fetch to the next.
 */
export function firstDateOf(m: Pick<FeedMeetingRow, "days" | "onDate" | "timeZone" | "createdAt">) {
  if (m.onDate) return m.onDate;
  const anchor = localDate(m.timeZone, m.createdAt).date;
  for (let k = 0; k < 7; k++) {
    const date = addDays(anchor, k);
    if (m.days.includes(weekdayOf(date))) return date;
  }
  return anchor;
}

function describe(m: CalendarMeeting, pageUrl: string) {
  const lines: string[] = [];
  if (m.temporarilyClosed) lines.push("This meeting is temporarily closed.");
  if (m.notes) lines.push(m.notes);
  const where = [m.locationName, m.formattedAddress].filter(Boolean).join(", ");
  if (m.mode !== "online" && where) lines.push(`Where: ${where}`);
  if (m.mode !== "online" && m.locationNotes) lines.push(m.locationNotes);
  if (m.mode !== "in_person") {
    if (m.showLink) {
      if (m.conferenceUrl) lines.push(`Join online: ${m.conferenceUrl}`);
      if (m.conferencePhone) lines.push(`Join by phone: ${m.conferencePhone}`);
      if (m.conferenceNotes) lines.push(m.conferenceNotes);
    } else if (m.conferenceUrl || m.conferencePhone) {
      lines.push("How to join online is on the meeting's page.");
    }
  }
  const types = m.types.map((code) => TYPE_NAMES[code] ?? code);
  if (types.length > 0) lines.push(`Types: ${types.join(", ")}`);
  lines.push(`Group: ${m.groupName}`);
  lines.push(`Times are in ${m.timeZone}.`);
  lines.push(pageUrl);
  return lines.join("\n");
}

function locationOf(m: CalendarMeeting) {
  if (m.mode === "online") return "Online";
  const title = m.locationName || m.formattedAddress || "In person";
  const address = m.locationName && m.formattedAddress ? m.formattedAddress : undefined;
  const label = m.mode === "hybrid" ? `${title} (and online)` : title;
  if (m.latitude !== null && m.longitude !== null)
    return { title: label, address, geo: { lat: m.latitude, lon: m.longitude } };
  return address ? `${label}, ${address}` : label;
}

/**
 * An RFC 5545 calendar of meetings: a VEVENT per meeting with a stable UID, weekly meetings as
 * `RRULE:FREQ=WEEKLY;BYDAY=…` with local `DTSTART;TZID=…`, and a VTIMEZONE for every zone used
 * (ical-generator writes CRLF and folds lines at 75 octets).
 */
export function buildCalendar(opts: {
  name: string;
  description: string;
  meetings: CalendarMeeting[];
  publicUrl: URL;
  now?: Date;
}) {
  const now = opts.now ?? new Date();
  const calendar = ical({
    prodId: { company: "Kinship", product: "Meetings", language: "EN" },
    name: opts.name,
    description: opts.description,
    ttl: REFRESH_SECONDS,
  });
  calendar.timezone({
    name: null,
    generator: (tz) => {
      const block = tzlib_get_ical_block(tz);
      return Array.isArray(block) ? (block[0] ?? null) : null;
    },
  });

  for (const m of opts.meetings) {
    const tzid = tzidFor(m.timeZone);
    const date = firstDateOf(m);
    const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
    const minutes = minutesOf(m.startTime);
    // A TZDate carries the meeting's zone, so ical-generator writes the local wall-clock time.
    const start = new TZDate(y, mo - 1, d, Math.floor(minutes / 60), minutes % 60, m.timeZone);
    const end = new TZDate(start.getTime() + durationOf(m) * 60_000, m.timeZone);
    const pageUrl = new URL(`/meetings/${encodeURIComponent(m.slug)}`, opts.publicUrl).toString();
    calendar.createEvent({
      id: `${m.id}@${opts.publicUrl.host}`,
      stamp: now,
      lastModified: m.updatedAt,
      created: m.createdAt,
      start: tzid ? start.withTimeZone(tzid) : new Date(start.getTime()),
      end: tzid ? end.withTimeZone(tzid) : new Date(end.getTime()),
      timezone: tzid,
      repeating: m.onDate
        ? null
        : {
            freq: ICalEventRepeatingFreq.WEEKLY,
            byDay: [...new Set(m.days)].sort().map((day) => WEEKDAYS[day] as ICalWeekday),
          },
      summary: m.temporarilyClosed ? `${m.name} (temporarily closed)` : m.name,
      description: describe(m, pageUrl),
      location: locationOf(m),
      url: pageUrl,
      status: m.temporarilyClosed ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
