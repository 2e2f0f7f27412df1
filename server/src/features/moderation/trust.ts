import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { moderationActions } from "../../db/schema.ts";
import type { Actor } from "../../platform/actor.ts";
import { DomainError, Forbidden, RateLimited } from "../../platform/errors.ts";
import type { Limits } from "../../platform/limits.ts";

/*
 * Trust levels, computed in this one place. A new account (under NEW_DAYS days old, or with fewer
 * than NEW_POSTS posts and replies) posts under a tighter rate limit, cannot post links and cannot
 * start direct messages. Trust rises with time and positive participation (reactions received, no
 * moderator actions); any action in force in the last RECENT_DAYS days sets it back to new; a
 * moderator's setting replaces the computed level.
 */

export const NEW_DAYS = 3;
export const NEW_POSTS = 3;
export const TRUSTED_DAYS = 30;
export const TRUSTED_REACTIONS = 10;
export const RECENT_DAYS = 30;
const DAY = 86_400_000;

export type TrustLevel = 0 | 1 | 2;
export const TRUST_NAMES = ["new", "member", "trusted"] as const;

export type TrustFacts = {
  createdAt: Date;
  posts: number;
  reactionsReceived: number;
  recentActions: number;
  override: number | null;
};

/** The level from the facts; pure, so the rules can be tested on their own. */
export function levelFrom(f: TrustFacts, now = new Date()): TrustLevel {
  if (f.override !== null) return Math.max(0, Math.min(2, f.override)) as TrustLevel;
  if (f.recentActions > 0) return 0;
  const days = (now.getTime() - f.createdAt.getTime()) / DAY;
  if (days < NEW_DAYS || f.posts < NEW_POSTS) return 0;
  if (days >= TRUSTED_DAYS && f.reactionsReceived >= TRUSTED_REACTIONS) return 2;
  return 1;
}

/** The facts trust is computed from, in one round trip. */
export async function trustFacts(db: Db, memberId: string): Promise<TrustFacts | null> {
  const result = await db.execute(sql`
    select m.created_at,
           t.level as override,
           (select count(*)::int from forum_posts p where p.author_id = m.id and p.deleted_at is null) as posts,
           (select count(*)::int from forum_reactions r join forum_posts p on p.id = r.post_id
             where p.author_id = m.id) as reactions,
           (select count(*)::int from moderation_actions a where a.member_id = m.id and a.revoked_at is null
             and a.created_at > now() - make_interval(days => ${RECENT_DAYS})) as recent_actions
      from members m left join member_trust t on t.member_id = m.id
     where m.id = ${memberId}`);
  const row = (
    result as unknown as {
      rows: {
        created_at: string | Date;
        override: number | null;
        posts: number;
        reactions: number;
        recent_actions: number;
      }[];
    }
  ).rows[0];
  if (!row) return null;
  return {
    createdAt: new Date(row.created_at),
    override: row.override === null ? null : Number(row.override),
    posts: Number(row.posts),
    reactionsReceived: Number(row.reactions),
    recentActions: Number(row.recent_actions),
  };
}

export async function trustLevel(db: Db, memberId: string): Promise<TrustLevel> {
  const facts = await trustFacts(db, memberId);
  return facts ? levelFrom(facts) : 0;
}

/** A mute, suspension or ban in force on a member, with the reason the moderator gave. */
export type Restriction = { id: string; kind: "mute" | "suspend" | "ban"; endsAt: Date | null; reason: string };

/**
 * The mute, suspension or ban in force on a member (the strongest; of equals, the latest), as a
 * subquery that is null when there is none. Other features' queries carry it (rooms read it with the
 * room and seat, and store a message only while it is null), so the check costs no round trip of its own.
 */
export function restrictionInForce(memberId: string, now = new Date()) {
  return sql<Restriction | null>`(
    select json_build_object('id', a.id, 'kind', a.kind, 'endsAt', a.ends_at, 'reason', a.reason)
      from ${moderationActions} a
     where a.member_id = ${memberId} and a.kind in ('mute', 'suspend', 'ban') and a.revoked_at is null
       and (a.ends_at is null or a.ends_at > ${now.toISOString()})
     order by case a.kind when 'ban' then 3 when 'suspend' then 2 else 1 end desc, a.created_at desc
     limit 1)`.mapWith(toRestriction);
}

/** A restriction as the subquery above answers it (drivers hand JSON over parsed, or as text). */
function toRestriction(value: unknown): Restriction | null {
  if (value === null || value === undefined) return null;
  const r = (typeof value === "string" ? JSON.parse(value) : value) as Omit<Restriction, "endsAt"> & {
    endsAt: string | null;
  };
  return { id: r.id, kind: r.kind, endsAt: r.endsAt === null ? null : new Date(r.endsAt), reason: r.reason };
}

/** A mute, suspension or ban in force on the member (the strongest), or null. */
export async function activeRestriction(db: Db, memberId: string, now = new Date()) {
  const result = await db.execute(sql`select ${restrictionInForce(memberId, now)} as restriction`);
  return toRestriction((result as unknown as { rows: { restriction: unknown }[] }).rows[0]?.restriction);
}

/**
 * May this member start a direct conversation with someone? For the direct messages feature: not a
 * new account, and no mute, suspension or ban in force.
 */
export async function mayStartDirectMessages(db: Db, member: { id: string } | string): Promise<boolean> {
  const id = typeof member === "string" ? member : member.id;
  if ((await trustLevel(db, id)) < 1) return false;
  return (await activeRestriction(db, id)) === null;
}

// Links: a scheme, "www.", a Markdown link, or a bare domain with a common ending.
const LINK =
  /(\b[a-z][a-z0-9+.-]*:\/\/)|(\bwww\.)|(\]\([^)]*\))|(\b[a-z0-9-]+\.(com|org|net|io|co|info|biz|me|ly|app|xyz|ru|uk|es|de|fr|tk|gg|link|site|online|shop)\b)/i;
export const hasLink = (text: string) => LINK.test(text);

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/** The sentence a restricted member reads when they try to post or speak. */
export function restrictionMessage(r: { kind: "mute" | "suspend" | "ban"; endsAt: Date | null }) {
  if (r.kind === "ban")
    return "A moderator has closed posting for your account. You can read why, and appeal, in your notices.";
  const until = r.endsAt ? ` until ${dateOf(r.endsAt)}` : "";
  if (r.kind === "suspend")
    return `Your account is suspended${until}, so you can't post or speak for now. You can read why, and appeal, in your notices.`;
  return `A moderator has paused your posting and speaking${until}. You can still read, and you can see why in your notices.`;
}

/**
 * A suspension or ban keeps the member from signing in at all (a mute does not). The refusal names
 * the end date and the moderator's reason, and says how to appeal while signed out.
 */
export async function signInRestriction(db: Db, memberId: string) {
  const r = await activeRestriction(db, memberId);
  return r && r.kind !== "mute" ? (r as Restriction & { kind: "suspend" | "ban" }) : null;
}

/** The sentence a suspended or banned member reads when they try to sign in. */
export function signInRefusal(r: { kind: "suspend" | "ban"; endsAt: Date | null; reason: string }) {
  const because = ` The moderator's reason: "${r.reason}"`;
  const appeal = " If you think this isn't right, you can ask for a fresh look below.";
  if (r.kind === "ban" || !r.endsAt)
    return `Your account has been closed by a moderator, so you can't sign in.${because}${appeal}`;
  return `Your account is paused until ${dateOf(r.endsAt)}, so you can't sign in until then. We hope to see you back.${because}${appeal}`;
}

/** Checks the forums (and rooms) call before someone posts or speaks. */
export function createPostingGuard({ db, limits }: { db: Db; limits?: Limits }) {
  async function refuseRestricted(memberId: string) {
    const r = await activeRestriction(db, memberId);
    if (r) throw new Forbidden(restrictionMessage(r));
  }
  return {
    /** Before a post, reply or edit: restrictions, then a new account's limits. */
    async beforePost(actor: Actor, text: string, { count = true } = {}) {
      await refuseRestricted(actor.memberId);
      const facts = await trustFacts(db, actor.memberId);
      const level = facts ? levelFrom(facts) : 0;
      if (level >= 1) return;
      if (hasLink(text)) {
        const opens = facts ? new Date(facts.createdAt.getTime() + NEW_DAYS * DAY) : new Date();
        const after =
          opens > new Date()
            ? `after ${dateOf(opens)}, once you've shared ${NEW_POSTS} posts or replies`
            : `once you've shared ${NEW_POSTS} posts or replies`;
        throw new Forbidden(
          `Welcome! To keep newcomers safe from spam, new accounts can't post links yet. Links open up ${after}. You're very welcome to describe the place in words until then.`,
        );
      }
      if (count && limits) {
        try {
          await limits.hit("newcomerPostsPerMember", actor.memberId);
        } catch (error) {
          if (!(error instanceof RateLimited)) throw error;
          const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
          throw new DomainError(
            "rate_limited",
            429,
            `New accounts can post a few times an hour while they settle in. Please try again in ${minutes} minute(s); this limit lifts after your first days here.`,
          );
        }
      }
    },
    /** Before someone speaks in a room: the restriction, read by the room's own query (see rooms/live.ts). */
    speaking: {
      restriction: (memberId: string) => restrictionInForce(memberId),
      refuse(restriction: Restriction | null) {
        if (restriction) throw new Forbidden(restrictionMessage(restriction));
      },
    },
  };
}
export type PostingGuard = ReturnType<typeof createPostingGuard>;
