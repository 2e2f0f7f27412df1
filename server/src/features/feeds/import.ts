import type { GroupFocus, GroupFormat } from "@kinship/contracts/directory";
import { MeetingInput } from "@kinship/contracts/directory";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { type BatchMeeting, saveMeetings } from "../meetings/store.ts";
import { LANGUAGE_TYPES, TEMPORARILY_CLOSED, unknownTypes } from "./meeting-guide.ts";
import { feedsStore as store } from "./store.ts";

/** A row that will be saved: the meeting, its slug, its group's name, and the file rows it came from. */
export type Candidate = { rows: number[]; slug: string; groupName: string; input: MeetingInput };
export type Rejection = { row: number; slug: string | null; reason: string };

const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const CODE_OF_LANGUAGE = new Map(Object.entries(LANGUAGE_TYPES).map(([tag, code]) => [code, tag]));
const MODES = new Set(["in_person", "online", "hybrid"]);

/** Our field names in the words of the Meeting Guide format, so a rejection names the feed's field. */
const FEED_FIELD: Record<string, string> = {
  name: "name",
  notes: "notes",
  mode: "attendance_option",
  days: "day",
  startTime: "time",
  endTime: "end_time",
  timeZone: "timezone",
  locationName: "location",
  formattedAddress: "formatted_address",
  region: "region",
  latitude: "latitude",
  longitude: "longitude",
  locationNotes: "location_notes",
  conferenceUrl: "conference_url",
  conferencePhone: "conference_phone",
  conferenceNotes: "conference_url_notes",
  types: "types",
};

class RowProblem extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A text field: strings trimmed, numbers as text, empty as absent. Anything else is a problem. */
function text(row: Record<string, unknown>, key: string): string | null {
  const v = row[key];
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") throw new RowProblem(`${key}: expected text.`);
  // PostgreSQL text can't hold a NUL; refusing the row here keeps one bad row from failing the file.
  if (v.includes("\u0000")) throw new RowProblem(`${key}: contains a character that can't be stored.`);
  const t = v.trim();
  return t === "" ? null : t;
}

/** `7:30`, `07:30` and `07:30:00` all mean 07:30. */
function clock(row: Record<string, unknown>, key: string): string | null {
  const v = text(row, key);
  if (v === null) return null;
  const m = /^(\d{1,2}):(\d{2})(:\d{2})?$/.exec(v);
  if (!m) throw new RowProblem(`${key}: "${v.slice(0, 20)}" isn't a time; use HH:MM, such as 19:30.`);
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 23 || minutes > 59) throw new RowProblem(`${key}: "${v}" isn't a time of day.`);
  return `${String(hours).padStart(2, "0")}:${m[2]}`;
}

function coordinate(row: Record<string, unknown>, key: string): number | null {
  const v = row[key];
  if (v === undefined || v === null || v === "") return null;
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v.trim()) : Number.NaN;
  if (!Number.isFinite(n)) throw new RowProblem(`${key}: expected a number.`);
  return n;
}

function daysOf(row: Record<string, unknown>): number[] {
  const v = row.day;
  if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0))
    throw new RowProblem("day: this meeting has no day. Meetings by appointment can't be listed on a schedule.");
  const list = Array.isArray(v) ? v : [v];
  return list.map((d) => {
    const n = typeof d === "number" ? d : typeof d === "string" && /^\d$/.test(d.trim()) ? Number(d) : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > 6)
      throw new RowProblem("day: use a number from 0 (Sunday) to 6 (Saturday).");
    return n;
  });
}

function typesOf(row: Record<string, unknown>): string[] {
  const v = row.types;
  if (v === undefined || v === null || v === "") return [];
  const list = typeof v === "string" ? v.split(",") : Array.isArray(v) ? v : null;
  if (!list) throw new RowProblem("types: expected a list of type codes.");
  const codes = list.map((c) => (typeof c === "string" ? c.trim() : String(c))).filter(Boolean);
  const unknown = unknownTypes(codes);
  if (unknown.length > 0)
    throw new RowProblem(
      `types: ${unknown
        .slice(0, 5)
        .map((c) => `"${c.slice(0, 12)}"`)
        .join(", ")} ${unknown.length === 1 ? "isn't a Meeting Guide type code" : "aren't Meeting Guide type codes"}.`,
    );
  return [...new Set(codes)];
}

function addressOf(row: Record<string, unknown>) {
  const formatted = text(row, "formatted_address");
  if (formatted) return formatted;
  const parts = ["address", "city", "state", "postal_code", "country"].map((k) => text(row, k)).filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : null;
}

function regionOf(row: Record<string, unknown>) {
  const region = text(row, "region");
  const sub = text(row, "sub_region");
  if (region) return sub ? `${region}, ${sub}` : region;
  const regions = row.regions;
  if (Array.isArray(regions)) {
    const last = regions.filter((r) => typeof r === "string" && r.trim() && !r.includes("\u0000")).at(-1);
    if (typeof last === "string") return last.trim();
  }
  return null;
}

/** Turn a zod problem into words with the feed's field name. */
function reasonOf(error: z.ZodError) {
  const issue = error.issues[0];
  if (!issue) return "This meeting isn't valid.";
  const field = FEED_FIELD[String(issue.path[0] ?? "")] ?? String(issue.path[0] ?? "row");
  if (issue.code === "too_big" && "maximum" in issue)
    return `${field}: longer than ${issue.maximum} characters; please shorten it.`;
  if (issue.code === "invalid_type" && issue.path[0] === "timeZone")
    return "timezone: this meeting has no time zone; add one such as America/New_York.";
  return `${field}: ${issue.message}`;
}

/**
 * Read one Meeting Guide row into a meeting, or say in words why it can't be imported. Day arrays
 * become the meeting's days; `attendance_option` (or, without it, the presence of an address and a
 * link) becomes the mode; `inactive` or the `TC` type mark it temporarily closed; language type codes
 * become its languages.
 */
export function readRow(
  raw: unknown,
  defaultGroup: string,
):
  | { ok: true; slug: string; groupName: string; input: MeetingInput }
  | { ok: false; slug: string | null; reason: string } {
  if (!isRecord(raw)) return { ok: false, slug: null, reason: "This row isn't a meeting (expected an object)." };
  let slug: string | null = null;
  try {
    const s = raw.slug;
    slug = typeof s === "number" && Number.isInteger(s) ? String(s) : typeof s === "string" ? s.trim() : null;
    if (!slug) throw new RowProblem("slug: every meeting needs a slug (its id in the feed).");
    if (!SLUG.test(slug)) {
      const bad = slug.slice(0, 100);
      slug = null;
      throw new RowProblem(
        `slug: "${bad}" can't be used in a web address; use letters, digits and dashes (100 at most).`,
      );
    }
    const name = text(raw, "name");
    if (!name) throw new RowProblem("name: every meeting needs a name.");
    const days = daysOf(raw);
    const startTime = clock(raw, "time");
    if (!startTime) throw new RowProblem("time: this meeting has no start time.");
    const endTime = clock(raw, "end_time");
    const timeZone = text(raw, "timezone");
    if (!timeZone) throw new RowProblem("timezone: this meeting has no time zone; add one such as America/New_York.");

    let types = typesOf(raw);
    const languages = [...new Set(types.map((c) => CODE_OF_LANGUAGE.get(c)).filter((t): t is string => !!t))];
    const attendance = text(raw, "attendance_option");
    if (attendance && !MODES.has(attendance) && attendance !== "inactive")
      throw new RowProblem("attendance_option: use in_person, online, hybrid or inactive.");
    const temporarilyClosed = attendance === "inactive" || types.includes(TEMPORARILY_CLOSED);
    types = types.filter((c) => c !== TEMPORARILY_CLOSED);

    const conferenceUrl = text(raw, "conference_url");
    const conferencePhone = text(raw, "conference_phone");
    const formattedAddress = addressOf(raw);
    const latitude = coordinate(raw, "latitude");
    const longitude = coordinate(raw, "longitude");
    const approximate = text(raw, "approximate") === "yes";
    const hasPlace = !approximate && (formattedAddress !== null || latitude !== null);
    const hasLink = conferenceUrl !== null || conferencePhone !== null;
    const mode =
      attendance && MODES.has(attendance)
        ? attendance
        : hasLink && hasPlace
          ? "hybrid"
          : hasLink || approximate
            ? "online"
            : "in_person";
    const conferenceNotes = [text(raw, "conference_url_notes"), text(raw, "conference_phone_notes")]
      .filter(Boolean)
      .join("\n");

    const parsed = MeetingInput.safeParse({
      name,
      notes: text(raw, "notes") ?? "",
      mode,
      days,
      startTime,
      endTime,
      timeZone,
      locationName: text(raw, "location"),
      formattedAddress,
      region: regionOf(raw),
      latitude,
      longitude,
      locationNotes: text(raw, "location_notes") ?? "",
      conferenceUrl,
      conferencePhone,
      conferenceNotes,
      types,
      languages,
      temporarilyClosed,
    });
    if (!parsed.success) return { ok: false, slug, reason: reasonOf(parsed.error) };
    const group = text(raw, "group");
    if (group && group.length > 120) throw new RowProblem("group: longer than 120 characters; please shorten it.");
    return { ok: true, slug, groupName: group ?? defaultGroup, input: parsed.data };
  } catch (error) {
    if (error instanceof RowProblem) return { ok: false, slug, reason: error.message };
    throw error;
  }
}

const sameButDays = (a: Candidate, b: Candidate) =>
  a.groupName === b.groupName && JSON.stringify({ ...a.input, days: [] }) === JSON.stringify({ ...b.input, days: [] });

/**
 * Validate every row and put split days back together. A row is merged into another when it is the
 * same meeting on another day: either it repeats the other's slug, or its slug is `<other slug>-<its
 * day>` (how our own feed names a meeting's extra days), and everything but the day matches.
 * Any other repeated slug is refused, since a slug names one meeting.
 */
export function readFeed(rows: unknown[], defaultGroup: string) {
  const rejected: Rejection[] = [];
  const bySlug = new Map<string, Candidate>();
  for (const [index, raw] of rows.entries()) {
    const row = index + 1;
    const read = readRow(raw, defaultGroup);
    if (!read.ok) {
      rejected.push({ row, slug: read.slug, reason: read.reason });
      continue;
    }
    const candidate: Candidate = { rows: [row], slug: read.slug, groupName: read.groupName, input: read.input };
    const twin = bySlug.get(read.slug);
    if (!twin) bySlug.set(read.slug, candidate);
    else if (sameButDays(twin, candidate)) merge(twin, candidate);
    else
      rejected.push({ row, slug: read.slug, reason: `slug: "${read.slug}" is used by another meeting in this file.` });
  }
  for (const [slug, candidate] of bySlug) {
    const split = /^(.+)-([0-6])$/.exec(slug);
    if (!split?.[1] || candidate.input.days.length !== 1 || candidate.input.days[0] !== Number(split[2])) continue;
    const base = bySlug.get(split[1]);
    if (base && sameButDays(base, candidate)) {
      merge(base, candidate);
      bySlug.delete(slug);
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  return { candidates: [...bySlug.values()], rejected };
}

function merge(into: Candidate, other: Candidate) {
  into.rows.push(...other.rows);
  into.input.days = [...new Set([...into.input.days, ...other.input.days])].sort((a, b) => a - b);
}

/** A group created by an import guesses its focus and format from its name, else "other". */
export function guessKind(name: string): { focus: GroupFocus; format: GroupFormat } {
  const n = ` ${name.toLowerCase()} `;
  if (/\bal-?anon\b|\balateen\b|\bnar-?anon\b|\bfamil(y|ies)\b/.test(n))
    return {
      focus: "family_friends",
      format: /\bal-?anon\b|\balateen\b|\bnar-?anon\b/.test(n) ? "twelve_step" : "other",
    };
  if (/\bsmart\b/.test(n)) return { focus: "other", format: "smart" };
  if (/\bdharma\b/.test(n)) return { focus: "other", format: "recovery_dharma" };
  if (/\baa\b|\balcoholics anonymous\b/.test(n)) return { focus: "alcohol", format: "twelve_step" };
  if (/\bna\b|\bnarcotics anonymous\b|\bca\b|\bcocaine anonymous\b/.test(n))
    return { focus: "narcotics", format: "twelve_step" };
  if (/\bga\b|\bgamblers anonymous\b/.test(n)) return { focus: "gambling", format: "twelve_step" };
  return { focus: "other", format: "other" };
}

/** The agreement a group created by an import starts with; its facilitators can change it. */
export const DEFAULT_AGREEMENT =
  "What we hear here, who we see here, stays here. Please keep what others share in this group to yourself, and don't name anyone you meet.";

/** Meetings saved per batch of statements (see saveMeetings). */
const BATCH = 250;

export type WriteResult = { created: number; updated: number; rejected: Rejection[] };

/**
 * Save the candidates into the organisation, inside the caller's transaction. Each goes into the
 * group its row names (created if the organisation has none by that name). A slug already used by a
 * meeting of this organisation updates that meeting (keeping who may see it and its link); a slug
 * used by another organisation's meeting becomes `<slug>-<organisation slug>`, the same every time,
 * so a re-import finds it again.
 */
export async function writeCandidates(
  tx: Db,
  organisation: { id: string; slug: string },
  candidates: Candidate[],
  onProgress: (rowsDone: number) => void,
): Promise<WriteResult> {
  const result: WriteResult = { created: 0, updated: 0, rejected: [] };
  const names = [...new Set(candidates.map((c) => c.groupName))];
  const groupOf = await store.groupsByName(tx, organisation.id, names);
  for (const name of names) {
    if (groupOf.has(name.toLowerCase())) continue;
    const languages = [...new Set(candidates.filter((c) => c.groupName === name).flatMap((c) => c.input.languages))];
    const group = await store.insertGroup(tx, {
      organisationId: organisation.id,
      name,
      ...guessKind(name),
      languages: languages.slice(0, 10),
      confidentialityAgreement: DEFAULT_AGREEMENT,
    });
    groupOf.set(name.toLowerCase(), group);
  }

  const altSlug = (slug: string) => `${slug}-${organisation.slug}`;
  const existing = new Map<string, Awaited<ReturnType<typeof store.meetingsBySlug>>[number]>();
  for (let i = 0; i < candidates.length; i += 500) {
    const slugs = candidates.slice(i, i + 500).flatMap((c) => [c.slug, altSlug(c.slug)]);
    for (const m of await store.meetingsBySlug(tx, slugs)) existing.set(m.slug, m);
  }

  const usedNow = new Set<string>();
  let batch: { meeting: BatchMeeting; rows: number }[] = [];
  let rowsDone = 0;
  const flush = async () => {
    await saveMeetings(
      tx,
      batch.map((b) => b.meeting),
    );
    for (const b of batch) rowsDone += b.rows;
    batch = [];
    onProgress(rowsDone);
  };
  for (const c of candidates) {
    const group = groupOf.get(c.groupName.toLowerCase()) as { id: string; name: string };
    const own = (slug: string) => {
      const m = existing.get(slug);
      return m === undefined ? ("free" as const) : m.organisationId === organisation.id ? m : ("elsewhere" as const);
    };
    let slug = c.slug;
    let found = own(slug);
    if (found === "elsewhere") {
      slug = altSlug(c.slug);
      found = own(slug);
    }
    if (found === "elsewhere" || usedNow.has(slug)) {
      const reason =
        found === "elsewhere"
          ? "slug: another organisation already lists a meeting with this slug."
          : `slug: "${slug}" is used by another meeting in this file.`;
      for (const row of c.rows) result.rejected.push({ row, slug: c.slug, reason });
      rowsDone += c.rows.length;
      continue;
    }
    usedNow.add(slug);
    const into = { groupId: group.id, groupName: group.name };
    if (found === "free") {
      batch.push({ meeting: { ...into, slug, fields: c.input }, rows: c.rows.length });
      result.created++;
    } else {
      const fields = { ...c.input, audience: found.audience, linkAudience: found.linkAudience };
      batch.push({ meeting: { ...into, slug, id: found.id, fields }, rows: c.rows.length });
      result.updated++;
    }
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return result;
}
