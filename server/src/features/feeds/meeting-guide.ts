import { isMeetingType } from "@code4recovery/spec";
import { linkIsPublic } from "./policy.ts";
import type { GuideMeetingRow } from "./store.ts";

/**
 * One row of the Meeting Guide JSON feed (the `@code4recovery/spec` format the Meeting Guide app, TSML UI
 * and the 12 Step Meeting List plugin read). Only allow-listed fields; nothing of any member.
 */
export type MeetingGuideRow = {
  name: string;
  slug: string;
  day: number;
  time: string;
  end_time?: string;
  timezone: string;
  types: string[];
  attendance_option: "in_person" | "online" | "hybrid" | "inactive";
  conference_url?: string;
  conference_url_notes?: string;
  conference_phone?: string;
  conference_phone_notes?: string;
  location?: string;
  formatted_address?: string;
  latitude?: number;
  longitude?: number;
  approximate: "yes" | "no";
  region?: string;
  location_notes?: string;
  notes?: string;
  group: string;
  url: string;
  updated: string;
  entity: string;
  entity_url?: string;
};

/**
 * Meeting Guide has no language field: languages are type codes. Our language tags (primary subtag)
 * and the spec's code for each; a test checks every code is one the spec knows.
 */
export const LANGUAGE_TYPES: Record<string, string> = {
  af: "AF",
  am: "AM",
  ar: "AR",
  bg: "BG",
  da: "DA",
  de: "DE",
  el: "EL",
  en: "EN",
  es: "S",
  fa: "FA",
  fi: "FI",
  fr: "FR",
  he: "HE",
  hi: "HI",
  hr: "HR",
  hu: "HU",
  is: "IS",
  it: "ITA",
  ja: "JA",
  ka: "KA",
  ko: "KOR",
  lt: "LT",
  ml: "ML",
  mt: "MT",
  nb: "NO",
  ne: "NE",
  nl: "NL",
  no: "NO",
  pa: "PUN",
  pl: "POL",
  pt: "POR",
  ru: "RUS",
  sk: "SK",
  sl: "SL",
  sv: "SV",
  th: "TH",
  tl: "TL",
  tr: "TUR",
  uk: "UK",
};
/** The spec's code for "location temporarily closed". */
export const TEMPORARILY_CLOSED = "TC";

const pad = (n: number) => String(n).padStart(2, "0");
/** `YYYY-MM-DD HH:MM:SS` in UTC, as the spec wants `updated`. */
export const utcStamp = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/**
 * The feed slug of a meeting on one of its days. Meeting Guide wants a scalar `day` (clients break on
 * arrays), so a meeting on several days becomes one row per day: the first day (lowest number) keeps
 * the meeting's own slug, every other day gets `<slug>-<day>`. Our import reads that back: a row whose
 * slug is `<other row's slug>-<its day>` with the same details is merged into the other row's meeting.
 */
export const daySlug = (slug: string, day: number, firstDay: number) => (day === firstDay ? slug : `${slug}-${day}`);

/** Slugs to try for an extra day, in order; the fallback is used only if another meeting owns the first. */
export const daySlugCandidates = (m: { id: string; slug: string }, day: number) => [
  `${m.slug}-${day}`,
  `${m.slug}-${day}-${m.id.slice(0, 8)}`,
];

/** The days a weekly meeting has, lowest first. */
const daysOf = (m: Pick<GuideMeetingRow, "days">) => [...new Set(m.days)].sort((a, b) => a - b);

/** The extra-day slugs a page of meetings would use; the stream checks them against stored slugs. */
export function extraDaySlugs(rows: GuideMeetingRow[]) {
  const slugs: string[] = [];
  for (const m of rows) for (const day of daysOf(m).slice(1)) slugs.push(...daySlugCandidates(m, day));
  return slugs;
}

/**
 * Meeting Guide rows of one weekly public meeting, one per day. `taken` holds stored slugs, so an
 * extra-day slug never repeats another meeting's own slug (stored slugs are unique).
 */
export function presentMeetingGuide(m: GuideMeetingRow, publicUrl: URL, taken: Set<string>): MeetingGuideRow[] {
  const days = daysOf(m);
  const firstDay = days[0];
  if (firstDay === undefined) return [];
  const showLink = linkIsPublic(m);
  const types = [...m.types];
  for (const tag of m.languages) {
    const code = LANGUAGE_TYPES[tag.split("-")[0] ?? ""];
    if (code && !types.includes(code)) types.push(code);
  }
  if (m.temporarilyClosed && m.mode !== "online" && !types.includes(TEMPORARILY_CLOSED)) types.push(TEMPORARILY_CLOSED);

  const base: Omit<MeetingGuideRow, "slug" | "day"> = {
    name: m.name,
    time: m.startTime,
    timezone: m.timeZone,
    types,
    attendance_option: m.temporarilyClosed ? "inactive" : m.mode,
    approximate: m.mode === "online" ? "yes" : "no",
    group: m.groupName,
    url: new URL(`/meetings/${encodeURIComponent(m.slug)}`, publicUrl).toString(),
    updated: utcStamp(m.updatedAt),
    entity: m.organisationName,
  };
  if (m.endTime) base.end_time = m.endTime;
  if (showLink && m.conferenceUrl) base.conference_url = m.conferenceUrl;
  if (showLink && m.conferencePhone) base.conference_phone = m.conferencePhone;
  if (showLink && m.conferenceNotes) {
    if (m.conferenceUrl) base.conference_url_notes = m.conferenceNotes;
    else if (m.conferencePhone) base.conference_phone_notes = m.conferenceNotes;
  }
  if (m.locationName) base.location = m.locationName;
  if (m.formattedAddress) base.formatted_address = m.formattedAddress;
  if (m.latitude !== null && m.longitude !== null) {
    base.latitude = m.latitude;
    base.longitude = m.longitude;
  }
  if (m.region) base.region = m.region;
  if (m.locationNotes) base.location_notes = m.locationNotes;
  if (m.notes) base.notes = m.notes;
  if (m.organisationWebsite) base.entity_url = m.organisationWebsite;

  const { name, ...rest } = base;
  return days.map((day) => {
    const slug =
      day === firstDay ? m.slug : (daySlugCandidates(m, day).find((s) => !taken.has(s)) ?? `${m.slug}-${day}-${m.id}`);
    return { name, slug, day, ...rest };
  });
}

/** Are these type codes ones the spec knows? (Used by tests and the import.) */
export const unknownTypes = (codes: string[]) => codes.filter((c) => !isMeetingType(c));

export const FEED_PAGE_SIZE = 1000;

/**
 * The whole feed as chunks of JSON text: `[`, one chunk per page of meetings, `]`. Pages are read by
 * keyset (id order), so however many meetings there are, only one page is in memory at a time.
 */
export async function* meetingGuideChunks(
  loadPage: (afterId: string | null, limit: number) => Promise<GuideMeetingRow[]>,
  takenSlugs: (slugs: string[]) => Promise<Set<string>>,
  publicUrl: URL,
  pageSize = FEED_PAGE_SIZE,
): AsyncGenerator<string> {
  yield "[";
  let afterId: string | null = null;
  let first = true;
  for (;;) {
    const page = await loadPage(afterId, pageSize);
    if (page.length === 0) break;
    const taken = await takenSlugs(extraDaySlugs(page));
    const parts: string[] = [];
    for (const m of page) for (const row of presentMeetingGuide(m, publicUrl, taken)) parts.push(JSON.stringify(row));
    if (parts.length > 0) {
      yield `${first ? "\n" : ",\n"}${parts.join(",\n")}`;
      first = false;
    }
    if (page.length < pageSize) break;
    afterId = (page[page.length - 1] as GuideMeetingRow).id;
  }
  yield "\n]\n";
}
