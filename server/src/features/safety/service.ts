import type {
  AlertClose,
  CrisisNotice,
  ProfessionalGrant,
  ResponderGrant,
  ReviewBody,
  ServiceCreate,
  ServiceUpdate,
} from "@kinship/contracts/safety";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { recordAccess } from "../../platform/access-log.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import type { Hub } from "../../realtime/hub.ts";
import { accessOn, canReadBoard } from "../forums/policy.ts";
import { forumsStore } from "../forums/store.ts";
import { recordAudit } from "../moderation/audit.ts";
import { alertsChannel, announceResponderScopes } from "./channels.ts";
import { countryFromTimeZone, directoryOfLines, linesFor } from "./crisis-lines.ts";
import { type Detection, detect, type Lang } from "./detector/detector.ts";
import {
  canActOnClaimed,
  canHandleAlert,
  canManageRoles,
  canManageServices,
  canReviewPost,
  isAlertAuthor,
  type SafetyStanding,
  type Scope,
} from "./policy.ts";
import { presentAlert, presentConversation, presentService } from "./presenters.ts";
import { safetyStore as store } from "./store.ts";

type AlertRow = NonNullable<Awaited<ReturnType<typeof store.alert>>>;

/** What was said and where, as forums, rooms and progress pass it in: one call, nothing else. */
export type Said = {
  source: "forum_post" | "room_message" | "checkin" | "direct_message";
  /** The post id, the room id, the check-in date, or the conversation id. */
  sourceId: string;
  text: string;
  lang?: Lang;
};

/** Severities that reach a responder; low (hopelessness) shows the author resources only. */
const ALERTING = new Set(["high", "medium"]);
const RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };
const EXCERPT_MAX = 280;
/** A responder's looks at the same thing this close together are recorded once. */
const SAME_LOOK_MS = 5 * 60_000;
const NOT_FOUND_ALERT = "We couldn't find that alert.";

/** The sentence that matched, for the responder; the detector itself keeps nothing. */
function excerptOf(text: string, found: Detection) {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());
  const hit = sentences.find((s) => detect(s)?.rule === found.rule) ?? sentences[0] ?? "";
  const one = hit.trim().replace(/\s+/g, " ");
  return one.length <= EXCERPT_MAX ? one : `${one.slice(0, EXCERPT_MAX - 1)}…`;
}

/** An alert that could not be saved: say so without the error's detail, which may quote the words. */
function logAlertFailure(error: unknown) {
  const code = (error as { code?: string } | null)?.code ?? "unknown";
  console.error(`safety: a crisis alert could not be saved (code ${code})`);
}

/** Safety: the crisis lines, screening and escalation to responders, services, professional review. */

export function createSafetyService({
  db,
  hub,
  logError = logAlertFailure,
}: {
  db: Db;
  /** Responders online hear of new and changed alerts at once; without a hub they refresh on their own. */
  hub?: Hub;
  logError?: (e: unknown) => void;
}) {
  /** Tells the scope's responders online, on every node; no words and no author travel. */
  async function announce(alert: { id: string; organisationId: Scope }, change: "new" | "changed") {
    const message = { type: "safety.alert", alertId: alert.id, organisationId: alert.organisationId, change };
    await hub?.publish(alertsChannel(alert.organisationId), message).catch(() => {});
  }

  async function standingOf(actor: Actor): Promise<SafetyStanding> {
    const [responderOf, adminOf, professionalOf] = await Promise.all([
      store.responderScopes(db, actor.memberId),
      store.adminScopes(db, actor.memberId),
      store.professionalScopes(db, actor.memberId),
    ]);
    return { responderOf, adminOf, professionalOf };
  }

  async function countryOf(memberId: string) {
    return countryFromTimeZone(await store.memberZone(db, memberId));
  }

  const notice = (found: Detection, country: string | null): CrisisNotice => ({
    severity: found.severity,
    category: found.category,
    resources: linesFor(country),
  });

  /** Where it was said: the place shown to responders, a link, and whose responders answer. */
  async function placeOf(said: Said) {
    if (said.source === "forum_post") {
      const p = await store.postPlace(db, said.sourceId);
      if (!p) return null;
      return {
        organisationId: p.organisationId,
        place: `${p.boardName} › ${p.title}`,
        link: `/threads/${p.threadId}#post-${said.sourceId}`,
        keepExcerpt: true,
        authorHidden: p.anonymous,
      };
    }
    if (said.source === "room_message") {
      const r = await store.roomPlace(db, said.sourceId);
      if (!r) return null;
      return {
        organisationId: r.organisationId,
        place: `${r.groupName} › ${r.meetingName} (live room)`,
        link: `/meetings/${r.meetingSlug}/room`,
        keepExcerpt: true,
        authorHidden: false,
      };
    }
    // A private message is read by its two people only: responders learn that it happened and why.
    if (said.source === "direct_message")
      return {
        organisationId: null,
        place: "A private message",
        link: null,
        keepExcerpt: false,
        authorHidden: false,
      };
    // A check-in is private health data: responders learn only that it happened and why.
    return { organisationId: null, place: "A private check-in", link: null, keepExcerpt: false, authorHidden: false };
  }

  /** Creates the alert (or raises the author's active one in that place), with its first audit entry. */
  async function raiseAlert(author: Actor, said: Said, found: Detection) {
    const where = await placeOf(said);
    if (where) {
      const excerpt = where.keepExcerpt ? excerptOf(said.text, found) : null;
      const active = await store.activeAlertOf(db, author.memberId, where.organisationId);
      if (active) {
        const stronger = RANK[found.severity] > RANK[active.severity];
        await store.updateAlert(db, active.id, {
          ...(stronger ? { severity: found.severity, category: found.category, rule: found.rule } : {}),
          source: said.source,
          sourceId: said.sourceId,
          place: where.place,
          link: where.link,
          // A check-in adds no words; the responder keeps the sentence they already had.
          excerpt: excerpt ?? active.excerpt,
          authorHidden: active.authorHidden || where.authorHidden,
        });
        await store.audit(db, active.id, null, "detected_again", `${found.severity} · ${found.rule}`);
        await announce(active, "changed");
      } else {
        const alert = await store.insertAlert(db, {
          organisationId: where.organisationId,
          authorId: author.memberId,
          authorHidden: where.authorHidden,
          source: said.source,
          sourceId: said.sourceId,
          place: where.place,
          link: where.link,
          severity: found.severity,
          category: found.category,
          rule: found.rule,
          excerpt,
        });
        await store.audit(db, alert.id, null, "created", `${found.severity} · ${found.rule}`);
        await announce(alert, "new");
      }
    }
  }

  async function alertFor(actor: Actor, id: string) {
    const alert = await store.alert(db, id);
    if (!alert) throw new NotFound(NOT_FOUND_ALERT);
    const standing = await standingOf(actor);
    // Another organisation's alert does not exist for this responder.
    if (!canHandleAlert(standing, alert)) throw new NotFound(NOT_FOUND_ALERT);
    return { alert, standing };
  }

  async function present(actor: Actor, alert: NonNullable<Awaited<ReturnType<typeof store.alert>>>, excerpt: boolean) {
    const handles = await store.handles(db, [alert.authorId, alert.claimedBy]);
    return presentAlert(alert, handles, actor.memberId, excerpt);
  }

  /**
   * A responder looked at what raised an alert, or at its private conversation: into the alert's own
   * audit, the organisation's audit log (for its admins, as moderators' looks are) and the author's
   * access log. Every look, by whichever responder, the one who took it or a fellow responder.
   */
  async function recordResponderView(actor: Actor, alert: AlertRow, what: "alert" | "conversation") {
    const step = what === "alert" ? "viewed" : "viewed_conversation";
    // A page that stays open refreshes itself: looks this close together are one look.
    const since = new Date(Date.now() - SAME_LOOK_MS);
    if (await store.recentlyAudited(db, alert.id, actor.memberId, step, since)) return;
    await store.audit(db, alert.id, actor.memberId, step);
    await recordAudit(db, {
      organisationId: alert.organisationId,
      moderatorId: actor.memberId,
      event: what === "alert" ? "responder_viewed_alert" : "responder_viewed_conversation",
      // Anonymous words stay anonymous, even in the audit log.
      subjectId: alert.authorHidden ? null : alert.authorId,
      targetType: "crisis_alert",
      targetId: alert.id,
    });
    await recordAccess(db, {
      memberId: alert.authorId,
      viewerId: actor.memberId,
      viewerRole: "responder",
      recordType: what === "alert" ? "crisis_alert" : "crisis_conversation",
      recordId: alert.id,
      reason:
        what === "alert"
          ? alert.excerpt
            ? "A trained responder read the words that raised a crisis alert, to reach out to you."
            : "A trained responder opened a crisis alert about you (it holds no words of yours), to reach out to you."
          : "A trained responder read your private conversation with the responder who reached out to you.",
    });
  }

  async function requireRoleAdmin(actor: Actor, scope: Scope) {
    if (scope !== null && !(await store.organisationExists(db, scope))) {
      throw new NotFound("We couldn't find that organisation.");
    }
    if (!canManageRoles(await standingOf(actor), scope)) {
      throw new Forbidden("Only the organisation's admins can do that.");
    }
  }

  async function readablePost(actor: Actor, postId: string) {
    const row = await forumsStore.postWithContext(db, postId, actor.memberId);
    if (!row || !canReadBoard(accessOn(actor, row.board, row))) throw new NotFound("We couldn't find that post.");
    return row;
  }

  return {
    /** `GET /api/crisis-lines`: a country's lines, then the international fallback. */
    crisisLines: (country?: string) => ({ items: linesFor(country) }),
    directory: directoryOfLines,

    /** Checks text before it is posted; nothing is stored or logged. */
    screen(text: string, lang: Lang | undefined, country: string | null): { crisis: CrisisNotice | null } {
      const found = detect(text, lang);
      return { crisis: found ? notice(found, country) : null };
    },

    /**
     * The one call forums, rooms and progress make after saving what a member wrote: detect crisis
     * language, alert the responders of that place (high and medium), and return what the author
     * should see. Never blocks, never throws for the caller: safety must not cost anyone their post.
     */
    async check(author: Actor, said: Said): Promise<CrisisNotice | undefined> {
      const found = detect(said.text, said.lang);
      if (!found) return undefined;
      if (ALERTING.has(found.severity)) {
        try {
          await raiseAlert(author, said, found);
        } catch (error) {
          logError(error);
        }
      }
      return notice(found, await countryOf(author.memberId));
    },

    /** The scopes this member responds in (an organisation id, or null for the community). */
    responderScopes: (memberId: string) => store.responderScopes(db, memberId),

    /** The scopes I respond in, and those where I grant roles and curate services. */
    async myScopes(actor: Actor) {
      const s = await standingOf(actor);
      const names = await store.organisationNames(
        db,
        [...s.responderOf, ...s.adminOf].filter((x): x is string => x !== null),
      );
      const named = (scopes: Scope[]) =>
        scopes.map((organisationId) => ({
          organisationId,
          name: organisationId === null ? "Community" : (names.get(organisationId) ?? ""),
        }));
      return { responder: named(s.responderOf), admin: named(s.adminOf) };
    },

    // ─── Responders ───
    async listResponders(actor: Actor, scope: Scope) {
      await requireRoleAdmin(actor, scope);
      const rows = await store.listResponders(db, scope);
      return {
        items: rows.map((r) => ({
          memberId: r.memberId,
          handle: r.handle,
          grantedBy: r.grantedBy,
          grantedAt: r.createdAt.toISOString(),
        })),
      };
    },
    async grantResponder(actor: Actor, input: z.infer<typeof ResponderGrant>) {
      await requireRoleAdmin(actor, input.organisationId);
      const member = await store.memberByHandle(db, input.handle);
      if (!member) throw new Invalid("There's no member with that handle.", "handle");
      if (!(await store.grantResponder(db, input.organisationId, member.id, actor.memberId))) {
        throw new Conflict(`${member.handle} is already a responder here.`);
      }
      return this.listResponders(actor, input.organisationId);
    },
    async revokeResponder(actor: Actor, scope: Scope, memberId: string) {
      await requireRoleAdmin(actor, scope);
      if (!(await store.revokeResponder(db, scope, memberId)))
        throw new NotFound("That member isn't a responder here.");
      // Their open queues stop hearing this place's alerts at once, on every node.
      await announceResponderScopes(hub, memberId, await store.responderScopes(db, memberId));
    },

    // ─── Professionals ───
    async listProfessionals(actor: Actor, scope: Scope) {
      await requireRoleAdmin(actor, scope);
      const rows = await store.listProfessionals(db, scope);
      return {
        items: rows.map((r) => ({
          memberId: r.memberId,
          handle: r.handle,
          title: r.title,
          grantedAt: r.createdAt.toISOString(),
        })),
      };
    },
    async grantProfessional(actor: Actor, input: z.infer<typeof ProfessionalGrant>) {
      await requireRoleAdmin(actor, input.organisationId);
      const member = await store.memberByHandle(db, input.handle);
      if (!member) throw new Invalid("There's no member with that handle.", "handle");
      await store.grantProfessional(db, input.organisationId, member.id, input.title, actor.memberId);
      return this.listProfessionals(actor, input.organisationId);
    },
    async revokeProfessional(actor: Actor, scope: Scope, memberId: string) {
      await requireRoleAdmin(actor, scope);
      if (!(await store.revokeProfessional(db, scope, memberId))) {
        throw new NotFound("That member doesn't have a professional role here.");
      }
    },

    // ─── The queue ───
    async queue(actor: Actor, query: { status: "active" | "closed"; organisation?: string }) {
      const s = await standingOf(actor);
      const scopes =
        query.organisation === undefined ? s.responderOf : s.responderOf.filter((x) => x === query.organisation);
      if (s.responderOf.length === 0) throw new Forbidden("Only trained responders see the crisis queue.");
      const rows = await store.queue(db, scopes, query.status);
      const handles = await store.handles(
        db,
        rows.flatMap((r) => [r.authorId, r.claimedBy]),
      );
      return { items: rows.map((r) => presentAlert(r, handles, actor.memberId, false)) };
    },

    /** One alert with the sentence that matched; every opening is audited and shown in the author's access log. */
    async openAlert(actor: Actor, id: string) {
      const { alert } = await alertFor(actor, id);
      await recordResponderView(actor, alert, "alert");
      return present(actor, alert, true);
    },

    async claim(actor: Actor, id: string) {
      const { alert } = await alertFor(actor, id);
      if (alert.status !== "open") throw new Conflict("Someone has already taken this alert.");
      const claimed = await store.updateAlert(
        db,
        id,
        { status: "claimed", claimedBy: actor.memberId },
        // Two responders pressing at once: only the first wins.
        sql`status = 'open'`,
      );
      if (!claimed) throw new Conflict("Someone has already taken this alert.");
      await store.audit(db, id, actor.memberId, "claimed");
      await announce(claimed, "changed");
      return present(actor, claimed, true);
    },

    async release(actor: Actor, id: string) {
      const { alert, standing } = await alertFor(actor, id);
      if (!canActOnClaimed(standing, alert, actor.memberId))
        throw new Forbidden("Only the responder who took it can hand it back.");
      const row = await store.updateAlert(db, id, { status: "open", claimedBy: null });
      await store.audit(db, id, actor.memberId, "released");
      await announce(alert, "changed");
      return present(actor, row ?? alert, true);
    },

    async close(actor: Actor, id: string, input: z.infer<typeof AlertClose>) {
      const { alert, standing } = await alertFor(actor, id);
      if (!canActOnClaimed(standing, alert, actor.memberId))
        throw new Forbidden("Take the alert first, then close it.");
      // The author's words are not kept once the alert is done.
      const row = await store.updateAlert(db, id, {
        status: "closed",
        outcome: input.outcome,
        excerpt: null,
        closedAt: new Date(),
      });
      await store.audit(
        db,
        id,
        actor.memberId,
        "closed",
        input.note ? `${input.outcome} · ${input.note}` : input.outcome,
      );
      await announce(alert, "changed");
      return present(actor, row ?? alert, false);
    },

    async auditOf(actor: Actor, id: string) {
      const { alert } = await alertFor(actor, id);
      const rows = await store.auditOf(db, alert.id);
      return {
        items: rows.map((r) => ({ action: r.action, actor: r.actor, at: r.at.toISOString(), detail: r.detail })),
      };
    },

    // ─── The private conversation ───
    async conversation(actor: Actor, id: string) {
      const alert = await store.alert(db, id);
      if (!alert) throw new NotFound(NOT_FOUND_ALERT);
      if (!isAlertAuthor(alert, actor.memberId)) {
        const standing = await standingOf(actor);
        if (!canHandleAlert(standing, alert)) throw new NotFound(NOT_FOUND_ALERT);
      }
      const rows = await store.messages(db, id);
      // Until a responder writes, the author has no conversation to see.
      if (isAlertAuthor(alert, actor.memberId) && rows.length === 0) throw new NotFound(NOT_FOUND_ALERT);
      if (!isAlertAuthor(alert, actor.memberId)) await recordResponderView(actor, alert, "conversation");
      return presentConversation(alert, rows);
    },

    async write(actor: Actor, id: string, body: string) {
      const alert = await store.alert(db, id);
      if (!alert) throw new NotFound(NOT_FOUND_ALERT);
      if (isAlertAuthor(alert, actor.memberId)) {
        const started = (await store.messages(db, id)).length > 0;
        if (!started) throw new NotFound(NOT_FOUND_ALERT);
        if (alert.status !== "claimed")
          throw new Conflict("This conversation has ended. The crisis lines are there any time.");
        await store.addMessage(db, id, actor.memberId, false, body);
        await store.audit(db, id, actor.memberId, "author_replied");
      } else {
        const standing = await standingOf(actor);
        if (!canHandleAlert(standing, alert)) throw new NotFound(NOT_FOUND_ALERT);
        if (!canActOnClaimed(standing, alert, actor.memberId))
          throw new Forbidden("Take the alert first, then reach out.");
        await store.addMessage(db, id, actor.memberId, true, body);
        await store.audit(db, id, actor.memberId, "reached_out");
      }
      return presentConversation(alert, await store.messages(db, id));
    },

    /** The member's side: conversations responders opened with them. */
    async reachOuts(actor: Actor) {
      const rows = await store.reachOuts(db, actor.memberId);
      return {
        items: rows.map((r) => ({
          alertId: r.alertId,
          open: r.status === "claimed",
          startedAt: new Date(r.startedAt).toISOString(),
          lastAt: new Date(r.lastAt).toISOString(),
        })),
      };
    },

    // ─── Professional services ───
    async services(actor: Actor | null, query: { kind?: string; language?: string; organisation?: string }) {
      const rows = await store.services(db, { ...query, organisationId: query.organisation });
      const adminOf = actor ? (await standingOf(actor)).adminOf : [];
      return { items: rows.map((r) => presentService(r, adminOf.includes(r.service.organisationId))) };
    },
    async createService(actor: Actor, input: z.infer<typeof ServiceCreate>) {
      if (!(await store.organisationExists(db, input.organisationId))) {
        throw new NotFound("We couldn't find that organisation.");
      }
      if (!canManageServices(await standingOf(actor), input.organisationId)) {
        throw new Forbidden("Only the organisation's admins can add services.");
      }
      const { organisationId, ...fields } = input;
      const id = await store.insertService(db, { ...fields, organisationId, createdBy: actor.memberId });
      const row = await store.service(db, id);
      return presentService(row as NonNullable<typeof row>, true);
    },
    async updateService(actor: Actor, id: string, changes: z.infer<typeof ServiceUpdate>) {
      const row = await store.service(db, id);
      if (!row) throw new NotFound("We couldn't find that service.");
      if (!canManageServices(await standingOf(actor), row.service.organisationId)) {
        throw new Forbidden("Only the organisation's admins can change its services.");
      }
      await store.updateService(db, id, changes);
      return presentService((await store.service(db, id)) ?? row, true);
    },
    async deleteService(actor: Actor, id: string) {
      const row = await store.service(db, id);
      if (!row) throw new NotFound("We couldn't find that service.");
      if (!canManageServices(await standingOf(actor), row.service.organisationId)) {
        throw new Forbidden("Only the organisation's admins can remove its services.");
      }
      await store.deleteService(db, id);
    },

    // ─── Professional review of coping strategies ───
    async threadReviews(actor: Actor, threadId: string) {
      const row = await forumsStore.threadWithContext(db, threadId, actor.memberId);
      if (!row || !canReadBoard(accessOn(actor, row.board, row))) throw new NotFound("We couldn't find that thread.");
      const rows = await store.reviewsOfThread(db, threadId);
      const s = await standingOf(actor);
      const organisationId = await store.threadOrganisation(db, threadId);
      return {
        items: rows.map((r) => ({
          postId: r.postId,
          mark: r.mark as "reviewed" | "misinformation",
          note: r.note,
          by: r.by ? (r.title ? `${r.by} (${r.title})` : r.by) : "former member",
          at: r.at.toISOString(),
        })),
        canReview: canReviewPost(s, { organisationId, kind: row.thread.kind }),
      };
    },
    async review(actor: Actor, postId: string, input: z.infer<typeof ReviewBody>) {
      await readablePost(actor, postId);
      const post = await store.postForReview(db, postId);
      const place = await store.postPlace(db, postId);
      if (!post || !place || post.deletedAt) throw new NotFound("We couldn't find that post.");
      if (!canReviewPost(await standingOf(actor), { organisationId: place.organisationId, kind: post.kind })) {
        throw new Forbidden("Only members with a professional role here can review coping strategies.");
      }
      await store.saveReview(db, postId, input.mark, input.note, actor.memberId);
      return this.threadReviews(actor, post.threadId);
    },
    async unreview(actor: Actor, postId: string) {
      await readablePost(actor, postId);
      const post = await store.postForReview(db, postId);
      const place = await store.postPlace(db, postId);
      if (!post || !place) throw new NotFound("We couldn't find that post.");
      if (!canReviewPost(await standingOf(actor), { organisationId: place.organisationId, kind: post.kind })) {
        throw new Forbidden("Only members with a professional role here can review coping strategies.");
      }
      if (!(await store.deleteReview(db, postId))) throw new NotFound("That post has no review.");
    },
  };
}
export type SafetyService = ReturnType<typeof createSafetyService>;
