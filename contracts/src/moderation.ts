import { z } from "zod";
import { cleanText, ReportReason, ReportStatus } from "./forums.ts";

/*
 * Moderation and group dynamics: the code of conduct, reports of room messages and members (forum
 * posts are reported through the forums), the moderation queues, actions with reasons, appeals, the
 * audit log, trust levels, blocks and mutes between members, and mediation.
 */

const text = (max: number, empty: string, tooLong: string) =>
  z.string().transform(cleanText).pipe(z.string().trim().min(1, empty).max(max, tooLong));
const optionalNote = z
  .string()
  .transform(cleanText)
  .pipe(z.string().trim().max(2000, "Please keep the note under 2,001 characters."))
  .default("");

export { ReportReason, ReportStatus };

/** The current version of the community code of conduct; its words live in the web client's languages. */
export const CONDUCT_VERSION = "2026-11";

export const Conduct = z.object({
  version: z.string(),
  acceptedVersion: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  /** True when the member has not accepted the current version yet: the web client asks once. */
  needsAcceptance: z.boolean(),
});
export type Conduct = z.infer<typeof Conduct>;
export const ConductAccept = z.object({ version: z.string().max(40) });

// ─── Reports ───

export const ReportBody = z.object({ reason: ReportReason, note: optionalNote });
export const MemberReportBody = ReportBody.extend({
  /** The group where it happened, so the report goes to that organisation's moderators. */
  groupId: z.uuid().optional(),
});
export const RoomMessageParams = z.object({ id: z.uuid(), seq: z.coerce.number().int().min(1) });
export const HandleParam = z.object({ handle: z.string().min(1).max(64) });

/** `direct_message`: messages of a private conversation, copied into the report by one of its two people. */
export const ReportType = z.enum(["post", "room_message", "member", "direct_message"]);
export type ReportType = z.infer<typeof ReportType>;

export const MyReport = z.object({
  id: z.uuid(),
  type: ReportType,
  reason: ReportReason,
  note: z.string(),
  status: ReportStatus,
  createdAt: z.string(),
});
export const MyReports = z.object({ items: z.array(MyReport) });

// ─── Queues ───

/** "community" for the public community's boards, or an organisation's id. */
export const Scope = z.union([z.literal("community"), z.uuid()]);
export const ScopeQuery = z.object({ scope: Scope });

export const ScopeInfo = z.object({
  scope: z.string(),
  name: z.string(),
  /** Admins of the scope read its audit log and name its moderators. */
  admin: z.boolean(),
  openReports: z.number().int(),
  openAppeals: z.number().int(),
});
export const Scopes = z.object({ items: z.array(ScopeInfo) });

export const QueueItem = z.object({
  type: ReportType,
  id: z.uuid(),
  reason: ReportReason,
  status: ReportStatus,
  createdAt: z.string(),
  /** Null when the reported post is anonymous. */
  subjectHandle: z.string().nullable(),
  where: z.string(),
});
export const Queue = z.object({ items: z.array(QueueItem) });

export const ContextLine = z.object({
  from: z.string().nullable(),
  text: z.string(),
  at: z.string(),
  reported: z.boolean(),
  hidden: z.boolean().optional(),
});

export const ActionKind = z.enum(["hide", "warn", "mute", "suspend", "ban"]);
export type ActionKind = z.infer<typeof ActionKind>;

export const ActionSummary = z.object({
  id: z.uuid(),
  kind: ActionKind,
  reason: z.string(),
  createdAt: z.string(),
  endsAt: z.string().nullable(),
  revoked: z.boolean(),
  moderatorHandle: z.string().nullable(),
});

export const ReportDetail = z.object({
  type: ReportType,
  id: z.uuid(),
  scope: z.string(),
  where: z.string(),
  reason: ReportReason,
  note: z.string(),
  status: ReportStatus,
  createdAt: z.string(),
  subject: z.object({ handle: z.string().nullable(), anonymous: z.boolean() }),
  /** The reported post or message among what came just before it. */
  context: z.array(ContextLine),
  postId: z.uuid().nullable(),
  threadId: z.uuid().nullable(),
  /** Other reports on the same account (none shown for an anonymous post). */
  priorReports: z.array(
    z.object({ type: ReportType, reason: ReportReason, status: ReportStatus, createdAt: z.string() }),
  ),
  priorActions: z.array(ActionSummary),
});
export type ReportDetail = z.infer<typeof ReportDetail>;
export const ReportRef = z.object({ type: ReportType, id: z.uuid() });

// ─── Actions ───

export const Reason = text(
  1000,
  "Please give a reason the member will read.",
  "Please keep the reason under 1,001 characters.",
);

export const ActionCreate = z
  .object({
    kind: ActionKind,
    reason: Reason,
    /** The report this answers; the member and the content come from it. */
    report: ReportRef.optional(),
    /** Or a member directly, in a scope the moderator moderates. */
    scope: Scope.optional(),
    handle: z.string().min(1).max(64).optional(),
    /** Hours, for a mute or a suspension (up to 90 days). */
    hours: z
      .number()
      .int("Use whole hours.")
      .min(1, "At least one hour.")
      .max(24 * 90, "At most 90 days.")
      .optional(),
  })
  .strict();
export type ActionCreate = z.infer<typeof ActionCreate>;

export const Action = ActionSummary.extend({ memberHandle: z.string().nullable(), scope: z.string() });
export const DismissBody = z.object({ note: optionalNote });

// ─── The member's notices and appeals ───

export const Appeal = z.object({
  id: z.uuid(),
  status: z.enum(["open", "upheld", "overturned"]),
  note: z.string(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const Notice = z.object({
  id: z.uuid(),
  kind: ActionKind,
  reason: z.string(),
  createdAt: z.string(),
  endsAt: z.string().nullable(),
  active: z.boolean(),
  post: z.object({ id: z.uuid(), threadId: z.uuid(), threadTitle: z.string() }).nullable(),
  appeal: Appeal.nullable(),
  canAppeal: z.boolean(),
});
export const Notices = z.object({ items: z.array(Notice) });
export const AppealCreate = z.object({
  note: text(2000, "Please tell us why you'd like this looked at again.", "Please keep it under 2,001 characters."),
});

export const AppealForModerators = Appeal.extend({
  action: Action,
  /** The moderator who acted may not decide. */
  canDecide: z.boolean(),
});
export const AppealQueue = z.object({ items: z.array(AppealForModerators) });
export const AppealDecision = z.object({
  decision: z.enum(["upheld", "overturned"]),
  note: Reason,
});

// ─── Audit ───

export const AuditEntry = z.object({
  id: z.uuid(),
  at: z.string(),
  moderatorHandle: z.string().nullable(),
  /** Done by the instance operator on the server (`npm run admin`), not by a member. */
  byOperator: z.boolean(),
  event: z.string(),
  subjectHandle: z.string().nullable(),
  targetType: z.string().nullable(),
  detail: z.string(),
});
export const AuditLog = z.object({ items: z.array(AuditEntry) });

// ─── Moderators ───

export const Moderators = z.object({ items: z.array(z.object({ handle: z.string(), admin: z.boolean() })) });
export const ModeratorGrant = z.object({ scope: Scope, handle: z.string().min(1).max(64) });

// ─── Trust ───

export const TrustLevel = z.number().int().min(0).max(2);
export const Trust = z.object({
  level: TrustLevel,
  /** 0 new, 1 member, 2 trusted. */
  name: z.enum(["new", "member", "trusted"]),
  canPostLinks: z.boolean(),
  canStartDirectMessages: z.boolean(),
  /** When a new account's limits lift by time alone (it also needs a few posts). */
  opensAt: z.string().nullable(),
  postsNeeded: z.number().int(),
  setByModerator: z.boolean(),
  /** A mute or suspension in force, with when it ends. */
  restriction: z.object({ kind: ActionKind, endsAt: z.string().nullable() }).nullable(),
});
export type Trust = z.infer<typeof Trust>;
export const TrustSet = z.object({ level: TrustLevel.nullable(), reason: Reason });

// ─── Blocks ───

export const BlockKind = z.enum(["block", "mute"]);
export const BlockSet = z.object({ kind: BlockKind });
export const Blocks = z.object({
  items: z.array(z.object({ handle: z.string(), kind: BlockKind, createdAt: z.string() })),
});

// ─── Mediation ───

export const MediationCreate = z.object({
  groupId: z.uuid(),
  otherHandle: z.string().min(1).max(64),
  note: text(2000, "Please say a little about what's happening.", "Please keep it under 2,001 characters."),
});
export const Mediation = z.object({
  id: z.uuid(),
  groupName: z.string(),
  status: z.enum(["open", "active", "closed"]),
  requesterHandle: z.string(),
  otherHandle: z.string(),
  mediatorHandle: z.string().nullable(),
  /** Only the three people in it read the note. */
  note: z.string().nullable(),
  outcome: z.string().nullable(),
  createdAt: z.string(),
  role: z.enum(["requester", "other", "mediator", "available"]),
});
export const Mediations = z.object({ mine: z.array(Mediation), available: z.array(Mediation) });
export const MediationMessage = z.object({
  id: z.uuid(),
  from: z.string().nullable(),
  body: z.string(),
  at: z.string(),
});
export const MediationDetail = Mediation.extend({ messages: z.array(MediationMessage) });
export const MediationMessageCreate = z.object({
  body: text(4000, "Please write something first.", "Please keep a message under 4,001 characters."),
});
export const MediationClose = z.object({
  outcome: text(2000, "Please record how it went.", "Please keep it under 2,001 characters."),
});

// ─── The member's export ───

export const ModerationExport = z.object({
  conduct: z.object({ version: z.string(), acceptedAt: z.string() }).nullable(),
  reports: z.array(
    z.object({ type: ReportType, reason: ReportReason, note: z.string(), status: ReportStatus, createdAt: z.string() }),
  ),
  notices: z.array(
    z.object({
      kind: ActionKind,
      reason: z.string(),
      createdAt: z.string(),
      endsAt: z.string().nullable(),
      revoked: z.boolean(),
      appeal: Appeal.nullable(),
    }),
  ),
  blocks: z.array(z.object({ handle: z.string(), kind: BlockKind, createdAt: z.string() })),
  trust: z.object({ level: z.number().int(), reason: z.string(), updatedAt: z.string() }).nullable(),
  mediations: z.array(
    z.object({
      groupName: z.string(),
      status: z.enum(["open", "active", "closed"]),
      note: z.string().nullable(),
      outcome: z.string().nullable(),
      createdAt: z.string(),
      myMessages: z.array(z.object({ body: z.string(), at: z.string() })),
    }),
  ),
});
export type ModerationExport = z.infer<typeof ModerationExport>;

export type Queue = z.infer<typeof Queue>;
export type AppealQueue = z.infer<typeof AppealQueue>;
export type Notices = z.infer<typeof Notices>;
export type Mediations = z.infer<typeof Mediations>;
