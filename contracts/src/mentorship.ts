import { z } from "zod";
import { ReportReason } from "./forums.ts";
import { ClockTime, LocalDate, SharedView, TimeZone } from "./progress.ts";
import { CrisisNotice } from "./safety.ts";

/*
 * Peer mentorship: mentor training, mentor profiles with their limits (capacity, pause, quiet
 * hours), explained suggestions, requests, private messages, shared progress items, and a
 * wellbeing check-in for mentors. Messages are private to the two people.
 */

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

// ───────────────────────────── Vocabulary ─────────────────────────────

// The directory's words, repeated here: accounts imports this file and directory imports accounts.
/** What someone is recovering from (the same words as a group's focus). */
export const GroupFocus = z.enum(["alcohol", "narcotics", "gambling", "mental_health", "family_friends", "other"]);
/** A language tag such as `en` or `es`. */
const LanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "Use a language code such as en or es.");

/** How a mentor supports someone: the fellowships' own words (a 12-step sponsor, a SMART mentor, …). */
export const MentorFormat = z.enum(["twelve_step", "smart", "recovery_dharma", "secular", "recovery_coach", "other"]);
export type MentorFormat = z.infer<typeof MentorFormat>;
/** Time in recovery as a range: enough to trust, never a date that identifies someone. */
export const TimeInRecovery = z.enum(["under_1", "1_2", "2_5", "5_10", "10_plus"]);
export type TimeInRecovery = z.infer<typeof TimeInRecovery>;
/** A gender the mentor may choose to state, only so that members who ask for the same can find them. */
export const Gender = z.enum(["woman", "man", "non_binary"]);
export type Gender = z.infer<typeof Gender>;
/** Why a mentor says "not now": shown to the member as kind words, never as a rejection. */
export const DeclineReason = z.enum(["capacity", "fit", "timing", "break"]);
export type DeclineReason = z.infer<typeof DeclineReason>;
export const MentorshipStatus = z.enum(["requested", "active", "declined", "withdrawn", "ended"]);
export type MentorshipStatus = z.infer<typeof MentorshipStatus>;
/** What a mentee may share with their mentor (check-ins: mood and craving only, never notes). */
export const MENTOR_SHARE_ITEMS = ["journeys", "milestones", "goals", "checkins"] as const;
export const MentorShareItem = z.enum(MENTOR_SHARE_ITEMS);
export type MentorShareItem = z.infer<typeof MentorShareItem>;
export const Weekday = z.number().int().min(0).max(6);

/** The longest private message. */
export const MAX_MESSAGE_CHARS = 4000;
/** How many messages one page of history holds at most. */
export const MAX_PAGE = 100;

// ───────────────────────────── Training ─────────────────────────────

export const TrainingSection = z.object({ title: required(120, "a title"), body: required(4000, "some words") });
export type TrainingSection = z.infer<typeof TrainingSection>;
/** A question of the knowledge check, as someone taking it sees it (no answer). */
export const TrainingQuestion = z.object({
  prompt: z.string(),
  options: z.array(z.string()),
});
export const TrainingQuestionInput = z
  .object({
    prompt: required(300, "a question"),
    options: z
      .array(required(200, "an answer"))
      .min(2, "A question needs at least two answers.")
      .max(5, "A question can have up to five answers."),
    /** The index of the right answer. */
    answer: z.number().int().min(0).max(4),
    /** Shown after an answer, whichever it was: why this is the caring choice. */
    explanation: line(600).default(""),
  })
  .strict()
  .refine((q) => q.answer < q.options.length, {
    message: "The right answer must be one of the answers.",
    path: ["answer"],
  });
export type TrainingQuestionInput = z.infer<typeof TrainingQuestionInput>;

/** The whole module as an organisation admin edits it. */
export const TrainingModuleInput = z
  .object({
    title: required(120, "a title"),
    intro: line(2000).default(""),
    sections: z.array(TrainingSection).min(1, "Add at least one section.").max(12),
    questions: z.array(TrainingQuestionInput).min(1, "Add at least one question.").max(20),
  })
  .strict();
export type TrainingModuleInput = z.infer<typeof TrainingModuleInput>;

export const TrainingModule = z.object({
  title: z.string(),
  intro: z.string(),
  version: z.number().int(),
  sections: z.array(z.object({ title: z.string(), body: z.string() })),
  questions: z.array(TrainingQuestion),
  me: z.object({
    passed: z.boolean(),
    passedAt: z.string().nullable(),
    /** An organisation admin may edit the module. */
    canEdit: z.boolean(),
  }),
});
export type TrainingModule = z.infer<typeof TrainingModule>;
/** For editing: the questions with their answers. */
export const TrainingModuleEdit = z.object({
  title: z.string(),
  intro: z.string(),
  version: z.number().int(),
  sections: z.array(z.object({ title: z.string(), body: z.string() })),
  questions: z.array(
    z.object({ prompt: z.string(), options: z.array(z.string()), answer: z.number().int(), explanation: z.string() }),
  ),
});
export type TrainingModuleEdit = z.infer<typeof TrainingModuleEdit>;

/** `?lang=es`: the built-in module in Spanish (a module an admin has edited is shown as written). */
export const TrainingQuery = z.object({ lang: z.enum(["en", "es"]).optional() }).strict();
export type TrainingQuery = z.infer<typeof TrainingQuery>;
export const TrainingAttempt = z.object({ answers: z.array(z.number().int().min(0).max(4)).min(1).max(20) }).strict();
export type TrainingAttempt = z.infer<typeof TrainingAttempt>;
export const TrainingResult = z.object({
  passed: z.boolean(),
  results: z.array(z.object({ correct: z.boolean(), explanation: z.string() })),
});
export type TrainingResult = z.infer<typeof TrainingResult>;

// ───────────────────────────── Mentor profile ─────────────────────────────

const Availability = z
  .object({
    days: z.array(Weekday).max(7).default([]),
    from: ClockTime.nullable().default(null),
    to: ClockTime.nullable().default(null),
  })
  .strict();
const QuietHours = z.object({ from: ClockTime, to: ClockTime }).strict();

export const MentorProfileInput = z
  .object({
    timeInRecovery: TimeInRecovery,
    focus: z.array(GroupFocus).min(1, "Choose at least one focus.").max(6),
    formats: z.array(MentorFormat).min(1, "Choose at least one way you support people.").max(6),
    languages: z.array(LanguageTag).min(1, "Choose at least one language.").max(6),
    timeZone: TimeZone,
    availability: Availability.default({ days: [], from: null, to: null }),
    canHelpWith: line(1000).default(""),
    cannotHelpWith: line(1000).default(""),
    about: line(1000).default(""),
    capacity: z
      .number()
      .int()
      .min(1, "Capacity is at least one.")
      .max(6, "Six people at once is the most we allow.")
      .default(2),
    /** Stated only if the mentor chooses, so members who ask for the same can find them. */
    gender: Gender.nullable().default(null),
    quietHours: QuietHours.nullable().default(null),
    /** Offered to members; false keeps the profile as a draft. */
    published: z.boolean().default(true),
  })
  .strict();
export type MentorProfileInput = z.input<typeof MentorProfileInput>;

export const PauseInput = z.object({ until: LocalDate.nullable().default(null) }).strict();
export type PauseInput = z.input<typeof PauseInput>;

/** The mentor's own view of their profile and how they are doing. */
export const MyMentorProfile = z.object({
  trained: z.boolean(),
  profile: z
    .object({
      id: z.uuid(),
      timeInRecovery: TimeInRecovery,
      focus: z.array(GroupFocus),
      formats: z.array(MentorFormat),
      languages: z.array(z.string()),
      timeZone: z.string(),
      availability: z.object({ days: z.array(z.number()), from: z.string().nullable(), to: z.string().nullable() }),
      canHelpWith: z.string(),
      cannotHelpWith: z.string(),
      about: z.string(),
      capacity: z.number().int(),
      gender: Gender.nullable(),
      quietHours: z.object({ from: z.string(), to: z.string() }).nullable(),
      published: z.boolean(),
      paused: z.boolean(),
      pausedUntil: z.string().nullable(),
    })
    .nullable(),
  activeMentees: z.number().int(),
  /** People this mentor has walked beside (every mentorship that became active). */
  helped: z.number().int(),
  /** Offered to members right now, and if not, why. */
  offered: z.boolean(),
  notOfferedBecause: z.enum(["draft", "paused", "full", "quiet_hours"]).nullable(),
  wellbeing: z.object({ due: z.boolean(), dueAt: z.string().nullable(), lastAt: z.string().nullable() }),
});
export type MyMentorProfile = z.infer<typeof MyMentorProfile>;

// ───────────────────────────── Suggestions ─────────────────────────────

/** What the member looks for; used to rank mentors. All optional. */
export const MenteePreferences = z
  .object({
    focus: z.array(GroupFocus).max(6).default([]),
    formats: z.array(MentorFormat).max(6).default([]),
    languages: z.array(LanguageTag).max(6).default([]),
    timeZone: TimeZone.nullable().default(null),
    days: z.array(Weekday).max(7).default([]),
    /** Only mentors who state the same gender as the member. */
    sameGender: z.boolean().default(false),
    gender: Gender.nullable().default(null),
  })
  .strict()
  .refine((p) => !p.sameGender || p.gender !== null, {
    message: "To ask for the same gender, say which gender you are.",
    path: ["gender"],
  });
export type MenteePreferences = z.input<typeof MenteePreferences>;
export const MenteePreferencesView = z.object({
  focus: z.array(GroupFocus),
  formats: z.array(MentorFormat),
  languages: z.array(z.string()),
  timeZone: z.string().nullable(),
  days: z.array(z.number()),
  sameGender: z.boolean(),
  gender: Gender.nullable(),
});
export type MenteePreferencesView = z.infer<typeof MenteePreferencesView>;

export const ReasonCode = z.enum([
  "focus",
  "format",
  "language",
  "time_zone",
  "days",
  "gender",
  "experience",
  "available",
]);
export type ReasonCode = z.infer<typeof ReasonCode>;
/** Why a mentor is suggested: a code the web client words, the values it names, and plain English. */
export const Reason = z.object({ code: ReasonCode, values: z.array(z.string()), text: z.string() });
export type Reason = z.infer<typeof Reason>;

/** A suggested mentor. Fixed contract: `id`, `handle`, `capacity`, `activeMentees`, `reasons`. */
export const MentorSuggestion = z.object({
  id: z.uuid(),
  handle: z.string(),
  capacity: z.number().int(),
  activeMentees: z.number().int(),
  reasons: z.array(Reason),
  timeInRecovery: TimeInRecovery,
  focus: z.array(GroupFocus),
  formats: z.array(MentorFormat),
  languages: z.array(z.string()),
  timeZone: z.string(),
  availability: z.object({ days: z.array(z.number()), from: z.string().nullable(), to: z.string().nullable() }),
  canHelpWith: z.string(),
  cannotHelpWith: z.string(),
  about: z.string(),
});
export type MentorSuggestion = z.infer<typeof MentorSuggestion>;
export const MentorSuggestions = z.object({ items: z.array(MentorSuggestion) });
export type MentorSuggestions = z.infer<typeof MentorSuggestions>;

// ───────────────────────────── Mentorships ─────────────────────────────

export const MentorshipRequest = z
  .object({ mentorId: z.uuid(), message: required(500, "a few words about what you're looking for") })
  .strict();
export type MentorshipRequest = z.infer<typeof MentorshipRequest>;
export const DeclineInput = z.object({ reason: DeclineReason }).strict();
export const EndInput = z.object({ note: required(1000, "a closing note") }).strict();
export const SharesInput = z.object({ items: z.array(MentorShareItem).max(MENTOR_SHARE_ITEMS.length) }).strict();
export const HandoffAccept = MentorshipRequest;

/** A mentorship's conversation, or a direct conversation between two members outside one. */
export const ConversationKind = z.enum(["mentorship", "direct"]);
export type ConversationKind = z.infer<typeof ConversationKind>;

export const Mentorship = z.object({
  id: z.uuid(),
  /** `direct`: a conversation outside a mentorship (always active; no shares, hand-off or end). */
  kind: ConversationKind,
  status: MentorshipStatus,
  /** The viewer's side (in a direct conversation: "mentor" is the one who started it). */
  role: z.enum(["mentor", "mentee"]),
  other: z.object({ handle: z.string() }),
  requestMessage: z.string(),
  declineReason: DeclineReason.nullable(),
  endNote: z.string().nullable(),
  endedBy: z.enum(["me", "them"]).nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** What the mentee shares with the mentor. */
  shares: z.array(MentorShareItem),
  /** The mentor, needing a break, suggests the mentee moves to another mentor. */
  handoffProposed: z.boolean(),
  /** This request came from a hand-off. */
  handoff: z.boolean(),
  unread: z.number().int(),
  /** What the viewer may do now (the web client never re-derives the rules). */
  can: z.object({
    accept: z.boolean(),
    decline: z.boolean(),
    withdraw: z.boolean(),
    end: z.boolean(),
    message: z.boolean(),
    share: z.boolean(),
    seeShared: z.boolean(),
    proposeHandoff: z.boolean(),
    answerHandoff: z.boolean(),
  }),
});
export type Mentorship = z.infer<typeof Mentorship>;
export const MentorshipList = z.object({ items: z.array(Mentorship) });

export const Message = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  mentorshipId: z.uuid(),
  from: z.string(),
  mine: z.boolean(),
  text: z.string(),
  at: z.string(),
});
export type Message = z.infer<typeof Message>;
export const MessageInput = z
  .object({
    /** The client's own id for this send, so a retry is not a duplicate. */
    id: z.string().min(1).max(64),
    text: required(MAX_MESSAGE_CHARS, "a message"),
  })
  .strict();
export const HistoryQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
});
export const MessagePage = z.object({
  /** Oldest first. */
  items: z.array(Message),
  /** Pass as `before` for the page before this one; null at the start of the conversation. */
  nextBefore: z.number().int().nullable(),
  /** The last message each side has read. */
  readUpTo: z.object({ mine: z.number().int(), theirs: z.number().int() }),
});
export type MessagePage = z.infer<typeof MessagePage>;
export const ReadInput = z.object({ seq: z.number().int().min(0) }).strict();
/** A sent message; `crisis` only when its words showed crisis language (the sender sees who to talk to). */
export const SentMessage = Message.extend({ crisis: CrisisNotice.optional() });
export type SentMessage = z.infer<typeof SentMessage>;

/** The most messages one report of a conversation copies for the moderators. */
export const MAX_REPORTED_MESSAGES = 20;
/**
 * Reporting a conversation to the moderators: the chosen messages (by `seq`) or the last few, a
 * reason and a note. Only what is chosen is copied into the report; moderators read nothing else.
 */
export const ConversationReportInput = z
  .object({
    reason: ReportReason,
    note: line(2000).default(""),
    seqs: z.array(z.number().int().positive()).min(1).max(MAX_REPORTED_MESSAGES).optional(),
    last: z.number().int().min(1).max(MAX_REPORTED_MESSAGES).optional(),
  })
  .strict()
  .refine((r) => (r.seqs === undefined) !== (r.last === undefined), {
    message: "Choose the messages to report, or how many of the latest.",
    path: ["seqs"],
  });
export type ConversationReportInput = z.input<typeof ConversationReportInput>;

/** What a mentee shares with their mentor (each view is written to the mentee's access log). */
export const MentorSharedView = SharedView.omit({ partner: true, shares: true, plan: true }).extend({
  mentee: z.object({ handle: z.string() }),
  shares: z.array(MentorShareItem),
});
export type MentorSharedView = z.infer<typeof MentorSharedView>;

// ───────────────────────────── Direct messages outside a mentorship ─────────────────────────────

/**
 * Who may start a direct conversation with me: no one (the default: my mentor and mentees only), my
 * accountability partners, or my partners and the people in groups I'm in.
 */
export const DmAllow = z.enum(["nobody", "partners", "groups"]);
export type DmAllow = z.infer<typeof DmAllow>;
export const DmSettings = z.object({ allow: DmAllow }).strict();
export type DmSettings = z.infer<typeof DmSettings>;
/** Messages from others, after my read marker, in my active mentorships and direct conversations. */
export const UnreadMessages = z.object({ unread: z.number().int().nonnegative() });
export type UnreadMessages = z.infer<typeof UnreadMessages>;
export const DirectStart = z.object({ handle: z.string().trim().min(1, "Please give their handle.").max(64) }).strict();
export type DirectStart = z.infer<typeof DirectStart>;

// ───────────────────────────── Mentor wellbeing ─────────────────────────────

export const TimeSpent = z.enum(["under_1h", "1_3h", "3_6h", "over_6h"]);
export const WellbeingInput = z
  .object({
    /** 1 (struggling) … 5 (doing well). */
    feeling: z.number().int().min(1).max(5),
    timeSpent: TimeSpent,
    needBreak: z.boolean().default(false),
    /** Private: only the mentor sees it, in their export. */
    note: line(1000).default(""),
  })
  .strict();
export type WellbeingInput = z.input<typeof WellbeingInput>;
export const WellbeingResult = z.object({
  /** The mentor reports strain: the page offers a pause and a hand-off. */
  strain: z.boolean(),
  nextDueAt: z.string(),
});

// ───────────────────────────── The socket protocol (on the shared /ws) ─────────────────────────────

const MentorshipId = z.uuid();
/** What a client may send about private messages. */
export const MentorshipClientMessages = [
  /** Receive this member's private messages, receipts and typing on this socket. */
  z.object({ type: z.literal("dm.watch") }),
  z.object({
    type: z.literal("dm.send"),
    mentorship: MentorshipId,
    id: z.string().min(1).max(64),
    text: required(MAX_MESSAGE_CHARS, "a message"),
  }),
  z.object({ type: z.literal("dm.read"), mentorship: MentorshipId, seq: z.number().int().min(0) }),
  z.object({ type: z.literal("dm.typing"), mentorship: MentorshipId }),
] as const;

/** What the server sends about private messages. */
export const MentorshipServerMessages = [
  z.object({ type: z.literal("dm.watching") }),
  z.object({ type: z.literal("dm.message"), message: Message }),
  z.object({ type: z.literal("dm.read"), mentorship: MentorshipId, handle: z.string(), seq: z.number().int() }),
  z.object({ type: z.literal("dm.typing"), mentorship: MentorshipId, handle: z.string() }),
  /** Something about a mentorship changed (a request, an answer, an end): fetch it again. */
  z.object({ type: z.literal("dm.changed"), mentorship: MentorshipId }),
  /** To the sending socket only: what they just sent shows crisis language; here is who to talk to. */
  z.object({ type: z.literal("dm.crisis"), mentorship: MentorshipId, id: z.string(), crisis: CrisisNotice }),
] as const;
export const MentorshipServerMessage = z.discriminatedUnion("type", [...MentorshipServerMessages]);
export type MentorshipServerMessage = z.infer<typeof MentorshipServerMessage>;

// ───────────────────────────── Export ─────────────────────────────

export const MentorshipExport = z.object({
  profile: MyMentorProfile.shape.profile,
  preferences: MenteePreferencesView.nullable(),
  training: z.array(z.object({ version: z.number().int(), passedAt: z.string() })),
  mentorships: z.array(
    z.object({
      id: z.uuid(),
      role: z.enum(["mentor", "mentee"]),
      otherHandle: z.string(),
      status: MentorshipStatus,
      requestMessage: z.string(),
      endNote: z.string().nullable(),
      shares: z.array(MentorShareItem),
      createdAt: z.string(),
      endedAt: z.string().nullable(),
      messages: z.array(z.object({ from: z.string(), text: z.string(), at: z.string() })),
    }),
  ),
  /** Direct messages outside a mentorship: my setting and my conversations. */
  direct: z.object({
    allow: DmAllow,
    conversations: z.array(
      z.object({
        id: z.uuid(),
        otherHandle: z.string(),
        startedByMe: z.boolean(),
        createdAt: z.string(),
        messages: z.array(z.object({ from: z.string(), text: z.string(), at: z.string() })),
      }),
    ),
  }),
  wellbeing: z.array(
    z.object({
      feeling: z.number().int(),
      timeSpent: z.string(),
      needBreak: z.boolean(),
      note: z.string(),
      at: z.string(),
    }),
  ),
});
export type MentorshipExport = z.infer<typeof MentorshipExport>;
