import { isMeetingType } from "@code4recovery/spec";
import { z } from "zod";
import { TimeZone } from "./accounts.ts";

// ───────────────────────────── Vocabulary ─────────────────────────────

export const OrganisationKind = z.enum(["peer_run", "clinic"]);
export const GroupFocus = z.enum(["alcohol", "narcotics", "gambling", "mental_health", "family_friends", "other"]);
export type GroupFocus = z.infer<typeof GroupFocus>;
export const GroupFormat = z.enum(["twelve_step", "smart", "recovery_dharma", "secular", "open_discussion", "other"]);
export type GroupFormat = z.infer<typeof GroupFormat>;
export const GroupMembership = z.enum(["open", "closed"]);
export const GroupRole = z.enum(["member", "co_facilitator", "facilitator"]);
export type GroupRole = z.infer<typeof GroupRole>;
export const MeetingMode = z.enum(["in_person", "online", "hybrid"]);
export type MeetingMode = z.infer<typeof MeetingMode>;
/** Who sees a meeting at all. */
export const MeetingAudience = z.enum(["public", "members"]);
/** Who sees an online meeting's link and phone: anyone, signed-in members, or people a greeter admits. */
export const LinkAudience = z.enum(["public", "signed_in", "admitted"]);

/** Weekday as in the Meeting Guide format: 0 = Sunday … 6 = Saturday. */
export const Day = z.coerce.number().int("Choose a day from 0 (Sunday) to 6 (Saturday).").min(0).max(6);
/** A local clock time, `HH:MM`, 24-hour. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 19:30.");
export const IsoDate = z.iso.date("Use a date such as 2026-12-24.");
/** A language tag such as `en` or `es`. */
export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "Use a language code such as en or es.");
/** A Meeting Guide type code, e.g. `O` (open), `W` (women), `X` (wheelchair access). */
export const MeetingTypeCode = z.string().refine(isMeetingType, "That isn't a Meeting Guide type code.");

const name = (max: number) => z.string().trim().min(1, "This can't be empty.").max(max);
const longText = (max: number) => z.string().trim().max(max);
type NoDefaults<T extends z.ZodRawShape> = { [K in keyof T]: T[K] extends z.ZodDefault<infer I> ? I : T[K] };
/** Every field optional and no default filled in, so a change (PATCH) touches only the fields it names. */
function changesTo<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]),
  ) as NoDefaults<T>;
  return z.object(shape).partial().strict();
}

const WebUrl = z.url({ protocol: /^https?$/, error: "Use a web address starting with https://." }).max(500);

// ───────────────────────────── Organisations ─────────────────────────────

export const OrganisationCreate = z.object({
  name: name(120),
  kind: OrganisationKind.default("peer_run"),
  description: longText(4000).default(""),
  website: WebUrl.nullable().optional(),
});
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;
export const OrganisationUpdate = changesTo(OrganisationCreate);
export type OrganisationUpdate = z.infer<typeof OrganisationUpdate>;

export const Organisation = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  kind: OrganisationKind,
  description: z.string(),
  website: z.string().nullable(),
  groupCount: z.number().int(),
  viewerIsAdmin: z.boolean(),
});
export type Organisation = z.infer<typeof Organisation>;

export const AdminAdd = z.object({ handle: z.string().trim().min(1).max(64) });

/** An admin of an organisation, as other admins see them. */
export const OrganisationAdmin = z.object({ handle: z.string(), since: z.string() });
export type OrganisationAdmin = z.infer<typeof OrganisationAdmin>;

// ───────────────────────────── Groups ─────────────────────────────

export const GroupCreate = z.object({
  organisationId: z.uuid(),
  name: name(120),
  description: longText(4000).default(""),
  focus: GroupFocus,
  format: GroupFormat,
  languages: z.array(LanguageTag).max(10).default([]),
  membership: GroupMembership.default("open"),
  guidelines: longText(8000).default(""),
  confidentialityAgreement: name(4000),
});
export type GroupCreate = z.infer<typeof GroupCreate>;
export const GroupUpdate = changesTo(GroupCreate.omit({ organisationId: true }));
export type GroupUpdate = z.infer<typeof GroupUpdate>;

/** Where the viewer stands with a group. */
export const GroupViewer = z.object({
  status: z.enum(["none", "requested", "active"]),
  role: GroupRole.nullable(),
  canManage: z.boolean(),
});

export const GroupSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  description: z.string(),
  focus: GroupFocus,
  format: GroupFormat,
  languages: z.array(z.string()),
  membership: GroupMembership,
  meetingCount: z.number().int(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

export const Group = GroupSummary.extend({
  guidelines: z.string(),
  confidentialityAgreement: z.string(),
  /** Only members see how many members there are. */
  memberCount: z.number().int().nullable(),
  viewer: GroupViewer,
});
export type Group = z.infer<typeof Group>;

export const GroupQuery = z.object({
  q: z.string().trim().max(100).optional(),
  focus: GroupFocus.optional(),
  format: GroupFormat.optional(),
  organisationId: z.uuid().optional(),
});

/** `GET /api/groups`: the filters of GroupQuery, a page at a time (sorted by name). */
export const GroupListQuery = GroupQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** Joining means accepting the group's confidentiality agreement; a closed group gets a request. */
export const JoinBody = z.object({
  acceptAgreement: z.literal(true, "Please read and accept the group's confidentiality agreement."),
  message: longText(500).optional(),
});

export const GroupMember = z.object({
  handle: z.string(),
  role: GroupRole,
  status: z.enum(["requested", "active"]),
  since: z.string(),
  requestMessage: z.string().nullable(),
});
export type GroupMember = z.infer<typeof GroupMember>;

export const RoleUpdate = z.object({ role: GroupRole });

/** A group the signed-in member belongs to or asked to join. */
export const MyGroup = GroupSummary.extend({ status: z.enum(["requested", "active"]), role: GroupRole });

// ───────────────────────────── Meetings ─────────────────────────────

const meetingFields = z.object({
  name: name(160),
  notes: longText(4000).default(""),
  audience: MeetingAudience.default("public"),
  mode: MeetingMode,
  /** Weekly days; empty with `onDate` for a one-off meeting. */
  days: z.array(Day).max(7).default([]),
  onDate: IsoDate.nullable().default(null),
  startTime: ClockTime,
  endTime: ClockTime.nullable().default(null),
  timeZone: TimeZone,
  locationName: longText(160).nullable().default(null),
  formattedAddress: longText(300).nullable().default(null),
  region: longText(120).nullable().default(null),
  latitude: z
    .number()
    .min(-90, "Latitude is between -90 and 90.")
    .max(90, "Latitude is between -90 and 90.")
    .nullable()
    .default(null),
  longitude: z
    .number()
    .min(-180, "Longitude is between -180 and 180.")
    .max(180, "Longitude is between -180 and 180.")
    .nullable()
    .default(null),
  locationNotes: longText(1000).default(""),
  conferenceUrl: WebUrl.nullable().default(null),
  conferencePhone: longText(60).nullable().default(null),
  conferenceNotes: longText(1000).default(""),
  linkAudience: LinkAudience.default("signed_in"),
  types: z.array(MeetingTypeCode).max(30).default([]),
  languages: z.array(LanguageTag).max(10).default([]),
  temporarilyClosed: z.boolean().default(false),
});
export type MeetingFields = z.infer<typeof meetingFields>;

type Issue = { path: string; message: string };
/** Rules across fields: a schedule, a place for in-person, a way in for online. */
export function meetingProblems(m: MeetingFields): Issue[] {
  const problems: Issue[] = [];
  if (m.days.length === 0 && !m.onDate) problems.push({ path: "days", message: "Choose the weekdays, or a date." });
  if (m.days.length > 0 && m.onDate) problems.push({ path: "onDate", message: "A weekly meeting has no single date." });
  if (new Set(m.days).size !== m.days.length) problems.push({ path: "days", message: "A day is listed twice." });
  if ((m.latitude === null) !== (m.longitude === null))
    problems.push({ path: "longitude", message: "Give both latitude and longitude, or neither." });
  if (m.mode !== "online" && !m.formattedAddress && m.latitude === null)
    problems.push({ path: "formattedAddress", message: "An in-person meeting needs an address." });
  if (m.mode !== "in_person" && !m.conferenceUrl && !m.conferencePhone && !m.temporarilyClosed)
    problems.push({ path: "conferenceUrl", message: "An online meeting needs a link or a phone number." });
  return problems;
}

const withRules = <T extends z.ZodType<MeetingFields>>(schema: T) =>
  schema.superRefine((m, ctx) => {
    for (const p of meetingProblems(m)) ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
  });

export const MeetingInput = withRules(meetingFields);
export type MeetingInput = z.infer<typeof MeetingInput>;
/** A partial change; the service merges it with the stored meeting and checks the rules again. */
export const MeetingUpdate = changesTo(meetingFields);
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

/** How the viewer may join: the link itself, or why it is held back. */
export const MeetingAccess = z.object({
  conferenceUrl: z.string().nullable(),
  conferencePhone: z.string().nullable(),
  conferenceNotes: z.string(),
  /** Set when the link exists but the viewer can't see it yet. */
  hiddenUntil: z.enum(["signed_in", "admitted"]).nullable(),
});

export const Meeting = z.object({
  id: z.uuid(),
  slug: z.string(),
  groupId: z.uuid(),
  groupName: z.string(),
  organisationName: z.string(),
  focus: GroupFocus,
  format: GroupFormat,
  name: z.string(),
  notes: z.string(),
  audience: MeetingAudience,
  mode: MeetingMode,
  days: z.array(z.number().int()),
  onDate: z.string().nullable(),
  startTime: z.string(),
  endTime: z.string().nullable(),
  timeZone: z.string(),
  locationName: z.string().nullable(),
  formattedAddress: z.string().nullable(),
  region: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  locationNotes: z.string(),
  linkAudience: LinkAudience,
  access: MeetingAccess,
  types: z.array(z.string()),
  languages: z.array(z.string()),
  temporarilyClosed: z.boolean(),
  /** The next start as an instant (UTC ISO), null when a one-off meeting is past. */
  nextStart: z.string().nullable(),
  updatedAt: z.string(),
  going: z.object({ count: z.number().int(), viewerDates: z.array(z.string()) }),
  viewer: z.object({ follows: z.boolean(), canManage: z.boolean() }),
});
export type Meeting = z.infer<typeof Meeting>;

// ───────────────────────────── Finder ─────────────────────────────

const LatLon = z
  .string()
  .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, "Give a place as LAT,LON, e.g. 51.5,-0.12.")
  .transform((s) => s.split(",").map(Number) as [number, number])
  .refine(([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180, "That place is off the map.");

/** `O,W,X` → `["O","W","X"]`, each a known Meeting Guide type code. */
const TypeCodeList = z
  .string()
  .max(500)
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(MeetingTypeCode).max(20));

export const FinderQuery = z.object({
  near: LatLon.optional(),
  radiusKm: z.coerce.number().positive("The distance must be more than 0.").max(500).default(25),
  day: Day.optional(),
  from: ClockTime.optional(),
  to: ClockTime.optional(),
  /** Read `day`/`from`/`to` in this zone; without it, in each meeting's own zone. */
  tz: TimeZone.optional(),
  /** Only meetings starting within this many minutes from now ("in the next hour" is 60). */
  startsWithin: z.coerce.number().int().min(1).max(1440).optional(),
  /** Only meetings in progress now. */
  inProgress: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  types: TypeCodeList.optional(),
  mode: MeetingMode.optional(),
  format: GroupFormat.optional(),
  focus: GroupFocus.optional(),
  language: LanguageTag.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["next", "distance"]).default("next"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type FinderQuery = z.infer<typeof FinderQuery>;

/** One meeting on one weekday, like a Meeting Guide row. */
export const FinderItem = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  day: z.number().int(),
  time: z.string(),
  endTime: z.string().nullable(),
  timezone: z.string(),
  onDate: z.string().nullable(),
  distanceKm: z.number().optional(),
  mode: MeetingMode,
  groupId: z.uuid(),
  groupName: z.string(),
  focus: GroupFocus,
  format: GroupFormat,
  locationName: z.string().nullable(),
  formattedAddress: z.string().nullable(),
  region: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  types: z.array(z.string()),
  languages: z.array(z.string()),
  temporarilyClosed: z.boolean(),
  nextStart: z.string(),
  inProgress: z.boolean(),
});
export type FinderItem = z.infer<typeof FinderItem>;
export const FinderResult = z.object({
  items: z.array(FinderItem),
  /** How many match, counted up to 1,000. */
  total: z.number().int(),
  /** True when more than `total` match: counting stopped there ("more than 1,000 meetings"). */
  totalCapped: z.boolean(),
});

/** A city from the offline gazetteer. */
export const Place = z.object({
  name: z.string(),
  country: z.string(),
  region: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
  population: z.number().int(),
});
export type Place = z.infer<typeof Place>;
export const PlaceQuery = z.object({ q: z.string().trim().min(2, "Type at least two letters.").max(100) });

// ───────────────────────────── Going, following, suggestions ─────────────────────────────

export const RsvpBody = z.object({ occursOn: IsoDate });

/** The signed-in member's schedule: meetings they follow, with their RSVPs. */
export const ScheduleItem = z.object({
  meeting: FinderItem.omit({ distanceKm: true, day: true, time: true }).extend({
    days: z.array(z.number().int()),
    startTime: z.string(),
  }),
  going: z.array(z.string()),
});
export const Schedule = z.object({ items: z.array(ScheduleItem) });

export const SuggestionCreate = z.object({
  changes: MeetingUpdate.refine((c) => Object.keys(c).length > 0, "Change at least one thing."),
  note: longText(1000).default(""),
});
export const Suggestion = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  meetingName: z.string(),
  proposer: z.string().nullable(),
  note: z.string(),
  status: z.enum(["open", "accepted", "declined"]),
  createdAt: z.string(),
  diff: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type Suggestion = z.infer<typeof Suggestion>;

// ───────────────────────────── Feeds and import ─────────────────────────────

/**
 * The member's private calendar address. Only its hash is stored, so `url` is set only in the answer
 * that made it and null ever after; `createdAt` is null when there is none.
 */
export const CalendarFeed = z.object({
  url: z.string().nullable().describe("The secret address, shown once when it is made; null afterwards."),
  createdAt: z.string().nullable(),
});

export const ImportStart = z.union([z.object({ url: WebUrl }), z.object({ feed: z.array(z.unknown()).max(200_000) })], {
  error: "Send either url (the web address of a Meeting Guide feed) or feed (the list of meetings from the file).",
});
export const ImportRejection = z.object({ row: z.number().int(), slug: z.string().nullable(), reason: z.string() });
export const ImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(ImportRejection),
});
export const MeetingImport = z.object({
  id: z.uuid(),
  status: z.enum(["running", "done", "failed"]),
  source: z.string(),
  total: z.number().int(),
  processed: z.number().int(),
  report: ImportReport.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type MeetingImport = z.infer<typeof MeetingImport>;
