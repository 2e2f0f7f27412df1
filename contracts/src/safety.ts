import { z } from "zod";

/** Another member, by handle (accounts imports this file for the export, so it is not reused from there). */
const Handle = z.string().trim().min(1, "Please give their handle.").max(64);

/** Two-letter country code (ISO 3166-1 alpha-2), upper-cased. */
export const CountryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "Please give a two-letter country code, like US or ES.")
  .transform((s) => s.toUpperCase());

/** A crisis line: a phone number to call, a number to text, or a website; always with its source. */
export const CrisisLine = z.object({
  name: z.string(),
  phone: z.string().optional(),
  text: z.string().optional(),
  url: z.string().optional(),
  /** Where this line's details were checked. */
  source: z.string(),
});
export type CrisisLine = z.infer<typeof CrisisLine>;

/** `GET /api/crisis-lines?country=XX` (fixed contract): that country's lines, then an international fallback. */
export const CrisisLineList = z.object({ items: z.array(CrisisLine) });
export type CrisisLineList = z.infer<typeof CrisisLineList>;
export const CrisisLinesQuery = z.object({ country: CountryCode.optional() });

/** Every country the directory covers, for a country picker. */
export const CrisisCountries = z.object({
  items: z.array(z.object({ country: z.string(), lines: z.array(CrisisLine) })),
  fallback: z.array(CrisisLine),
});
export type CrisisCountries = z.infer<typeof CrisisCountries>;

export const Severity = z.enum(["high", "medium", "low"]);
export type Severity = z.infer<typeof Severity>;
export const CrisisCategory = z.enum(["suicide", "self_harm", "overdose", "danger", "distress"]);
export type CrisisCategory = z.infer<typeof CrisisCategory>;

/**
 * What a create response (post, reply, check-in; and the screen route) carries when its text shows
 * crisis language (fixed contract): the severity and the crisis lines for the author's country.
 */
export const CrisisNotice = z.object({
  severity: Severity,
  category: CrisisCategory,
  resources: z.array(CrisisLine),
});
export type CrisisNotice = z.infer<typeof CrisisNotice>;

export const Lang = z.enum(["en", "es"]);
/** `POST /api/safety/screen`: the text is checked and forgotten; nothing is stored or logged. */
export const ScreenBody = z
  .object({
    text: z.string().max(20_000, "That's longer than anything Kinship stores."),
    lang: Lang.optional(),
    country: CountryCode.optional(),
  })
  .strict();
export const ScreenResult = z.object({ crisis: CrisisNotice.nullable() });
export type ScreenResult = z.infer<typeof ScreenResult>;

// ───────────────────────────── Responders and alerts ─────────────────────────────

/** Where a responder serves: an organisation, or the public community (`organisationId` null). */
export const ResponderScope = z.object({ organisationId: z.uuid().nullable() });
export const ScopeQuery = z.object({ organisation: z.uuid().optional() });

export const Responder = z.object({
  memberId: z.uuid(),
  handle: z.string(),
  grantedBy: z.string().nullable(),
  grantedAt: z.string(),
});
export type Responder = z.infer<typeof Responder>;
export const ResponderList = z.object({ items: z.array(Responder) });
export const ResponderGrant = z.object({ handle: Handle, organisationId: z.uuid().nullable() }).strict();
export const ResponderParams = z.object({ memberId: z.uuid() });

/** Where and what I may respond to: each scope I serve (organisation name, or the community). */
export const MyScopes = z.object({
  responder: z.array(z.object({ organisationId: z.uuid().nullable(), name: z.string() })),
  /** Scopes where I may grant responders and manage services (organisation admin; community moderator). */
  admin: z.array(z.object({ organisationId: z.uuid().nullable(), name: z.string() })),
});
export type MyScopes = z.infer<typeof MyScopes>;

export const AlertSource = z.enum(["forum_post", "room_message", "checkin", "direct_message"]);
export const AlertStatus = z.enum(["open", "claimed", "closed"]);
export const AlertOutcome = z.enum([
  "reached_safe",
  "referred_professional",
  "emergency_services",
  "no_response",
  "not_a_crisis",
]);
export type AlertOutcome = z.infer<typeof AlertOutcome>;

/** An alert in a responder's queue. The author's words are kept only as the sentence that matched, until closed. */
export const Alert = z.object({
  id: z.uuid(),
  severity: Severity,
  category: CrisisCategory,
  rule: z.string(),
  ruleDescription: z.string(),
  source: AlertSource,
  /** Where it was said: a board and thread title, a group's room, or "a private check-in". */
  place: z.string(),
  /** A link inside Kinship to the post or room, when the responder may open it. */
  link: z.string().nullable(),
  author: z.string(),
  /** The sentence that matched (posts and room messages only; never a check-in's words); null once closed. */
  excerpt: z.string().nullable(),
  status: AlertStatus,
  claimedBy: z.string().nullable(),
  mine: z.boolean(),
  outcome: AlertOutcome.nullable(),
  createdAt: z.string(),
});
export type Alert = z.infer<typeof Alert>;
export const AlertList = z.object({ items: z.array(Alert) });
export const AlertQuery = z.object({
  status: z.enum(["active", "closed"]).default("active"),
  organisation: z.uuid().optional(),
});

export const AlertMessage = z.object({
  id: z.uuid(),
  from: z.string(),
  responder: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
});
export const AlertConversation = z.object({ alertId: z.uuid(), open: z.boolean(), items: z.array(AlertMessage) });
export type AlertConversation = z.infer<typeof AlertConversation>;
export const AlertMessageBody = z
  .object({
    body: z.string().trim().min(1, "Please write a few words.").max(2000, "Please keep it under 2,000 characters."),
  })
  .strict();
export const AlertClose = z
  .object({
    outcome: AlertOutcome,
    note: z.string().trim().max(1000, "Please keep the note under 1,000 characters.").default(""),
  })
  .strict();

export const AuditEntry = z.object({
  action: z.string(),
  actor: z.string().nullable(),
  at: z.string(),
  detail: z.string(),
});
export const AuditList = z.object({ items: z.array(AuditEntry) });

/** A member's side: the reach-outs responders started with me. */
export const MyReachOut = z.object({ alertId: z.uuid(), open: z.boolean(), startedAt: z.string(), lastAt: z.string() });
export const MyReachOutList = z.object({ items: z.array(MyReachOut) });

// ───────────────────────────── Professional services ─────────────────────────────

export const ServiceKind = z.enum(["treatment", "counselling", "harm_reduction", "detox", "support_line", "other"]);
export const ServiceCost = z.enum(["free", "sliding_scale", "insurance", "paid"]);
const short = (max: number) => z.string().trim().max(max, `Please keep this under ${max} characters.`);

export const ServiceInput = z
  .object({
    name: short(120).min(2, "Please give the service a name."),
    kind: ServiceKind,
    description: short(1000).default(""),
    languages: z
      .array(z.enum(["en", "es", "fr", "pt", "de", "other"]))
      .min(1, "Pick at least one language.")
      .max(6),
    cost: ServiceCost,
    phone: short(40).optional(),
    url: z
      .url({ protocol: /^https?$/, message: "Please give a full web address, starting with https://" })
      .max(300)
      .optional(),
    address: short(300).optional(),
    country: CountryCode.optional(),
  })
  .strict();
export type ServiceInput = z.infer<typeof ServiceInput>;
export const ServiceUpdate = ServiceInput.partial().strict();

export const Service = z.object({
  id: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  name: z.string(),
  kind: ServiceKind,
  description: z.string(),
  languages: z.array(z.string()),
  cost: ServiceCost,
  phone: z.string().nullable(),
  url: z.string().nullable(),
  address: z.string().nullable(),
  country: z.string().nullable(),
  canManage: z.boolean(),
});
export type Service = z.infer<typeof Service>;
export const ServiceList = z.object({ items: z.array(Service) });
export const ServiceQuery = z.object({
  kind: ServiceKind.optional(),
  language: z.string().max(8).optional(),
  organisation: z.uuid().optional(),
});
export const ServiceCreate = ServiceInput.extend({ organisationId: z.uuid() }).strict();

// ───────────────────────────── Professional review of coping strategies ─────────────────────────────

export const ReviewMark = z.enum(["reviewed", "misinformation"]);
export type ReviewMark = z.infer<typeof ReviewMark>;
export const ReviewBody = z
  .object({
    mark: ReviewMark,
    note: z
      .string()
      .trim()
      .min(3, "Please add a short note people will see.")
      .max(500, "Please keep the note under 500 characters."),
  })
  .strict();
export const PostReview = z.object({
  postId: z.uuid(),
  mark: ReviewMark,
  note: z.string(),
  by: z.string(),
  at: z.string(),
});
export type PostReview = z.infer<typeof PostReview>;
export const ThreadReviews = z.object({ items: z.array(PostReview), canReview: z.boolean() });
export type ThreadReviews = z.infer<typeof ThreadReviews>;

export const Professional = z.object({
  memberId: z.uuid(),
  handle: z.string(),
  title: z.string(),
  grantedAt: z.string(),
});
export const ProfessionalList = z.object({ items: z.array(Professional) });
export const ProfessionalGrant = z
  .object({
    handle: Handle,
    organisationId: z.uuid().nullable(),
    title: short(80).min(2, "Please give their role, like counsellor."),
  })
  .strict();

/** The member's section of their export: alerts their words raised, conversations, their safety roles. */
export const SafetyExport = z.object({
  alerts: z.array(
    z.object({
      id: z.uuid(),
      source: z.string(),
      place: z.string(),
      severity: z.string(),
      category: z.string(),
      rule: z.string(),
      status: z.string(),
      outcome: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  messages: z.array(
    z.object({ alertId: z.uuid(), fromResponder: z.boolean(), body: z.string(), createdAt: z.string() }),
  ),
  roles: z.array(
    z.object({
      role: z.enum(["responder", "professional"]),
      organisationId: z.uuid().nullable(),
      title: z.string().optional(),
    }),
  ),
});
export type SafetyExport = z.infer<typeof SafetyExport>;

// ───────────────────────────── On the shared socket ─────────────────────────────

/** A responder's socket asks to hear of alerts in the places they serve. */
export const SafetyClientMessages = [z.object({ type: z.literal("safety.watch") })] as const;

export const SafetyServerMessages = [
  /** Watching the alerts of these scopes (an organisation id, or null for the community). */
  z.object({ type: z.literal("safety.watching"), scopes: z.array(z.uuid().nullable()) }),
  /**
   * An alert was raised or changed (claimed, handed back, closed, raised again): fetch the queue
   * again. It carries no words and no author: the queue's own policy decides what the reader sees.
   */
  z.object({
    type: z.literal("safety.alert"),
    alertId: z.uuid(),
    organisationId: z.uuid().nullable(),
    change: z.enum(["new", "changed"]),
  }),
] as const;
