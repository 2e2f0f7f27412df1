import { type MeetingFields, type MeetingUpdate, meetingProblems } from "@kinship/contracts/directory";
import { Invalid } from "../../platform/errors.ts";
import { durationOf, instantOf, localDate, occursOn, type When } from "./schedule.ts";
import type { MeetingRow } from "./store.ts";

/** How far ahead a member can say they are going. */
export const RSVP_DAYS_AHEAD = 60;

/** The editable fields of a stored meeting, in the shape the contracts validate. */
export function fieldsOf(row: MeetingRow): MeetingFields {
  return {
    name: row.name,
    notes: row.notes,
    audience: row.audience,
    mode: row.mode,
    days: row.days,
    onDate: row.onDate,
    startTime: row.startTime,
    endTime: row.endTime,
    timeZone: row.timeZone,
    locationName: row.locationName,
    formattedAddress: row.formattedAddress,
    region: row.region,
    latitude: row.latitude,
    longitude: row.longitude,
    locationNotes: row.locationNotes,
    conferenceUrl: row.conferenceUrl,
    conferencePhone: row.conferencePhone,
    conferenceNotes: row.conferenceNotes,
    linkAudience: row.linkAudience,
    types: row.types as MeetingFields["types"],
    languages: row.languages,
    temporarilyClosed: row.temporarilyClosed,
  };
}

export const whenOf = (row: Pick<MeetingRow, "days" | "onDate" | "startTime" | "endTime" | "timeZone">): When => ({
  days: row.days,
  onDate: row.onDate,
  startTime: row.startTime,
  endTime: row.endTime,
  timeZone: row.timeZone,
});

/**
 * The stored meeting with a change applied, checked against the rules across fields; the first
 * broken rule becomes a 400 naming its field, before anything is written.
 */
export function applyChanges(current: MeetingFields, changes: MeetingUpdate): MeetingFields {
  const merged: MeetingFields = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    if (value !== undefined) Object.assign(merged, { [field]: value });
  }
  // Switching between weekly and one-off: the other half of the schedule goes away.
  if (changes.onDate && changes.days === undefined) merged.days = [];
  if (changes.days && changes.days.length > 0 && changes.onDate === undefined) merged.onDate = null;
  const [problem] = meetingProblems(merged);
  if (problem) throw new Invalid(problem.message, problem.path);
  return merged;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a suggestion would change: one entry per proposed field with the current and the proposed
 * value. `onlyChanged` leaves out fields already at the proposed value.
 */
export function diffOf(
  current: MeetingFields,
  changes: MeetingUpdate,
  { onlyChanged = true, hidden = new Set<string>() }: { onlyChanged?: boolean; hidden?: Set<string> } = {},
) {
  const diff: { field: string; from: unknown; to: unknown }[] = [];
  for (const [field, to] of Object.entries(changes)) {
    if (to === undefined) continue;
    const from = current[field as keyof MeetingFields];
    if (onlyChanged && same(from, to)) continue;
    diff.push({ field, from: hidden.has(field) ? null : from, to });
  }
  return diff;
}

/** The fields that carry the way into an online meeting. */
export const LINK_FIELDS = new Set(["conferenceUrl", "conferencePhone", "conferenceNotes"]);

const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/** An RSVP must name a day the meeting happens, whose meeting has not ended, at most 60 days ahead. */
export function checkRsvpDate(when: When, date: string, now: Date) {
  if (!occursOn(when, date)) throw new Invalid("This meeting doesn't happen on that day.", "occursOn");
  const end = instantOf(date, when.startTime, when.timeZone).getTime() + durationOf(when) * 60_000;
  if (end <= now.getTime()) throw new Invalid("That meeting has already happened.", "occursOn");
  const today = localDate(when.timeZone, now).date;
  if (date > addDays(today, RSVP_DAYS_AHEAD))
    throw new Invalid(`You can say you're going up to ${RSVP_DAYS_AHEAD} days ahead.`, "occursOn");
}
