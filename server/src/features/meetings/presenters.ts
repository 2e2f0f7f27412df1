import type { FinderItem, GroupFocus, GroupFormat, Meeting, Suggestion } from "@kinship/contracts/directory";
import type { FinderRow } from "./finder.ts";
import type { GroupOfMeeting, SuggestionRow } from "./queries.ts";
import { instantOf, nextStartOf, offsetAt } from "./schedule.ts";
import type { MeetingRow } from "./store.ts";

/** What the viewer is allowed and has done, decided by the service before presenting. */
export type MeetingView = {
  heldBack: "signed_in" | "admitted" | null;
  going: { count: number; viewerDates: string[] };
  follows: boolean;
  canManage: boolean;
  nextStart: Date | null;
};

/**
 * A meeting as this viewer may see it. The conference link, phone and notes (which often hold a
 * passcode) are left out unless the viewer may have them; who else is going is never included.
 */
export function presentMeeting(
  m: MeetingRow,
  group: GroupOfMeeting,
  organisationName: string,
  view: MeetingView,
): Meeting {
  const open = view.heldBack === null;
  return {
    id: m.id,
    slug: m.slug,
    groupId: group.id,
    groupName: group.name,
    organisationName,
    focus: group.focus as GroupFocus,
    format: group.format as GroupFormat,
    name: m.name,
    notes: m.notes,
    audience: m.audience,
    mode: m.mode,
    days: m.days,
    onDate: m.onDate,
    startTime: m.startTime,
    endTime: m.endTime,
    timeZone: m.timeZone,
    locationName: m.locationName,
    formattedAddress: m.formattedAddress,
    region: m.region,
    latitude: m.latitude,
    longitude: m.longitude,
    locationNotes: m.locationNotes,
    linkAudience: m.linkAudience,
    access: {
      conferenceUrl: open ? m.conferenceUrl : null,
      conferencePhone: open ? m.conferencePhone : null,
      conferenceNotes: open ? m.conferenceNotes : "",
      hiddenUntil: view.heldBack,
    },
    types: m.types,
    languages: m.languages,
    temporarilyClosed: m.temporarilyClosed,
    nextStart: view.nextStart?.toISOString() ?? null,
    updatedAt: m.updatedAt.toISOString(),
    going: view.going,
    viewer: { follows: view.follows, canManage: view.canManage },
  };
}

/** The listing fields shared by a finder row and a schedule entry; never a link or a phone. */
function listing(
  m: Pick<
    MeetingRow,
    | "id"
    | "slug"
    | "name"
    | "endTime"
    | "timeZone"
    | "onDate"
    | "mode"
    | "locationName"
    | "formattedAddress"
    | "region"
    | "latitude"
    | "longitude"
    | "types"
    | "languages"
    | "temporarilyClosed"
  >,
  group: { id: string; name: string; focus: string; format: string },
) {
  return {
    id: m.id,
    slug: m.slug,
    name: m.name,
    endTime: m.endTime,
    timezone: m.timeZone,
    onDate: m.onDate,
    mode: m.mode,
    groupId: group.id,
    groupName: group.name,
    focus: group.focus as GroupFocus,
    format: group.format as GroupFormat,
    locationName: m.locationName,
    formattedAddress: m.formattedAddress,
    region: m.region,
    latitude: m.latitude,
    longitude: m.longitude,
    types: m.types,
    languages: m.languages,
    temporarilyClosed: m.temporarilyClosed,
  };
}

/**
 * The next start of a finder row. The query already counted the minutes to it with the zone's offset
 * as it is now; that is exact unless the clocks change before then, which the offset at that instant
 * shows, and then the schedule works it out in full.
 */
function nextStartOfRow(row: FinderRow, now: Date) {
  const counted = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + row.until * 60_000);
  if (offsetAt(row.timeZone, counted) === row.utcOffset) return counted;
  const when = { ...row, days: [row.day] };
  return nextStartOf(when, now, row.day) ?? instantOf(row.onDate ?? "1970-01-01", row.startTime, row.timeZone);
}

/**
 * One finder row: one meeting on one weekday, its time in its own zone, its next start as an instant.
 * Written out field by field: it runs for every row of every search, and spreading objects costs more.
 */
export function presentFinderItem(row: FinderRow, now: Date): FinderItem {
  const next = nextStartOfRow(row, now);
  const item: FinderItem = {
    id: row.id,
    slug: row.slug,
    name: row.name,
    day: row.day,
    time: row.startTime,
    endTime: row.endTime,
    timezone: row.timeZone,
    onDate: row.onDate,
    mode: row.mode,
    groupId: row.groupId,
    groupName: row.groupName,
    focus: row.focus,
    format: row.format,
    locationName: row.locationName,
    formattedAddress: row.formattedAddress,
    region: row.region,
    latitude: row.latitude,
    longitude: row.longitude,
    types: row.types,
    languages: row.languages,
    temporarilyClosed: row.temporarilyClosed,
    nextStart: next.toISOString(),
    inProgress: next.getTime() <= now.getTime(),
  };
  if (row.distanceKm !== null) item.distanceKm = Math.round(row.distanceKm * 10) / 10;
  return item;
}

/** One followed meeting in the member's schedule, with the dates they said they are going. */
export function presentScheduleItem(
  m: MeetingRow,
  group: GroupOfMeeting,
  nextStart: Date,
  inProgress: boolean,
  going: string[],
) {
  return {
    meeting: {
      ...listing(m, group),
      days: m.days,
      startTime: m.startTime,
      nextStart: nextStart.toISOString(),
      inProgress,
    },
    going,
  };
}

/** A suggested change with its diff; `proposer` is a handle only the group's managers and the proposer see. */
export function presentSuggestion(
  s: SuggestionRow,
  meetingName: string,
  proposer: string | null,
  diff: Suggestion["diff"],
): Suggestion {
  return {
    id: s.id,
    meetingId: s.meetingId,
    meetingName,
    proposer,
    note: s.note,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    diff,
  };
}
