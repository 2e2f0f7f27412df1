import { z } from "zod";
import { Visibility } from "./common.ts";
import { ForumsExport } from "./forums.ts";
import { MentorshipExport } from "./mentorship.ts";
import { AppealCreate, ModerationExport } from "./moderation.ts";
import { ProgressExport } from "./progress.ts";
import { RoomsExport } from "./rooms.ts";
import { SafetyExport } from "./safety.ts";

export const HANDLE_PATTERN = /^[A-Za-z0-9_-]+$/;

/** 3–32 letters, digits, `_` or `-`; unique regardless of case. */
export const Handle = z
  .string()
  .trim()
  .min(3, "A handle needs at least 3 characters.")
  .max(32, "A handle can be at most 32 characters.")
  .regex(HANDLE_PATTERN, "A handle can use letters, digits, _ and - only.");

/** At least 12 characters, no composition rules; the server also refuses common ones. */
export const Passphrase = z
  .string()
  .min(12, "A passphrase needs at least 12 characters.")
  .max(512, "A passphrase can be at most 512 characters.");

export const SignupBody = z.object({ handle: Handle, passphrase: Passphrase });
export type SignupBody = z.infer<typeof SignupBody>;

/** Login does not re-check the rules so that the error never says which part was wrong. */
export const LoginBody = z.object({
  handle: z.string().trim().min(1, "Enter your handle.").max(64),
  passphrase: z.string().min(1, "Enter your passphrase.").max(512),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** A suspended or banned member cannot sign in; they appeal with their handle and passphrase instead. */
export const SignedOutAppealBody = LoginBody.extend({ note: AppealCreate.shape.note }).strict();
export type SignedOutAppealBody = z.infer<typeof SignedOutAppealBody>;

export const ProfileFieldName = z.enum(["displayName", "pronouns", "recoveryFocus", "timeZone", "language"]);
export type ProfileFieldName = z.infer<typeof ProfileFieldName>;

export const LANGUAGES = ["en", "es"] as const;
export const Language = z.enum(LANGUAGES);

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
};
export const TimeZone = z.string().max(64).refine(isTimeZone, "Choose a time zone such as Europe/London.");

/** The value schema of each profile field; null clears it. */
export const ProfileValues = {
  displayName: z.string().trim().min(1).max(60),
  pronouns: z.string().trim().min(1).max(40),
  recoveryFocus: z.string().trim().min(1).max(120),
  timeZone: TimeZone,
  language: Language,
} as const;

const field = <T extends z.ZodType>(value: T) => z.object({ value: value.nullable(), visibility: Visibility });

export const Profile = z.object({
  displayName: field(z.string()),
  pronouns: field(z.string()),
  recoveryFocus: field(z.string()),
  timeZone: field(z.string()),
  language: field(Language),
});
export type Profile = z.infer<typeof Profile>;

const fieldUpdate = <T extends z.ZodType>(value: T) =>
  z.object({ value: value.nullable().optional(), visibility: Visibility.optional() }).strict();

/** Change any subset of profile fields; each carries a new value, a new visibility, or both. */
export const ProfileUpdate = z
  .object({
    displayName: fieldUpdate(ProfileValues.displayName),
    pronouns: fieldUpdate(ProfileValues.pronouns),
    recoveryFocus: fieldUpdate(ProfileValues.recoveryFocus),
    timeZone: fieldUpdate(ProfileValues.timeZone),
    language: fieldUpdate(ProfileValues.language),
  })
  .partial()
  .strict();
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

/** The signed-in member, as only they see themselves. */
export const Me = z.object({
  id: z.uuid(),
  handle: z.string(),
  email: z.string().nullable(),
  createdAt: z.string(),
  profile: Profile,
});
export type Me = z.infer<typeof Me>;
/** Who is signed in on this device, or null: the web app's first question, always a 200. */
export const SignedIn = z.object({ me: Me.nullable() });
export type SignedIn = z.infer<typeof SignedIn>;

export const EmailUpdate = z.object({
  email: z.email("Enter an e-mail address such as name@example.org.").max(254).nullable(),
});

/** Another member as the viewer may see them: only the fields they chose to show. */
export const PublicMember = z.object({
  handle: z.string(),
  profile: z.object({
    displayName: z.string().optional(),
    pronouns: z.string().optional(),
    recoveryFocus: z.string().optional(),
    timeZone: z.string().optional(),
    language: Language.optional(),
  }),
});
export type PublicMember = z.infer<typeof PublicMember>;

export const HandleParam = z.object({ handle: z.string().min(1).max(64) });

export const PassphraseChange = z.object({
  currentPassphrase: z.string().min(1, "Enter your current passphrase.").max(512),
  newPassphrase: Passphrase,
});

export const PassphraseConfirm = z.object({
  passphrase: z.string().min(1, "Enter your passphrase to confirm.").max(512),
});

export const Session = z.object({
  id: z.uuid(),
  current: z.boolean(),
  device: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});
export type Session = z.infer<typeof Session>;
export const SessionList = z.object({ items: z.array(Session) });

export const AccessLogEntry = z.object({
  id: z.uuid(),
  viewedAt: z.string(),
  viewer: z.object({ handle: z.string().nullable(), role: z.string() }),
  recordType: z.string(),
  reason: z.string(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;
export const AccessLog = z.object({ items: z.array(AccessLogEntry) });

/** A group the member belongs to or asked to join, as the export holds it. */
export const ExportedMembership = z.object({
  groupId: z.uuid(),
  groupName: z.string(),
  organisationName: z.string(),
  role: z.enum(["member", "co_facilitator", "facilitator"]),
  status: z.enum(["requested", "active"]),
  /** When they accepted the group's confidentiality agreement. */
  agreementAcceptedAt: z.string(),
  requestMessage: z.string().nullable(),
  since: z.string(),
});

/** The member's data export; later features add their own sections. */
export const Export = z.object({
  format: z.literal("kinship-export/1"),
  exportedAt: z.string(),
  account: z.object({ id: z.uuid(), handle: z.string(), email: z.string().nullable(), createdAt: z.string() }),
  profile: Profile,
  sessions: z.array(Session.omit({ current: true })),
  accessLog: z.array(AccessLogEntry),
  groups: z.array(ExportedMembership),
  /** Organisations the member is an admin of. */
  administeredOrganisations: z.array(z.object({ organisationId: z.uuid(), name: z.string(), since: z.string() })),
  meetingFollows: z.array(
    z.object({ meetingId: z.uuid(), meetingName: z.string(), groupName: z.string(), since: z.string() }),
  ),
  /** "I'm going": one entry per occurrence, its date local to the meeting. */
  meetingRsvps: z.array(
    z.object({ meetingId: z.uuid(), meetingName: z.string(), occursOn: z.string(), createdAt: z.string() }),
  ),
  /** Changes the member proposed to meeting listings, with what became of them. */
  meetingSuggestions: z.array(
    z.object({
      id: z.uuid(),
      meetingId: z.uuid(),
      meetingName: z.string(),
      changes: z.record(z.string(), z.unknown()),
      note: z.string(),
      status: z.enum(["open", "accepted", "declined"]),
      createdAt: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
  /** Journeys, check-ins, goals, the plan, partnerships and notices. */
  progress: ProgressExport,
  /** The member's forum posts and replies, reactions, trigger filters, follows and reports. */
  forums: ForumsExport,
  /** Mentor training, profile and check-ins; mentorships with their conversations and what was shared. */
  mentorship: MentorshipExport,
  /** The code of conduct accepted, reports made, moderators' notices and appeals, blocks, mediations. */
  moderation: ModerationExport,
  /** Crisis alerts the member's words raised, responders' conversations with them, their safety roles. */
  safety: SafetyExport,
  /** Times a facilitator removed the member from a live room, with the reason. */
  rooms: RoomsExport,
});
export type Export = z.infer<typeof Export>;
