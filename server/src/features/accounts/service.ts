import { createHash, randomBytes } from "node:crypto";
import type { Export, LoginBody, ProfileUpdate, SignupBody } from "@kinship/contracts/accounts";
import type { Db } from "../../db/client.ts";
import { listAccess } from "../../platform/access-log.ts";
import type { Actor } from "../../platform/actor.ts";
import { AccountRestricted, Conflict, Invalid, NotFound, Unauthenticated } from "../../platform/errors.ts";
import type { Limits } from "../../platform/limits.ts";
import type { Hub } from "../../realtime/hub.ts";
import { exportForums, forgetForumMember } from "../forums/member-data.ts";
import { handOverBeforeDeletion } from "../groups/handover.ts";
import { exportMentorship, isActiveMentorOf } from "../mentorship/export.ts";
import { exportModeration, fileAppeal, forgetModerationMember } from "../moderation/member-data.ts";
import { signInRefusal, signInRestriction } from "../moderation/trust.ts";
import { exportProgress } from "../progress/export.ts";
import { exportRooms } from "../rooms/export.ts";
import { announceResponderScopes } from "../safety/channels.ts";
import { exportSafety } from "../safety/export.ts";
import { directoryData } from "./directory-data.ts";
import { assertStrongPassphrase, checkPassphrase, hashPassphrase } from "./passphrases.ts";
import { canEndSession, strangers } from "./policy.ts";
import { presentAccessEntry, presentMe, presentProfile, presentPublicMember, presentSession } from "./presenters.ts";
import { createSessionCache } from "./session-cache.ts";
import { type MemberChanges, type MemberRow, accountsStore as store } from "./store.ts";

export type AccountsDeps = {
  db: Db;
  limits: Limits;
  hub: Hub;
  /** cacheMs: how long a session read from the database answers requests (session-cache.ts). */
  session: { idleMs: number; maxMs: number; cacheMs: number };
};

/** What a request tells the service about where it came from. */
export type Origin = { ip: string; device: string };

/** Channel on which ended sessions are announced, so every node closes their sockets. */
export const SESSIONS_ENDED = "sessions.ended";

const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");
// Touching last_seen_at on every request would make every read a write.
const TOUCH_EVERY_MS = 60_000;

const SAME_ANSWER = "That handle and passphrase don't match. Please check both and try again.";

/** Accounts: sign-up, sessions, profile, passphrase, export and deletion. */
export function createAccountsService({ db, limits, hub, session }: AccountsDeps) {
  const recent = createSessionCache({ ttlMs: session.cacheMs, max: 50_000 });

  async function startSession(member: MemberRow, origin: Origin) {
    const token = randomBytes(32).toString("base64url"); // 256 bits
    const now = Date.now();
    await store.insertSession(db, {
      tokenHash: tokenHash(token),
      memberId: member.id,
      device: origin.device,
      expiresAt: new Date(now + session.maxMs),
    });
    return { token, me: presentMe(member), maxAgeSeconds: Math.floor(session.maxMs / 1000) };
  }

  /** Every node forgets the sessions and closes their sockets; this node at once, before it answers. */
  async function announceEnded(sessionIds: string[]) {
    recent.evict(sessionIds);
    if (sessionIds.length > 0) await hub.publish(SESSIONS_ENDED, { sessionIds }).catch(() => {});
  }

  async function memberOf(actor: Actor) {
    const member = await store.findMemberById(db, actor.memberId);
    if (!member) throw new Unauthenticated();
    return member;
  }

  /** The member for a handle and passphrase, under the login limits; one answer for every mismatch. */
  async function checkCredentials(input: LoginBody, origin: Origin) {
    await limits.hit("loginPerIp", origin.ip);
    await limits.check("loginFailuresPerHandle", input.handle);
    const member = await store.findMemberByHandle(db, input.handle);
    if (!(await checkPassphrase(member?.passphraseHash ?? null, input.passphrase)) || !member) {
      await limits.hit("loginFailuresPerHandle", input.handle);
      throw new Invalid(SAME_ANSWER);
    }
    await limits.reset("loginFailuresPerHandle", input.handle);
    return member;
  }

  async function refuseRestricted(memberId: string) {
    const r = await signInRestriction(db, memberId);
    if (!r) return;
    throw new AccountRestricted(signInRefusal(r), {
      kind: r.kind,
      endsAt: r.endsAt?.toISOString() ?? null,
      reason: r.reason,
    });
  }

  /** Confirms the passphrase of a signed-in member, rate-limited per member. */
  async function confirmPassphrase(member: MemberRow, passphrase: string, field: string) {
    await limits.hit("passphraseChecksPerMember", member.id);
    if (!(await checkPassphrase(member.passphraseHash, passphrase))) {
      throw new Invalid("That passphrase isn't right. Please try again.", field);
    }
  }

  return {
    /** Creates the member and their first session. */
    async signup(input: SignupBody, origin: Origin) {
      await limits.hit("signupPerIp", origin.ip);
      assertStrongPassphrase(input.passphrase, input.handle);
      const member = await store.insertMember(db, {
        handle: input.handle,
        passphraseHash: await hashPassphrase(input.passphrase),
      });
      if (!member) throw new Conflict("That handle is taken. Try another one.", "handle");
      return startSession(member, origin);
    },

    /**
     * Checks the passphrase and starts a fresh session; the previous one, if any, ends (rotation).
     * A suspended or banned member is refused, told until when and why, and may appeal signed out.
     */
    async login(input: LoginBody, origin: Origin, previousToken?: string) {
      const member = await checkCredentials(input, origin);
      await refuseRestricted(member.id);
      if (previousToken) await this.logout(previousToken);
      return startSession(member, origin);
    },

    /** A suspended or banned member asks for a fresh look, proving who they are with their passphrase. */
    async appealWhileSignedOut(input: LoginBody & { note: string }, origin: Origin) {
      const member = await checkCredentials(input, origin);
      const restriction = await signInRestriction(db, member.id);
      if (!restriction) throw new Conflict("Your account is open, so you can sign in and read your notices there.");
      return fileAppeal(db, member.id, restriction.id, input.note);
    },

    async logout(token: string) {
      const ended = await store.deleteSessionByTokenHash(db, tokenHash(token));
      if (ended) await announceEnded([ended]);
    },

    async logoutEverywhere(actor: Actor) {
      await announceEnded(await store.deleteSessionsOf(db, actor.memberId));
    },

    /** The actor for a cookie token, or null when it is unknown, idle too long or past its lifetime. */
    async resolveSession(token: string): Promise<Actor | null> {
      const hash = tokenHash(token);
      const now = Date.now();
      let found = recent.get(hash, now);
      if (!found) {
        const row = await store.findLiveSession(db, hash, new Date(now - session.idleMs));
        if (!row) return null;
        found = {
          actor: { memberId: row.session.memberId, handle: row.handle, sessionId: row.session.id },
          expiresAt: row.session.expiresAt.getTime(),
          lastSeenAt: row.session.lastSeenAt.getTime(),
        };
        recent.set(hash, found, now);
      }
      if (found.expiresAt <= now || found.lastSeenAt <= now - session.idleMs) {
        recent.forget(hash);
        return null;
      }
      if (now - found.lastSeenAt > TOUCH_EVERY_MS) {
        found.lastSeenAt = now;
        await store.touchSession(db, found.actor.sessionId);
      }
      return found.actor;
    },

    /** Keeps this node's recent sessions in step with sessions ended on any node. Returns the stop. */
    listen: () =>
      hub.subscribe(SESSIONS_ENDED, (message) => {
        const ids = (message as { sessionIds?: unknown }).sessionIds;
        if (Array.isArray(ids)) recent.evict(ids.filter((id): id is string => typeof id === "string"));
      }),

    /** Ends every session of a member (a suspension or ban), on every node. */
    async endSessionsOf(memberId: string) {
      await announceEnded(await store.deleteSessionsOf(db, memberId));
    },

    async me(actor: Actor) {
      return presentMe(await memberOf(actor));
    },

    async updateProfile(actor: Actor, update: ProfileUpdate) {
      const changes: MemberChanges = {};
      for (const [name, change] of Object.entries(update)) {
        if (!change) continue;
        if (change.value !== undefined) Object.assign(changes, { [name]: change.value });
        if (change.visibility !== undefined) Object.assign(changes, { [`${name}Visibility`]: change.visibility });
      }
      if (Object.keys(changes).length === 0) return this.me(actor);
      return presentMe(await store.updateMember(db, actor.memberId, changes));
    },

    async updateEmail(actor: Actor, email: string | null) {
      return presentMe(await store.updateMember(db, actor.memberId, { email }));
    },

    /** Changes the passphrase and ends every other session of the member. */
    async changePassphrase(actor: Actor, current: string, next: string) {
      const member = await memberOf(actor);
      await confirmPassphrase(member, current, "currentPassphrase");
      try {
        assertStrongPassphrase(next, member.handle);
      } catch (error) {
        throw error instanceof Invalid ? new Invalid(error.message, "newPassphrase") : error;
      }
      await store.updateMember(db, member.id, { passphraseHash: await hashPassphrase(next) });
      await announceEnded(await store.deleteSessionsOf(db, member.id, actor.sessionId));
    },

    async listSessions(actor: Actor) {
      const rows = await store.listSessions(db, actor.memberId);
      return { items: rows.map((s) => presentSession(s, actor.sessionId)) };
    },

    async endSession(actor: Actor, sessionId: string) {
      const own = (await store.listSessions(db, actor.memberId)).find((s) => s.id === sessionId);
      // Someone else's session is "not found", so its existence is not confirmed.
      if (!own || !canEndSession(actor, own)) throw new NotFound("There's no such session.");
      await store.deleteSession(db, actor.memberId, sessionId);
      await announceEnded([sessionId]);
    },

    async accessLog(actor: Actor) {
      const rows = await listAccess(db, actor.memberId);
      return { items: rows.map(presentAccessEntry) };
    },

    /** Everything Kinship holds about the member. Later features add their own sections here. */
    async exportData(actor: Actor): Promise<Export> {
      const member = await memberOf(actor);
      // One after another: PGlite is a single connection, and this is not a hot path.
      const sessions = await store.listSessions(db, member.id);
      const access = await listAccess(db, member.id, 100_000);
      const memberships = await directoryData.memberships(db, member.id);
      const administered = await directoryData.administeredOrganisations(db, member.id);
      const follows = await directoryData.follows(db, member.id);
      const rsvps = await directoryData.rsvps(db, member.id);
      const suggestions = await directoryData.suggestions(db, member.id);
      return {
        format: "kinship-export/1",
        exportedAt: new Date().toISOString(),
        account: {
          id: member.id,
          handle: member.handle,
          email: member.email,
          createdAt: member.createdAt.toISOString(),
        },
        profile: presentProfile(member),
        sessions: sessions.map(({ id, device, createdAt, lastSeenAt, expiresAt }) => ({
          id,
          device,
          createdAt: createdAt.toISOString(),
          lastSeenAt: lastSeenAt.toISOString(),
          expiresAt: expiresAt.toISOString(),
        })),
        accessLog: access.map(presentAccessEntry),
        groups: memberships.map((g) => ({
          ...g,
          agreementAcceptedAt: g.agreementAcceptedAt.toISOString(),
          since: g.since.toISOString(),
        })),
        administeredOrganisations: administered.map((o) => ({ ...o, since: o.since.toISOString() })),
        meetingFollows: follows.map((f) => ({ ...f, since: f.since.toISOString() })),
        meetingRsvps: rsvps.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        meetingSuggestions: suggestions.map((x) => ({
          ...x,
          changes: (x.changes ?? {}) as Record<string, unknown>,
          createdAt: x.createdAt.toISOString(),
          decidedAt: x.decidedAt?.toISOString() ?? null,
        })),
        progress: await exportProgress(db, member.id),
        forums: await exportForums(db, member.id),
        mentorship: await exportMentorship(db, member.id),
        moderation: await exportModeration(db, member.id),
        safety: await exportSafety(db, member.id),
        rooms: await exportRooms(db, member.id),
      };
    },

    /** Really deletes the member after confirming the passphrase; their sockets are told to close. */
    async deleteAccount(actor: Actor, passphrase: string) {
      const member = await memberOf(actor);
      await confirmPassphrase(member, passphrase, "passphrase");
      const sessionIds = (await store.listSessions(db, member.id)).map((s) => s.id);
      await forgetForumMember(db, member.id);
      // Groups and organisations they looked after keep someone to look after them.
      await handOverBeforeDeletion(db, member.id);
      await forgetModerationMember(db, member.id);
      await store.deleteMember(db, member.id);
      await announceEnded(sessionIds);
      await announceResponderScopes(hub, member.id, []);
    },

    /** Another member's profile, with only the fields this viewer may see. */
    async viewMember(viewer: Actor | null, handle: string) {
      const member = await store.findMemberByHandle(db, handle);
      if (!member) throw new NotFound("There's no member with that handle.");
      const self = viewer?.memberId === member.id;
      const sharesGroup = !!viewer && !self && (await directoryData.shareActiveGroup(db, viewer.memberId, member.id));
      const isTheirMentor = !!viewer && !self && (await isActiveMentorOf(db, viewer.memberId, member.id));
      const relation = { ...strangers, self, sharesGroup, isTheirMentor };
      return presentPublicMember(member, relation);
    },

    async purgeExpiredSessions() {
      await store.deleteExpiredSessions(db, new Date(Date.now() - session.idleMs));
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
