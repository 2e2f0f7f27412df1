import { z } from "zod";
import { CrisisNotice } from "./safety.ts";

/*
 * Recovery progress and accountability: journeys with their runs and milestones, daily check-ins,
 * goals, accountability partners and the relapse-prevention plan. Everything here is health data:
 * private unless the member shares an item with a partner.
 */

const isCalendarDate = (value: string) => {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
};

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
};
/** An IANA time zone. (The same rule as the profile's; kept here so accounts can import this file.) */
export const TimeZone = z.string().max(64).refine(isTimeZone, "Choose a time zone such as Europe/London.");

/** A calendar day (YYYY-MM-DD) as the member lives it, in their own time zone. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-03-01.")
  .refine(isCalendarDate, "That date doesn't exist. Use a date such as 2026-03-01.");

/** A time of day, 24-hour clock (HH:MM). */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time such as 20:30.");

// C0 controls but tab and newlines (PostgreSQL refuses NUL) and the bidi overrides that make text read
// backwards are removed from everything a member writes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what we remove.
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
const clean = (value: string) => value.replace(UNSAFE_CHARACTERS, "");
const tooLong = (max: number) => `Please keep this under ${max + 1} characters.`;
const line = (max: number) =>
  z
    .string()
    .transform(clean)
    .pipe(z.string().trim().max(max, tooLong(max)));
const required = (max: number, what: string) =>
  z
    .string()
    .transform(clean)
    .pipe(z.string().trim().min(1, `Please add ${what}.`).max(max, tooLong(max)));
/** Free words the member writes (what helped, a private note…); long, never logged. */
const words = line(4000);
const list = (max: number, itemMax = 200) =>
  z.array(required(itemMax, "some words")).max(max, `Please keep this list to ${max} entries or fewer.`);

// ───────────────────────────── Journeys, runs and milestones ─────────────────────────────

/**
 * A milestone: "1d" (24 hours), "30d", "60d", "90d", "6m", "9m", "1y", "18m", then "2y", "3y", …
 * The web client names it in the reader's language.
 */
export const MilestoneId = z.string().regex(/^(1d|30d|60d|90d|6m|9m|18m|[1-9]\d?y)$/, "That isn't a milestone.");
export type MilestoneId = z.infer<typeof MilestoneId>;

export const Milestone = z.object({ id: MilestoneId, on: LocalDate });
export type Milestone = z.infer<typeof Milestone>;

export const ReachedMilestone = Milestone.extend({
  /** False until the member has seen it celebrated on screen. */
  celebrated: z.boolean(),
});

/** One run of a journey: from its start to a slip (or still going). */
export const Attempt = z.object({
  id: z.uuid(),
  startDate: LocalDate,
  /** The day of the slip that ended this run; null for the current run. */
  endDate: LocalDate.nullable(),
  days: z.number().int().nonnegative(),
  /** The member's own words about the slip; only they see it. */
  slipNote: z.string().nullable(),
});
export type Attempt = z.infer<typeof Attempt>;

export const JourneyTotals = z.object({
  /** Every day of every run added up: a slip never takes these away. */
  totalDays: z.number().int().nonnegative(),
  longestRunDays: z.number().int().nonnegative(),
  slips: z.number().int().nonnegative(),
  /** Average length of the last (up to five) runs that ended in a slip; null before any slip. */
  averageDaysBetweenSlips: z.number().nonnegative().nullable(),
});

/** A journey as its owner sees it. */
export const Journey = z.object({
  id: z.uuid(),
  label: z.string(),
  /** Start of the current run. */
  startDate: LocalDate,
  currentDays: z.number().int().nonnegative(),
  timeZone: z.string(),
  /** Today's date where the journey counts, so the client never guesses. */
  today: LocalDate,
  nextMilestone: Milestone.extend({ daysToGo: z.number().int().positive() }),
  milestones: z.array(ReachedMilestone),
  totals: JourneyTotals,
  attempts: z.array(Attempt),
  createdAt: z.string(),
});
export type Journey = z.infer<typeof Journey>;
export const JourneyList = z.object({ items: z.array(Journey) });

/** Fixed contract: `{ label, startDate }`; the zone defaults to the member's own. */
export const JourneyCreate = z
  .object({
    label: required(80, "a name for this journey"),
    startDate: LocalDate,
    timeZone: TimeZone.optional(),
  })
  .strict();
export type JourneyCreate = z.infer<typeof JourneyCreate>;

/** Rename, move to another zone, or correct the start of the current run. */
export const JourneyUpdate = z
  .object({
    label: required(80, "a name for this journey").optional(),
    startDate: LocalDate.optional(),
    timeZone: TimeZone.optional(),
  })
  .strict();
export type JourneyUpdate = z.infer<typeof JourneyUpdate>;

/** Recording a slip: the current run ends on `date` and a new one starts that day. */
export const SlipCreate = z
  .object({
    date: LocalDate,
    note: line(1000).optional(),
  })
  .strict();
export type SlipCreate = z.infer<typeof SlipCreate>;

export const MilestoneParams = z.object({ id: z.uuid(), milestone: MilestoneId });

// ───────────────────────────── Check-ins ─────────────────────────────

/** Common triggers (HALT and friends); the member's own words go beside them. */
export const TRIGGERS = [
  "hungry",
  "angry",
  "lonely",
  "tired",
  "stressed",
  "bored",
  "anxious",
  "sad",
  "people",
  "places",
  "celebration",
  "conflict",
  "pain",
  "money",
] as const;
export const Trigger = z.enum(TRIGGERS);
export type Trigger = z.infer<typeof Trigger>;

export const Mood = z
  .number({ error: "Choose a mood from 1 to 5." })
  .int("Choose a mood from 1 to 5.")
  .min(1, "Choose a mood from 1 to 5.")
  .max(5, "Choose a mood from 1 to 5.");
export const Craving = z
  .number({ error: "Choose a craving level from 0 to 10." })
  .int("Choose a craving level from 0 to 10.")
  .min(0, "Choose a craving level from 0 to 10.")
  .max(10, "Choose a craving level from 0 to 10.");

/** Fixed contract: `{ date, mood, craving, note?, … }`. One per day; sending the same day again edits it. */
export const CheckinInput = z
  .object({
    date: LocalDate,
    mood: Mood,
    craving: Craving,
    triggers: z.array(Trigger).max(TRIGGERS.length).optional(),
    triggersOwnWords: line(1000).optional(),
    helped: words.optional(),
    gratitude: words.optional(),
    /** Private: never shared, not even with partners. */
    note: words.optional(),
  })
  .strict();
export type CheckinInput = z.infer<typeof CheckinInput>;

export const Checkin = z.object({
  date: LocalDate,
  mood: z.number().int(),
  craving: z.number().int(),
  triggers: z.array(Trigger),
  triggersOwnWords: z.string(),
  helped: z.string(),
  gratitude: z.string(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Present only in the answer to saving a check-in whose words show crisis language. */
  crisis: CrisisNotice.optional(),
});
export type Checkin = z.infer<typeof Checkin>;
export const CheckinList = z.object({ items: z.array(Checkin) });

export const CheckinRange = z.object({ from: LocalDate.optional(), to: LocalDate.optional() });
export const DateParam = z.object({ date: LocalDate });

/** Where the member's days begin and end, and when they'd like a check-in reminder. */
export const ProgressSettings = z.object({
  timeZone: z.string().nullable(),
  reminderTime: z.string().nullable(),
});
export type ProgressSettings = z.infer<typeof ProgressSettings>;
export const ProgressSettingsUpdate = z
  .object({ timeZone: TimeZone.nullable().optional(), reminderTime: ClockTime.nullable().optional() })
  .strict();
export type ProgressSettingsUpdate = z.infer<typeof ProgressSettingsUpdate>;

// ───────────────────────────── Goals ─────────────────────────────

export const GoalRepeat = z.enum(["none", "daily", "weekly"]);
export type GoalRepeat = z.infer<typeof GoalRepeat>;
export const GoalStatus = z.enum(["done", "missed"]);
export type GoalStatus = z.infer<typeof GoalStatus>;

export const GoalCreate = z
  .object({
    title: required(160, "what the goal is"),
    /** A one-off goal needs a due date; a repeating one may have none. */
    dueDate: LocalDate.nullable().optional(),
    repeat: GoalRepeat.default("none"),
  })
  .strict();
export type GoalCreate = z.input<typeof GoalCreate>;

export const GoalUpdate = z
  .object({
    title: required(160, "what the goal is").optional(),
    dueDate: LocalDate.nullable().optional(),
    repeat: GoalRepeat.optional(),
  })
  .strict();
export type GoalUpdate = z.infer<typeof GoalUpdate>;

/** Done or missed for one period: the due date, the day (daily) or the Monday of the week (weekly). */
export const GoalRecordInput = z.object({ date: LocalDate.optional(), status: GoalStatus }).strict();
export type GoalRecordInput = z.infer<typeof GoalRecordInput>;

export const GoalRecord = z.object({ period: LocalDate, status: GoalStatus });

export const Goal = z.object({
  id: z.uuid(),
  title: z.string(),
  dueDate: LocalDate.nullable(),
  repeat: GoalRepeat,
  /** The period that is open now (today, this week, or the due date). */
  currentPeriod: LocalDate,
  currentStatus: GoalStatus.nullable(),
  /** Periods in a row marked done, counting back from the latest; only for repeating goals. */
  streak: z.number().int().nonnegative().nullable(),
  /** Done among the last (up to) 30 periods: progress is never all-or-nothing. */
  doneRecently: z.number().int().nonnegative(),
  recordedRecently: z.number().int().nonnegative(),
  records: z.array(GoalRecord),
  createdAt: z.string(),
});
export type Goal = z.infer<typeof Goal>;
export const GoalList = z.object({ items: z.array(Goal) });

// ───────────────────────────── Relapse-prevention plan ─────────────────────────────

export const PlanPerson = z
  .object({
    name: required(80, "a name"),
    phone: z
      .string()
      .transform(clean)
      .pipe(
        z
          .string()
          .trim()
          .max(40, tooLong(40))
          .regex(/^[0-9+()\-.\s]*$/, "Use digits, spaces and + ( ) - only."),
      )
      .default(""),
    note: line(200).default(""),
  })
  .strict();

export const PlanInput = z
  .object({
    triggers: list(30),
    warningSigns: list(30),
    copingStrategies: list(30),
    people: z.array(PlanPerson).max(20, "Please keep this list to 20 people or fewer."),
    reasons: list(30),
  })
  .strict();
export type PlanInput = z.input<typeof PlanInput>;

export const Plan = z.object({
  triggers: z.array(z.string()),
  warningSigns: z.array(z.string()),
  copingStrategies: z.array(z.string()),
  people: z.array(z.object({ name: z.string(), phone: z.string(), note: z.string() })),
  reasons: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
export type Plan = z.infer<typeof Plan>;

/** "I'm struggling": the plan at once, and how many chosen partners were told. */
export const StrugglingResult = z.object({ plan: Plan, notified: z.number().int().nonnegative() });

// ───────────────────────────── Accountability partners ─────────────────────────────

/**
 * What one side of a partnership lets the other see. `checkins` is mood and craving only (never
 * notes or words); `struggling` means "tell them when I press I'm struggling".
 */
export const SHARE_ITEMS = ["journeys", "milestones", "checkins", "goals", "plan", "struggling"] as const;
export const ShareItem = z.enum(SHARE_ITEMS);
export type ShareItem = z.infer<typeof ShareItem>;
const Shares = z.array(ShareItem).max(SHARE_ITEMS.length);

export const PartnerInvite = z
  .object({
    handle: required(64, "the handle of the member you'd like to invite"),
    shares: Shares.optional(),
  })
  .strict();
export type PartnerInvite = z.infer<typeof PartnerInvite>;

export const SharesUpdate = z.object({ shares: Shares }).strict();
export type SharesUpdate = z.infer<typeof SharesUpdate>;

export const Partnership = z.object({
  id: z.uuid(),
  partner: z.object({ handle: z.string() }),
  status: z.enum(["pending", "active"]),
  /** Whether I asked (outgoing) or was asked (incoming). */
  direction: z.enum(["outgoing", "incoming"]),
  myShares: z.array(ShareItem),
  /** What they share with me (empty until they accept). */
  theirShares: z.array(ShareItem),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type Partnership = z.infer<typeof Partnership>;
export const PartnershipList = z.object({ items: z.array(Partnership) });

export const AcceptBody = z.object({ shares: Shares.optional() }).strict();

/** What a partner sees of me: only the items I share, and never a note. */
export const SharedView = z.object({
  partner: z.object({ handle: z.string() }),
  shares: z.array(ShareItem),
  journeys: z
    .array(
      z.object({
        id: z.uuid(),
        label: z.string(),
        startDate: LocalDate,
        currentDays: z.number().int(),
        nextMilestone: Milestone,
        totalDays: z.number().int(),
      }),
    )
    .optional(),
  milestones: z.array(Milestone.extend({ journeyLabel: z.string().nullable() })).optional(),
  checkins: z.array(z.object({ date: LocalDate, mood: z.number().int(), craving: z.number().int() })).optional(),
  goals: z
    .array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        dueDate: LocalDate.nullable(),
        repeat: GoalRepeat,
        currentStatus: GoalStatus.nullable(),
        streak: z.number().int().nullable(),
        records: z.array(GoalRecord),
      }),
    )
    .optional(),
  plan: Plan.optional(),
});
export type SharedView = z.infer<typeof SharedView>;

export const EncouragementBody = z.object({ message: required(280, "a few words of encouragement") }).strict();

export const NoticeKind = z.enum(["encouragement", "milestone", "goal_missed", "struggling"]);
export const Notice = z.object({
  id: z.uuid(),
  kind: NoticeKind,
  from: z.object({ handle: z.string() }),
  partnershipId: z.uuid(),
  message: z.string().nullable(),
  milestone: MilestoneId.nullable(),
  journeyLabel: z.string().nullable(),
  goalTitle: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeList = z.object({ items: z.array(Notice), unread: z.number().int().nonnegative() });

// ───────────────────────────── Sharing with groups ─────────────────────────────

/**
 * What a member may share with a group they are in, item by item: the same items as with a partner
 * but never the plan or "I'm struggling" (and, as everywhere, never a note or their own words).
 */
export const GROUP_SHARE_ITEMS = ["journeys", "milestones", "checkins", "goals"] as const;
export const GroupShareItem = z.enum(GROUP_SHARE_ITEMS);
export type GroupShareItem = z.infer<typeof GroupShareItem>;

/** Choose what I share with one of my groups; an empty list stops sharing with it. */
export const GroupSharesUpdate = z
  .object({
    groupId: z.uuid("Choose one of your groups."),
    shares: z.array(GroupShareItem).max(GROUP_SHARE_ITEMS.length),
  })
  .strict();
export type GroupSharesUpdate = z.infer<typeof GroupSharesUpdate>;

/** One of my groups and what I share with it. */
export const MyGroupShare = z.object({
  group: z.object({ id: z.uuid(), name: z.string() }),
  shares: z.array(GroupShareItem),
});
export type MyGroupShare = z.infer<typeof MyGroupShare>;
/** Every group I am a member of now, with what I share with each (often nothing). */
export const MyGroupShareList = z.object({ items: z.array(MyGroupShare) });

/** What one member shares with the group, as the group's other members see it. */
export const GroupSharer = SharedView.omit({ partner: true, shares: true, plan: true }).extend({
  member: z.object({ handle: z.string() }),
  /** True for the viewer's own entry. */
  mine: z.boolean(),
  shares: z.array(GroupShareItem),
});
export type GroupSharer = z.infer<typeof GroupSharer>;
/** `GET /api/groups/:id/shared-progress`: only for the group's current members. */
export const GroupSharedProgress = z.object({ items: z.array(GroupSharer) });
export type GroupSharedProgress = z.infer<typeof GroupSharedProgress>;

// ───────────────────────────── Export ─────────────────────────────

/** Everything of progress in the member's data export. */
export const ProgressExport = z.object({
  settings: ProgressSettings,
  journeys: z.array(
    z.object({
      id: z.uuid(),
      label: z.string(),
      timeZone: z.string(),
      createdAt: z.string(),
      attempts: z.array(Attempt.omit({ days: true })),
      milestones: z.array(z.object({ id: MilestoneId, on: LocalDate, celebratedAt: z.string().nullable() })),
    }),
  ),
  checkins: z.array(Checkin),
  goals: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      dueDate: LocalDate.nullable(),
      repeat: GoalRepeat,
      createdAt: z.string(),
      records: z.array(GoalRecord.extend({ automatic: z.boolean(), recordedAt: z.string() })),
    }),
  ),
  plan: Plan.nullable(),
  partnerships: z.array(
    z.object({
      id: z.uuid(),
      partnerHandle: z.string(),
      status: z.enum(["pending", "active", "ended"]),
      direction: z.enum(["outgoing", "incoming"]),
      myShares: z.array(ShareItem),
      createdAt: z.string(),
      acceptedAt: z.string().nullable(),
      endedAt: z.string().nullable(),
    }),
  ),
  /** Notices I received and encouragements I sent. */
  noticesReceived: z.array(Notice.omit({ read: true }).extend({ readAt: z.string().nullable() })),
  encouragementsSent: z.array(z.object({ toHandle: z.string(), message: z.string(), createdAt: z.string() })),
  /** What I share with each group I am in now. */
  groupShares: z.array(
    z.object({ groupId: z.uuid(), groupName: z.string(), shares: z.array(GroupShareItem), since: z.string() }),
  ),
});
export type ProgressExport = z.infer<typeof ProgressExport>;
