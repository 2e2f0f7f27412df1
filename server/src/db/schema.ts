import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** A full-text vector; written with to_tsvector() by the service that owns the table. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const visibility = pgEnum("visibility", ["private", "mentor", "group", "public"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** A member's account and profile. Every profile field has its own visibility, private by default. */
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    handle: text("handle").notNull(),
    passphraseHash: text("passphrase_hash").notNull(),
    email: text("email"),
    displayName: text("display_name"),
    displayNameVisibility: visibility("display_name_visibility").notNull().default("private"),
    pronouns: text("pronouns"),
    pronounsVisibility: visibility("pronouns_visibility").notNull().default("private"),
    recoveryFocus: text("recovery_focus"),
    recoveryFocusVisibility: visibility("recovery_focus_visibility").notNull().default("private"),
    timeZone: text("time_zone"),
    timeZoneVisibility: visibility("time_zone_visibility").notNull().default("private"),
    language: text("language"),
    languageVisibility: visibility("language_visibility").notNull().default("private"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("members_handle_lower_idx").on(sql`lower(${t.handle})`)],
);

/** Server-side sessions; only a SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    device: text("device").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_member_idx").on(t.memberId)],
);

/** Who viewed which sensitive record of a member (never its content); the member reads it. */
export const accessLog = pgTable(
  "access_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    viewerId: uuid("viewer_id").references(() => members.id, { onDelete: "set null" }),
    viewerRole: text("viewer_role").notNull(),
    recordType: text("record_type").notNull(),
    recordId: text("record_id"),
    reason: text("reason").notNull(),
    viewedAt: timestamp("viewed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("access_log_member_idx").on(t.memberId, t.viewedAt)],
);

/** Facts about this installation, such as whether the demo content was loaded once. */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// ───────────────────────────── Directory: organisations, groups, meetings ─────────────────────────────

export const organisationKind = pgEnum("organisation_kind", ["peer_run", "clinic"]);
export const groupFocus = pgEnum("group_focus", [
  "alcohol",
  "narcotics",
  "gambling",
  "mental_health",
  "family_friends",
  "other",
]);
export const groupFormat = pgEnum("group_format", [
  "twelve_step",
  "smart",
  "recovery_dharma",
  "secular",
  "open_discussion",
  "other",
]);
export const groupMembership = pgEnum("group_membership", ["open", "closed"]);
export const groupRole = pgEnum("group_role", ["member", "co_facilitator", "facilitator"]);
export const groupMemberStatus = pgEnum("group_member_status", ["requested", "active"]);
export const meetingMode = pgEnum("meeting_mode", ["in_person", "online", "hybrid"]);
/** Who sees a meeting at all: everyone, or only the group's members. */
export const meetingAudience = pgEnum("meeting_audience", ["public", "members"]);
/** Who sees an online meeting's link and phone: everyone, signed-in members, or only people a greeter admits. */
export const linkAudience = pgEnum("link_audience", ["public", "signed_in", "admitted"]);
export const suggestionStatus = pgEnum("suggestion_status", ["open", "accepted", "declined"]);

const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** A peer-run organisation or a clinic that holds groups. */
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: organisationKind("kind").notNull().default("peer_run"),
    description: text("description").notNull().default(""),
    website: text("website"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("organisations_slug_idx").on(t.slug)],
);

/** Organisation admins create groups and boards and may manage every group of the organisation. */
export const organisationAdmins = pgTable(
  "organisation_admins",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.memberId] }),
    index("organisation_admins_member_idx").on(t.memberId),
  ],
);

/** A support group. Listed publicly; a closed group admits members only on a facilitator's approval. */
export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    focus: groupFocus("focus").notNull(),
    format: groupFormat("format").notNull(),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    membership: groupMembership("membership").notNull().default("open"),
    guidelines: text("guidelines").notNull().default(""),
    confidentialityAgreement: text("confidentiality_agreement").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("groups_organisation_idx").on(t.organisationId), index("groups_name_idx").on(t.name)],
);

/** A member's place in a group: a pending request or an active membership with a role. */
export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    role: groupRole("role").notNull().default("member"),
    status: groupMemberStatus("status").notNull(),
    /** When the member accepted the group's confidentiality agreement. */
    agreementAcceptedAt: timestamp("agreement_accepted_at", { withTimezone: true }).notNull(),
    requestMessage: text("request_message"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), index("group_members_member_idx").on(t.memberId)],
);

/**
 * A meeting of a group: weekly on one or more days, or once on a date; times are local to `timeZone`.
 * `search` is the free-text vector of the meeting, its group and its place, kept by the service.
 */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    notes: text("notes").notNull().default(""),
    audience: meetingAudience("audience").notNull().default("public"),
    mode: meetingMode("mode").notNull(),
    /** Weekly days, 0 = Sunday … 6 = Saturday; empty for a one-off meeting. */
    days: smallint("days").array().notNull().default(sql`'{}'::smallint[]`),
    /** The date of a one-off meeting, local to `timeZone`; null for a weekly one. */
    onDate: date("on_date"),
    startTime: text("start_time").notNull(),
    endTime: text("end_time"),
    timeZone: text("time_zone").notNull(),
    locationName: text("location_name"),
    formattedAddress: text("formatted_address"),
    region: text("region"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    locationNotes: text("location_notes").notNull().default(""),
    conferenceUrl: text("conference_url"),
    conferencePhone: text("conference_phone"),
    conferenceNotes: text("conference_notes").notNull().default(""),
    linkAudience: linkAudience("link_audience").notNull().default("signed_in"),
    types: text("types").array().notNull().default(sql`'{}'::text[]`),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    temporarilyClosed: boolean("temporarily_closed").notNull().default(false),
    search: tsvector("search").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("meetings_slug_idx").on(t.slug),
    index("meetings_group_idx").on(t.groupId),
    index("meetings_location_idx").on(t.latitude, t.longitude),
    index("meetings_types_idx").using("gin", t.types),
    index("meetings_search_idx").using("gin", t.search),
  ],
);

/**
 * One row per meeting per weekday (or per one-off date), for the finder. `startMinute` is local
 * minutes after midnight; `weekStartUtc` is minutes after Sunday 00:00 UTC with the zone's current
 * offset, refreshed by a job when a zone changes its clocks, so "starting in the next hour" is an
 * index range. The meeting's group, audience, mode, place, types and search vector are copied in by
 * database triggers (migrations `finder_slots`, `finder_search`), so the finder filters and sorts
 * this one table and reads whole meetings only for the page it returns.
 */
export const meetingSlots = pgTable(
  "meeting_slots",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    day: smallint("day").notNull(),
    startMinute: smallint("start_minute").notNull(),
    durationMinutes: smallint("duration_minutes").notNull(),
    utcOffsetMinutes: smallint("utc_offset_minutes").notNull(),
    weekStartUtc: smallint("week_start_utc").notNull(),
    onDate: date("on_date"),
    // Copies of the meeting's columns, kept by triggers; never written by the application.
    groupId: uuid("group_id"),
    audience: meetingAudience("audience"),
    mode: meetingMode("mode"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    types: text("types").array(),
    search: tsvector("search"),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.day] }),
    index("meeting_slots_day_idx").on(t.day, t.startMinute),
    // Ordered walks by week minute and by date, carrying every column the finder filters on, are
    // in migration `finder_walks` (Drizzle cannot declare INCLUDE): meeting_slots_next_idx,
    // meeting_slots_one_off_idx. The longest meeting's length is read from this one.
    index("meeting_slots_duration_idx").on(t.durationMinutes),
    index("meeting_slots_mode_week_idx").on(t.mode, t.weekStartUtc),
    index("meeting_slots_location_idx").on(t.latitude, t.longitude),
    index("meeting_slots_search_idx").using("gin", t.search),
  ],
);

/** "I'm going": a member's RSVP to one occurrence of a meeting. */
export const meetingRsvps = pgTable(
  "meeting_rsvps",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    occursOn: date("occurs_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.occursOn, t.memberId] }),
    index("meeting_rsvps_member_idx").on(t.memberId),
  ],
);

/** Meetings a member follows: their own schedule, and their private calendar feed. */
export const meetingFollows = pgTable(
  "meeting_follows",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.meetingId] }), index("meeting_follows_meeting_idx").on(t.meetingId)],
);

/** The secret of a member's private calendar feed; only its SHA-256 is stored, so a reset shows a new one. */
export const calendarFeeds = pgTable("calendar_feeds", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
});

/** A member's proposed change to a listing; facilitators and admins accept or decline it. */
export const meetingSuggestions = pgTable(
  "meeting_suggestions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    /** Null once the proposer has deleted their account; the suggestion stays for the group. */
    proposerId: uuid("proposer_id").references(() => members.id, { onDelete: "set null" }),
    changes: jsonb("changes").notNull(),
    note: text("note").notNull().default(""),
    status: suggestionStatus("status").notNull().default("open"),
    decidedById: uuid("decided_by_id").references(() => members.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("meeting_suggestions_meeting_idx").on(t.meetingId, t.status)],
);

/** A Meeting Guide import into an organisation: progress while it runs, then its report. */
export const meetingImports = pgTable(
  "meeting_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    startedById: uuid("started_by_id").references(() => members.id, { onDelete: "set null" }),
    source: text("source").notNull(),
    status: text("status").notNull().default("running"),
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    report: jsonb("report"),
    error: text("error"),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("meeting_imports_organisation_idx").on(t.organisationId, t.createdAt)],
);

// ─── Progress ───
// Recovery journeys, check-ins, goals, accountability partners and the relapse-prevention plan.
// All of it is health data: every row belongs to a member and goes when they do (ON DELETE CASCADE).

export const goalRepeat = pgEnum("goal_repeat", ["none", "daily", "weekly"]);
export const goalStatus = pgEnum("goal_status", ["done", "missed"]);
export const partnershipStatus = pgEnum("partnership_status", ["pending", "active", "ended"]);
export const shareItem = pgEnum("share_item", ["journeys", "milestones", "checkins", "goals", "plan", "struggling"]);
export const partnerNoticeKind = pgEnum("partner_notice_kind", [
  "encouragement",
  "milestone",
  "goal_missed",
  "struggling",
]);

const memberRef = (name: string) =>
  uuid(name)
    .notNull()
    .references(() => members.id, { onDelete: "cascade" });

/** Where a member's days begin and end, and when they'd like a check-in reminder (delivery comes later). */
export const progressSettings = pgTable("progress_settings", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  timeZone: text("time_zone"),
  reminderTime: text("reminder_time"),
  updatedAt: updatedAt(),
});

/** A recovery journey (alcohol, a drug, gambling, their own words), counted in its own time zone. */
export const journeys = pgTable(
  "journeys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: memberRef("member_id"),
    label: text("label").notNull(),
    timeZone: text("time_zone").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("journeys_member_idx").on(t.memberId)],
);

/** One run of a journey: from its start to a slip, or still going (end_date null). History is never erased. */
export const journeyAttempts = pgTable(
  "journey_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    journeyId: uuid("journey_id")
      .notNull()
      .references(() => journeys.id, { onDelete: "cascade" }),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    slipNote: text("slip_note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("journey_attempts_journey_idx").on(t.journeyId, t.startDate),
    uniqueIndex("journey_attempts_one_open_idx").on(t.journeyId).where(sql`${t.endDate} is null`),
  ],
);

/** Milestones a run has reached, so each is celebrated (and told to partners) once. */
export const journeyMilestones = pgTable(
  "journey_milestones",
  {
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => journeyAttempts.id, { onDelete: "cascade" }),
    milestone: text("milestone").notNull(),
    reachedOn: date("reached_on", { mode: "string" }).notNull(),
    celebratedAt: timestamp("celebrated_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.milestone] })],
);

/** A daily check-in: one per member per local day. Notes and words are private, always. */
export const checkins = pgTable(
  "checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: memberRef("member_id"),
    date: date("date", { mode: "string" }).notNull(),
    mood: smallint("mood").notNull(),
    craving: smallint("craving").notNull(),
    triggers: text("triggers").array().notNull().default(sql`'{}'::text[]`),
    triggersOwnWords: text("triggers_own_words").notNull().default(""),
    helped: text("helped").notNull().default(""),
    gratitude: text("gratitude").notNull().default(""),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("checkins_member_date_idx").on(t.memberId, t.date)],
);

/** A goal or commitment, one-off with a due date or repeating daily or weekly. */
export const goals = pgTable(
  "goals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: memberRef("member_id"),
    title: text("title").notNull(),
    dueDate: date("due_date", { mode: "string" }),
    repeat: goalRepeat("repeat").notNull().default("none"),
    /** The member's local date when the goal was set: no period before it is ever marked missed. */
    createdOn: date("created_on", { mode: "string" }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("goals_member_idx").on(t.memberId)],
);

/** Done or missed for one period of a goal (the due date, the day, or the Monday of the week). */
export const goalRecords = pgTable(
  "goal_records",
  {
    goalId: uuid("goal_id")
      .notNull()
      .references(() => goals.id, { onDelete: "cascade" }),
    period: date("period", { mode: "string" }).notNull(),
    status: goalStatus("status").notNull(),
    /** Marked missed by the daily job because the period passed unmarked. */
    automatic: boolean("automatic").notNull().default(false),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.goalId, t.period] })],
);

/** Two members holding each other accountable: invited by handle, accepted, ended by either side. */
export const partnerships = pgTable(
  "partnerships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requesterId: memberRef("requester_id"),
    partnerId: memberRef("partner_id"),
    status: partnershipStatus("status").notNull().default("pending"),
    createdAt: createdAt(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("partnerships_requester_idx").on(t.requesterId),
    index("partnerships_partner_idx").on(t.partnerId),
    // One live partnership per pair, whoever asked.
    uniqueIndex("partnerships_live_pair_idx")
      .on(sql`least(${t.requesterId}, ${t.partnerId})`, sql`greatest(${t.requesterId}, ${t.partnerId})`)
      .where(sql`${t.status} <> 'ended'`),
  ],
);

/** What one member shares with the other side of a partnership, item by item (a consent record). */
export const partnerShares = pgTable(
  "partner_shares",
  {
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    memberId: memberRef("member_id"),
    item: shareItem("item").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.memberId, t.item] })],
);

/** In-app notices between partners: encouragement, a milestone, a missed commitment, "I'm struggling". */
export const partnerNotices = pgTable(
  "partner_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    recipientId: memberRef("recipient_id"),
    senderId: memberRef("sender_id"),
    kind: partnerNoticeKind("kind").notNull(),
    message: text("message"),
    milestone: text("milestone"),
    journeyLabel: text("journey_label"),
    goalTitle: text("goal_title"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("partner_notices_recipient_idx").on(t.recipientId, t.createdAt),
    index("partner_notices_partnership_idx").on(t.partnershipId),
  ],
);

/** A member's relapse-prevention plan: private unless shared with a partner. */
export const relapsePlans = pgTable("relapse_plans", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  triggers: text("triggers").array().notNull().default(sql`'{}'::text[]`),
  warningSigns: text("warning_signs").array().notNull().default(sql`'{}'::text[]`),
  copingStrategies: text("coping_strategies").array().notNull().default(sql`'{}'::text[]`),
  people: jsonb("people").$type<{ name: string; phone: string; note: string }[]>().notNull().default([]),
  reasons: text("reasons").array().notNull().default(sql`'{}'::text[]`),
  updatedAt: updatedAt(),
});

// ─── Rooms ───
// Live online meetings. A room is one occurrence of an online or hybrid meeting. What is said in it
// (room_events) and who was there (room_members, room_connections) are deleted when it closes;
// only the room row and the removals (with their reasons) stay.

export const roomEntry = pgEnum("room_entry", ["open", "lobby", "members"]);
export const roomStatus = pgEnum("room_status", ["open", "closed"]);
export const roomRole = pgEnum("room_role", ["facilitator", "greeter", "participant"]);
export const attendMode = pgEnum("attend_mode", ["participant", "listener"]);
export const roomMemberStatus = pgEnum("room_member_status", ["lobby", "admitted"]);
export const keepMessages = pgEnum("keep_messages", ["meeting", "reconnect"]);

/** How a meeting's room was last opened, offered again the next time. */
export const roomSettings = pgTable("room_settings", {
  meetingId: uuid("meeting_id")
    .primaryKey()
    .references(() => meetings.id, { onDelete: "cascade" }),
  entry: roomEntry("entry").notNull().default("lobby"),
  crossTalk: boolean("cross_talk").notNull().default(false),
  shareSeconds: integer("share_seconds").notNull().default(0),
  updatedAt: updatedAt(),
});

/** What a group keeps of its rooms: messages while the meeting runs, or only what reconnection needs. */
export const roomGroupSettings = pgTable("room_group_settings", {
  groupId: uuid("group_id")
    .primaryKey()
    .references(() => groups.id, { onDelete: "cascade" }),
  keepMessages: keepMessages("keep_messages").notNull().default("meeting"),
  updatedAt: updatedAt(),
});

/** A group's opening readings (a preamble, a reading of the steps or principles), in order. */
export const roomReadings = pgTable(
  "room_readings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("room_readings_group_idx").on(t.groupId, t.position)],
);

/**
 * One occurrence's room. `seq` is the last sequence number handed out; every event takes the next
 * one under this row's lock, so the order is the same on every node. The floor is who is sharing.
 */
export const rooms = pgTable(
  "rooms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    occursOn: date("occurs_on", { mode: "string" }).notNull(),
    status: roomStatus("status").notNull().default("open"),
    entry: roomEntry("entry").notNull(),
    locked: boolean("locked").notNull().default(false),
    crossTalk: boolean("cross_talk").notNull().default(false),
    shareSeconds: integer("share_seconds").notNull().default(0),
    keepMessages: keepMessages("keep_messages").notNull().default("meeting"),
    seq: integer("seq").notNull().default(0),
    floorMemberId: uuid("floor_member_id").references(() => members.id, { onDelete: "set null" }),
    floorStartedAt: timestamp("floor_started_at", { withTimezone: true }),
    floorEndsAt: timestamp("floor_ends_at", { withTimezone: true }),
    openedById: uuid("opened_by_id").references(() => members.id, { onDelete: "set null" }),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the occurrence is over (its end plus a little grace); the room closes and is purged then. */
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("rooms_meeting_occurrence_idx").on(t.meetingId, t.occursOn),
    index("rooms_open_ends_idx").on(t.endsAt).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * A person's place in one room: waiting in the lobby or admitted; their role, whether they listen
 * only, are muted, have a hand raised (the share queue, in order of raising). `joinedSeq` is where
 * their view of the room begins: no one reads what was said before they came in.
 */
export const roomMembers = pgTable(
  "room_members",
  {
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    status: roomMemberStatus("status").notNull(),
    role: roomRole("role").notNull().default("participant"),
    mode: attendMode("mode").notNull().default("participant"),
    muted: boolean("muted").notNull().default(false),
    handRaisedAt: timestamp("hand_raised_at", { withTimezone: true }),
    joinedSeq: integer("joined_seq").notNull().default(0),
    waitingSince: timestamp("waiting_since", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.memberId] }),
    index("room_members_member_idx").on(t.memberId),
    index("room_members_queue_idx").on(t.roomId, t.handRaisedAt),
  ],
);

/** Live sockets in a room, per app node, for presence; a node refreshes `seen_at` while it lives. */
export const roomConnections = pgTable(
  "room_connections",
  {
    id: uuid("id").primaryKey(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    node: text("node").notNull(),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("room_connections_room_idx").on(t.roomId, t.memberId), index("room_connections_node_idx").on(t.node)],
);

/**
 * Everything that happens in a room, in order. `audience` is `room`, `hosts`, `everyone` or one
 * member's id. A client's send id makes a retried send land once. Deleted when the room closes.
 */
export const roomEvents = pgTable(
  "room_events",
  {
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    kind: text("kind").notNull(),
    audience: text("audience").notNull(),
    senderId: uuid("sender_id").references(() => members.id, { onDelete: "cascade" }),
    clientId: text("client_id"),
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.seq] }),
    uniqueIndex("room_events_send_idx").on(t.roomId, t.senderId, t.clientId).where(sql`${t.clientId} is not null`),
    index("room_events_created_idx").on(t.createdAt),
  ],
);

/** A facilitator removed someone from a room, with the reason; it stays after the room is purged. */
export const roomRemovals = pgTable(
  "room_removals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    removedById: uuid("removed_by_id").references(() => members.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("room_removals_room_member_idx").on(t.roomId, t.memberId)],
);

// ─── Forums ───
// Community boards (instance-wide or an organisation's) and one private board per group; threads,
// posts (the opening post is seq 0, replies follow), edit history, supportive reactions, content
// warnings, personal trigger filters, follows, read markers and reports. A post outlives its author:
// author_id becomes null ("former member") when the account is deleted.

export const forumBoardKind = pgEnum("forum_board_kind", ["community", "group"]);
export const forumThreadKind = pgEnum("forum_thread_kind", [
  "discussion",
  "question",
  "recovery_story",
  "milestone",
  "coping_strategy",
]);
export const forumReaction = pgEnum("forum_reaction", ["me_too", "sending_strength", "thank_you", "this_helped"]);
export const forumReportReason = pgEnum("forum_report_reason", [
  "someone_at_risk",
  "harassment",
  "hateful",
  "private_information",
  "misinformation",
  "spam",
  "other",
]);
export const forumReportStatus = pgEnum("forum_report_status", ["open", "reviewing", "resolved", "dismissed"]);

/** A board: a community board (instance-wide when organisation_id is null) or a group's private board. */
export const forumBoards = pgTable(
  "forum_boards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: forumBoardKind("kind").notNull(),
    /** Stable name of a seeded community board, so seeding again finds it. */
    slug: text("slug"),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("forum_boards_slug_idx").on(t.slug),
    uniqueIndex("forum_boards_group_idx").on(t.groupId),
    index("forum_boards_position_idx").on(t.kind, t.position),
  ],
);

/** Moderators of the instance-wide community boards (organisation boards are moderated by their admins). */
export const forumModerators = pgTable("forum_moderators", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});

/** A thread; `last_seq` is the sequence number of its newest post, taken under this row's lock. */
export const forumThreads = pgTable(
  "forum_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    boardId: uuid("board_id")
      .notNull()
      .references(() => forumBoards.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => members.id, { onDelete: "set null" }),
    anonymous: boolean("anonymous").notNull().default(false),
    title: text("title").notNull(),
    kind: forumThreadKind("kind").notNull().default("discussion"),
    /** Days in recovery the author states on a milestone celebration. */
    dayCount: integer("day_count"),
    /** Set when the day count comes from the author's own journey: the milestone ("90d", "1y"…). */
    milestone: text("milestone"),
    lastSeq: integer("last_seq").notNull().default(0),
    /** Bumped by every change to the thread or its posts, so cached pages know they are stale. */
    version: integer("version").notNull().default(0),
    lastPostAt: timestamp("last_post_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("forum_threads_board_idx").on(t.boardId, t.lastPostAt, t.id),
    index("forum_threads_author_idx").on(t.authorId),
  ],
);

/** A post: the opening post (seq 0) or a reply. Markdown source and its sanitised HTML, both kept. */
export const forumPosts = pgTable(
  "forum_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => forumThreads.id, { onDelete: "cascade" }),
    boardId: uuid("board_id")
      .notNull()
      .references(() => forumBoards.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    authorId: uuid("author_id").references(() => members.id, { onDelete: "set null" }),
    anonymous: boolean("anonymous").notNull().default(false),
    body: text("body").notNull(),
    html: text("html").notNull(),
    /** Warning codes (relapse, self_harm, …) and the author's own words. */
    warnings: text("warnings").array().notNull().default(sql`'{}'::text[]`),
    quotePostId: uuid("quote_post_id"),
    quoteSeq: integer("quote_seq"),
    quoteText: text("quote_text"),
    quoteHtml: text("quote_html"),
    createdAt: createdAt(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** English and Spanish vectors of title and body; null once deleted. */
    search: tsvector("search"),
  },
  (t) => [
    uniqueIndex("forum_posts_thread_seq_idx").on(t.threadId, t.seq),
    index("forum_posts_author_idx").on(t.authorId),
    index("forum_posts_board_created_idx").on(t.boardId, t.createdAt),
    // Search is newest first: for a common word, walking this backwards finds a page in a few rows.
    index("forum_posts_created_idx").on(t.createdAt, t.id),
    index("forum_posts_search_idx").using("gin", t.search),
  ],
);

/** Earlier versions of a post, kept when it is edited; moderators read them. */
export const forumPostRevisions = pgTable(
  "forum_post_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => forumPosts.id, { onDelete: "cascade" }),
    title: text("title"),
    body: text("body").notNull(),
    warnings: text("warnings").array().notNull().default(sql`'{}'::text[]`),
    /** When this version was written (the post's creation or its previous edit). */
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("forum_post_revisions_post_idx").on(t.postId, t.replacedAt)],
);

/** A supportive reaction; counts are public, who reacted only the post's author sees. */
export const forumReactions = pgTable(
  "forum_reactions",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => forumPosts.id, { onDelete: "cascade" }),
    kind: forumReaction("kind").notNull(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.kind, t.memberId] }), index("forum_reactions_member_idx").on(t.memberId)],
);

/** A member's personal trigger filters. `fold_warnings` null means every warning folds. */
export const forumFilters = pgTable("forum_filters", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  foldWarnings: text("fold_warnings").array(),
  hideWords: text("hide_words").array().notNull().default(sql`'{}'::text[]`),
  showUsingDetail: boolean("show_using_detail").notNull().default(true),
  updatedAt: updatedAt(),
});

export const forumThreadFollows = pgTable(
  "forum_thread_follows",
  {
    memberId: memberRef("member_id"),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => forumThreads.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.threadId] }), index("forum_thread_follows_thread_idx").on(t.threadId)],
);

export const forumBoardFollows = pgTable(
  "forum_board_follows",
  {
    memberId: memberRef("member_id"),
    boardId: uuid("board_id")
      .notNull()
      .references(() => forumBoards.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.boardId] })],
);

/** How far a member has read a thread, for unread counts and "new since your last visit". */
export const forumReadMarkers = pgTable(
  "forum_read_markers",
  {
    memberId: memberRef("member_id"),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => forumThreads.id, { onDelete: "cascade" }),
    lastReadSeq: integer("last_read_seq").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.threadId] })],
);

/** When a member last looked at a board, for its "new since your last visit". */
export const forumBoardVisits = pgTable(
  "forum_board_visits",
  {
    memberId: memberRef("member_id"),
    boardId: uuid("board_id")
      .notNull()
      .references(() => forumBoards.id, { onDelete: "cascade" }),
    visitedAt: timestamp("visited_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.boardId] })],
);

/** A report of a post; the moderation queue reads these, the reporter sees the status. */
export const forumReports = pgTable(
  "forum_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => forumPosts.id, { onDelete: "cascade" }),
    reporterId: uuid("reporter_id").references(() => members.id, { onDelete: "set null" }),
    reason: forumReportReason("reason").notNull(),
    note: text("note").notNull().default(""),
    status: forumReportStatus("status").notNull().default("open"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("forum_reports_post_idx").on(t.postId), index("forum_reports_reporter_idx").on(t.reporterId)],
);

// ─── Mentorship ───
// Mentor training and profiles, mentorships between two members, their private messages, what the
// mentee shares, and the mentors' private wellbeing check-ins. A mentorship and its conversation
// go when either of the two deletes their account.

export const mentorshipStatus = pgEnum("mentorship_status", ["requested", "active", "declined", "withdrawn", "ended"]);
export const mentorDeclineReason = pgEnum("mentor_decline_reason", ["capacity", "fit", "timing", "break"]);
/** A mentorship's conversation, or a direct conversation between two members outside one. */
export const conversationKind = pgEnum("conversation_kind", ["mentorship", "direct"]);
export const mentorShareItem = pgEnum("mentor_share_item", ["journeys", "milestones", "goals", "checkins"]);

/** The mentor training module (one per instance), edited by organisation admins. */
export const mentorTraining = pgTable("mentor_training", {
  key: text("key").primaryKey(),
  title: text("title").notNull(),
  intro: text("intro").notNull().default(""),
  version: integer("version").notNull().default(1),
  sections: jsonb("sections").$type<{ title: string; body: string }[]>().notNull(),
  questions: jsonb("questions")
    .$type<{ prompt: string; options: string[]; answer: number; explanation: string }[]>()
    .notNull(),
  updatedById: uuid("updated_by_id").references(() => members.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

/** A member passed the knowledge check of one version of the training. */
export const mentorTrainingPasses = pgTable(
  "mentor_training_passes",
  {
    memberId: memberRef("member_id"),
    version: integer("version").notNull(),
    passedAt: timestamp("passed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.version] })],
);

/** A mentor's profile: what they offer, and the limits that protect them (capacity, pause, quiet hours). */
export const mentorProfiles = pgTable(
  "mentor_profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: memberRef("member_id").unique(),
    timeInRecovery: text("time_in_recovery").notNull(),
    focus: text("focus").array().notNull(),
    formats: text("formats").array().notNull(),
    languages: text("languages").array().notNull(),
    timeZone: text("time_zone").notNull(),
    availableDays: integer("available_days").array().notNull().default(sql`'{}'::integer[]`),
    availableFrom: text("available_from"),
    availableTo: text("available_to"),
    canHelpWith: text("can_help_with").notNull().default(""),
    cannotHelpWith: text("cannot_help_with").notNull().default(""),
    about: text("about").notNull().default(""),
    capacity: integer("capacity").notNull().default(2),
    gender: text("gender"),
    quietFrom: text("quiet_from"),
    quietTo: text("quiet_to"),
    published: boolean("published").notNull().default(false),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    pausedUntil: date("paused_until", { mode: "string" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("mentor_profiles_offered_idx").on(t.published)],
);

/** What a member looks for in a mentor; used only to rank suggestions for them. */
export const menteePreferences = pgTable("mentee_preferences", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  focus: text("focus").array().notNull().default(sql`'{}'::text[]`),
  formats: text("formats").array().notNull().default(sql`'{}'::text[]`),
  languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
  timeZone: text("time_zone"),
  days: integer("days").array().notNull().default(sql`'{}'::integer[]`),
  sameGender: boolean("same_gender").notNull().default(false),
  gender: text("gender"),
  updatedAt: updatedAt(),
});

/** Request → active → ended (or declined, withdrawn). Read markers say how far each side has read. */
export const mentorships = pgTable(
  "mentorships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mentorId: memberRef("mentor_id"),
    menteeId: memberRef("mentee_id"),
    status: mentorshipStatus("status").notNull().default("requested"),
    /**
     * `direct`: a conversation between two members outside a mentorship, on the same machinery. It is
     * active from the start; `mentor_id` is the member who started it, `mentee_id` the one they wrote to.
     */
    kind: conversationKind("kind").notNull().default("mentorship"),
    requestMessage: text("request_message").notNull(),
    declineReason: mentorDeclineReason("decline_reason"),
    endNote: text("end_note"),
    endedById: uuid("ended_by_id").references(() => members.id, { onDelete: "set null" }),
    /** The mentorship this request hands on from (the old mentor needed a break). */
    handoffFromId: uuid("handoff_from_id"),
    handoffProposedAt: timestamp("handoff_proposed_at", { withTimezone: true }),
    mentorReadSeq: integer("mentor_read_seq").notNull().default(0),
    menteeReadSeq: integer("mentee_read_seq").notNull().default(0),
    createdAt: createdAt(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("mentorships_mentor_idx").on(t.mentorId, t.status),
    index("mentorships_mentee_idx").on(t.menteeId, t.status),
    // One live request or mentorship per pair.
    uniqueIndex("mentorships_live_pair_idx")
      .on(t.mentorId, t.menteeId)
      .where(sql`${t.status} in ('requested', 'active') and ${t.kind} = 'mentorship'`),
    // One direct conversation per pair, whoever started it.
    uniqueIndex("mentorships_direct_pair_idx")
      .on(sql`least(${t.mentorId}, ${t.menteeId})`, sql`greatest(${t.mentorId}, ${t.menteeId})`)
      .where(sql`${t.kind} = 'direct'`),
  ],
);

/** What the mentee shares with the mentor, item by item (a consent record; deleted on revoke). */
export const mentorshipShares = pgTable(
  "mentorship_shares",
  {
    mentorshipId: uuid("mentorship_id")
      .notNull()
      .references(() => mentorships.id, { onDelete: "cascade" }),
    item: mentorShareItem("item").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.mentorshipId, t.item] })],
);

/** A private message between mentor and mentee; `seq` orders every conversation (keyset pages). */
export const mentorshipMessages = pgTable(
  "mentorship_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: integer("seq").generatedAlwaysAsIdentity().notNull().unique(),
    mentorshipId: uuid("mentorship_id")
      .notNull()
      .references(() => mentorships.id, { onDelete: "cascade" }),
    senderId: memberRef("sender_id"),
    /** The sender's own id for the send: a retry is stored once. */
    clientId: text("client_id").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("mentorship_messages_conversation_idx").on(t.mentorshipId, t.seq),
    uniqueIndex("mentorship_messages_send_idx").on(t.mentorshipId, t.senderId, t.clientId),
  ],
);

/** A mentor's private wellbeing check-in, every two weeks. */
export const mentorCheckins = pgTable(
  "mentor_checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: memberRef("member_id"),
    feeling: smallint("feeling").notNull(),
    timeSpent: text("time_spent").notNull(),
    needBreak: boolean("need_break").notNull().default(false),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("mentor_checkins_member_idx").on(t.memberId, t.createdAt)],
);

// ─── Moderation and group dynamics ───
// The code of conduct each member accepted; reports of room messages and members (forum posts keep
// theirs in forum_reports); moderators' actions on members and content, appeals, the audit log;
// organisation moderators; trust overrides; blocks and mutes between members; mediation.

/** When a member accepted which version of the community code of conduct. */
export const conductAcceptances = pgTable("conduct_acceptances", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  version: text("version").notNull(),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Moderators an organisation's admins named, besides themselves. */
export const organisationModerators = pgTable(
  "organisation_moderators",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.memberId] }),
    index("organisation_moderators_member_idx").on(t.memberId),
  ],
);

export const moderationReportKind = pgEnum("moderation_report_kind", ["room_message", "member", "direct_message"]);

/**
 * A report of a room message or of a member. A room's messages are purged when the meeting ends, so
 * the reported message and a little context before it are copied into `snapshot`: the only copy that
 * outlives the room. A `direct_message` report copies the private messages its reporter chose: the
 * only way a moderator reads any of a private conversation. `organisation_id` null means the public community's queue.
 */
export const moderationReports = pgTable(
  "moderation_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: moderationReportKind("kind").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "set null" }),
    reporterId: uuid("reporter_id").references(() => members.id, { onDelete: "set null" }),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** The room (no reference: rooms are purged) and what was said, copied at the time of the report. */
    roomId: uuid("room_id"),
    meetingName: text("meeting_name"),
    snapshot: jsonb("snapshot"),
    reason: forumReportReason("reason").notNull(),
    note: text("note").notNull().default(""),
    status: forumReportStatus("status").notNull().default("open"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("moderation_reports_org_idx").on(t.organisationId, t.status),
    index("moderation_reports_subject_idx").on(t.subjectId),
    index("moderation_reports_reporter_idx").on(t.reporterId),
  ],
);

export const moderationActionKind = pgEnum("moderation_action_kind", ["hide", "warn", "mute", "suspend", "ban"]);

/** A moderator's action on a member (and a post, when it hides one), with the reason the member reads. */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    moderatorId: uuid("moderator_id").references(() => members.id, { onDelete: "set null" }),
    kind: moderationActionKind("kind").notNull(),
    reason: text("reason").notNull(),
    postId: uuid("post_id").references(() => forumPosts.id, { onDelete: "cascade" }),
    /** The report it answers: `forum` (forum_reports) or `moderation` (moderation_reports). */
    reportKind: text("report_kind"),
    reportId: uuid("report_id"),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    /** Set when an appeal overturned it. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("moderation_actions_member_idx").on(t.memberId, t.createdAt),
    index("moderation_actions_org_idx").on(t.organisationId, t.createdAt),
    uniqueIndex("moderation_actions_hidden_post_idx")
      .on(t.postId)
      .where(sql`${t.kind} = 'hide' and ${t.revokedAt} is null`),
  ],
);

export const appealStatus = pgEnum("appeal_status", ["open", "upheld", "overturned"]);

/** A member's appeal of one action; a moderator other than the one who acted decides it. */
export const moderationAppeals = pgTable(
  "moderation_appeals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => moderationActions.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    note: text("note").notNull(),
    status: appealStatus("status").notNull().default("open"),
    decidedById: uuid("decided_by_id").references(() => members.id, { onDelete: "set null" }),
    decisionNote: text("decision_note"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("moderation_appeals_action_idx").on(t.actionId)],
);

/**
 * Every moderator action and every look at something private (a report's content, who wrote an
 * anonymous post), for the organisation's admins. `detail` names what happened, never private words.
 */
export const moderationAudit = pgTable(
  "moderation_audit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    moderatorId: uuid("moderator_id").references(() => members.id, { onDelete: "set null" }),
    event: text("event").notNull(),
    subjectId: uuid("subject_id").references(() => members.id, { onDelete: "set null" }),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: text("detail").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("moderation_audit_org_idx").on(t.organisationId, t.createdAt)],
);

/** A moderator's setting of a member's trust level, which replaces the computed one. */
export const memberTrust = pgTable("member_trust", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  level: smallint("level").notNull(),
  setById: uuid("set_by_id").references(() => members.id, { onDelete: "set null" }),
  reason: text("reason").notNull(),
  updatedAt: updatedAt(),
});

export const blockKind = pgEnum("block_kind", ["block", "mute"]);

/** One member blocks or mutes another; the other is never told. */
export const memberBlocks = pgTable(
  "member_blocks",
  {
    blockerId: uuid("blocker_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    blockedId: uuid("blocked_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: blockKind("kind").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index("member_blocks_blocked_idx").on(t.blockedId)],
);

export const mediationStatus = pgEnum("mediation_status", ["open", "active", "closed"]);

/** A member asks for mediation with another member of a group; a facilitator from outside it mediates. */
export const mediations = pgTable(
  "mediations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    requesterId: uuid("requester_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    otherId: uuid("other_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    note: text("note").notNull(),
    status: mediationStatus("status").notNull().default("open"),
    mediatorId: uuid("mediator_id").references(() => members.id, { onDelete: "set null" }),
    outcome: text("outcome"),
    createdAt: createdAt(),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("mediations_org_idx").on(t.organisationId, t.status)],
);

/** The private three-way conversation of a mediation. */
export const mediationMessages = pgTable(
  "mediation_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mediationId: uuid("mediation_id")
      .notNull()
      .references(() => mediations.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => members.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("mediation_messages_idx").on(t.mediationId, t.createdAt)],
);
// ───────────────────────────── Safety: crisis alerts, responders, services, professional review ─────────────────────────────
// A detection of crisis language creates an alert for the responders of the place it was said (an
// organisation, or the public community when organisation_id is null). Every step is audited in
// safety_alert_events. The author's words are kept only as the matched sentence, until the alert closes.

const NO_ORGANISATION = sql`'00000000-0000-0000-0000-000000000000'::uuid`;

/** Trained people an organisation admin (or, for the community, a community moderator) lets answer alerts. */
export const safetyResponders = pgTable(
  "safety_responders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    memberId: memberRef("member_id"),
    grantedBy: uuid("granted_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("safety_responders_scope_member_idx").on(
      sql`coalesce(${t.organisationId}, ${NO_ORGANISATION})`,
      t.memberId,
    ),
    index("safety_responders_member_idx").on(t.memberId),
  ],
);

/** Members with a professional role (counsellor, nurse, …) who may review coping strategies. */
export const safetyProfessionals = pgTable(
  "safety_professionals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    memberId: memberRef("member_id"),
    title: text("title").notNull(),
    grantedBy: uuid("granted_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("safety_professionals_scope_member_idx").on(
      sql`coalesce(${t.organisationId}, ${NO_ORGANISATION})`,
      t.memberId,
    ),
    index("safety_professionals_member_idx").on(t.memberId),
  ],
);

export const safetyAlertStatus = pgEnum("safety_alert_status", ["open", "claimed", "closed"]);

/** A crisis alert in a responder queue. `source_id` is the post id, the room id or the check-in date. */
export const safetyAlerts = pgTable(
  "safety_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    authorId: memberRef("author_id"),
    /** Said anonymously: responders reach the author through the alert, never see who it is. */
    authorHidden: boolean("author_hidden").notNull().default(false),
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    place: text("place").notNull(),
    link: text("link"),
    severity: text("severity").notNull(),
    category: text("category").notNull(),
    rule: text("rule").notNull(),
    /** The sentence that matched (never a check-in's words); purged when the alert closes. */
    excerpt: text("excerpt"),
    status: safetyAlertStatus("status").notNull().default("open"),
    claimedBy: uuid("claimed_by").references(() => members.id, { onDelete: "set null" }),
    outcome: text("outcome"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("safety_alerts_queue_idx").on(t.organisationId, t.status, t.createdAt),
    index("safety_alerts_author_idx").on(t.authorId, t.status),
  ],
);

/** The audit trail of an alert: created, viewed, claimed, released, messaged, closed. Never any words. */
export const safetyAlertEvents = pgTable(
  "safety_alert_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => safetyAlerts.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => members.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    detail: text("detail").notNull().default(""),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("safety_alert_events_alert_idx").on(t.alertId, t.at)],
);

/** The private conversation a responder opens with the author of an alert. */
export const safetyAlertMessages = pgTable(
  "safety_alert_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => safetyAlerts.id, { onDelete: "cascade" }),
    senderId: uuid("sender_id").references(() => members.id, { onDelete: "set null" }),
    fromResponder: boolean("from_responder").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("safety_alert_messages_alert_idx").on(t.alertId, t.createdAt)],
);

/** A professional service an organisation recommends: treatment, counselling, harm reduction, … */
export const safetyServices = pgTable(
  "safety_services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    description: text("description").notNull().default(""),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    cost: text("cost").notNull(),
    phone: text("phone"),
    url: text("url"),
    address: text("address"),
    country: text("country"),
    createdBy: uuid("created_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("safety_services_org_idx").on(t.organisationId), index("safety_services_kind_idx").on(t.kind)],
);

/** A professional's mark on a coping-strategy post: reviewed, or possible misinformation, with a note. */
export const safetyPostReviews = pgTable("safety_post_reviews", {
  postId: uuid("post_id")
    .primaryKey()
    .references(() => forumPosts.id, { onDelete: "cascade" }),
  mark: text("mark").notNull(),
  note: text("note").notNull(),
  reviewerId: uuid("reviewer_id").references(() => members.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// ─── Progress shared with groups ───
// What a member shares of their progress with a group they are in, item by item. Each row hangs on
// the member's group_members row: leaving, being removed, or the group closing takes the shares with
// it at once (and account deletion, through both references).

/** The items a member may share with a group: never notes, never the relapse-prevention plan. */
export const groupShareItem = pgEnum("group_share_item", ["journeys", "milestones", "checkins", "goals"]);

export const groupShares = pgTable(
  "group_shares",
  {
    groupId: uuid("group_id").notNull(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    item: groupShareItem("item").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.memberId, t.item] }),
    foreignKey({
      name: "group_shares_membership_fk",
      columns: [t.groupId, t.memberId],
      foreignColumns: [groupMembers.groupId, groupMembers.memberId],
    }).onDelete("cascade"),
    index("group_shares_member_idx").on(t.memberId),
  ],
);

// ───────────────────────────── Direct messages ─────────────────────────────
// Who may start a direct conversation with a member outside a mentorship. No row means no one: no
// unsolicited messages by default. The conversations themselves are `mentorships` rows of kind `direct`.

export const directMessageAllow = pgEnum("direct_message_allow", ["nobody", "partners", "groups"]);

/** A member's choice of who may send them a direct message (gone with the account). */
export const directMessageSettings = pgTable("direct_message_settings", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  allow: directMessageAllow("allow").notNull().default("nobody"),
  updatedAt: updatedAt(),
});

// ───────────────────────────── Forum mentions ─────────────────────────────
// An @handle in a post that reaches the member it names. One row per post and mentioned member,
// written when the post is written or edited; whether it still reaches them (the post readable,
// not deleted or hidden, no block or mute between them) is decided each time it is read. Gone with
// the post, and with either member's account.

export const forumMentions = pgTable(
  "forum_mentions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => forumPosts.id, { onDelete: "cascade" }),
    mentionedId: uuid("mentioned_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** The post's author when it was written; the mention goes with their account too. */
    authorId: uuid("author_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("forum_mentions_post_member_idx").on(t.postId, t.mentionedId),
    index("forum_mentions_member_idx").on(t.mentionedId, t.createdAt, t.id),
    index("forum_mentions_author_idx").on(t.authorId),
  ],
);
