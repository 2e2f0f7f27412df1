import { z } from "zod";

/** Who may see one piece of a member's data. Private is always the default. */
export const Visibility = z.enum(["private", "mentor", "group", "public"]);
export type Visibility = z.infer<typeof Visibility>;

/** Stable error codes; the web client translates them, the message is for people reading the API. */
export const ErrorCode = z.enum([
  "invalid",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "too_large",
  "rate_limited",
  "internal",
  /** 403 at sign-in: the account is suspended or closed; `restriction` says until when and why. */
  "account_restricted",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one error shape every route returns. */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    field: z.string().optional(),
    /** Only when a suspended or banned member tries to sign in: what is in force, until when, and why. */
    restriction: z
      .object({ kind: z.enum(["suspend", "ban"]), endsAt: z.iso.datetime().nullable(), reason: z.string() })
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Health = z.object({ status: z.enum(["ok", "unavailable"]) });

/** What the web client needs to know of this instance. Map tiles are off unless the operator sets them. */
export const Instance = z.object({ mapTileUrl: z.string().nullable(), mapAttribution: z.string().nullable() });

export const IdParam = z.object({ id: z.uuid() });

/** A list response: every collection is `{ items: [...] }` so it can grow pagination later. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
