import { type ActionCreate, CONDUCT_VERSION, type ReportType } from "@kinship/contracts/moderation";
import type { Db } from "../../db/client.ts";
import { recordAccess } from "../../platform/access-log.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import type { Hub } from "../../realtime/hub.ts";
import { standingIn } from "../groups/access.ts";
import { announceResponderScopes } from "../safety/channels.ts";
import { safetyStore } from "../safety/store.ts";
import { recordAudit } from "./audit.ts";
import { BLOCKS_CHANGED, hiddenHandlesFor } from "./blocks.ts";
import { fileAppeal } from "./member-data.ts";
import {
  canActOn,
  canBlock,
  canDecideAppeal,
  canMediate,
  canModerate,
  canNameModerators,
  canReachMember,
  canReadAudit,
  canReadMediation,
  canReportMember,
  canRequestMediation,
  canSetTrust,
  NO_SCOPE,
  type ScopeStanding,
} from "./policy.ts";
import { iso, presentAction, presentAppeal, presentMediation, presentNotice } from "./presenters.ts";
import { orgOf, scopeOf, moderationStore as store } from "./store.ts";
import { activeRestriction, levelFrom, NEW_DAYS, NEW_POSTS, TRUST_NAMES, trustFacts } from "./trust.ts";

type ReportInput = { reason: typeof import("@kinship/contracts/forums").REPORT_REASONS[number]; note: string };

const NO_REPORT = "We couldn't find that report.";
const NO_MEMBER = "There's no member with that handle.";
const NO_MESSAGE = "We couldn't find that message.";
const NO_SCOPE_FOUND = "We couldn't find that moderation queue.";
const CONTEXT_LINES = 3;
const HOUR = 3_600_000;

/** Moderation: conduct, reports, queues, actions, appeals, audit, moderators, trust, blocks, mediation. */
/** Ends a member's sessions on every node (the accounts service). */
export type SessionEnder = { endSessionsOf(memberId: string): Promise<void> };

export function createModerationService({ db, hub, sessions }: { db: Db; hub: Hub; sessions: SessionEnder }) {
  /** The actor's standing in a scope; a scope they do not moderate is "not found", so its existence stays private. */
  async function moderatedScope(actor: Actor, scope: string): Promise<ScopeStanding & { name: string }> {
    const s = await store.standing(db, actor.memberId, scope);
    if (!s || !canModerate(s)) throw new NotFound(NO_SCOPE_FOUND);
    return s;
  }

  async function member(handle: string) {
    const m = await store.memberByHandle(db, handle);
    if (!m) throw new NotFound(NO_MEMBER);
    return m;
  }

  /** A report and what it is about, whatever its kind. */
  async function loadReport(type: ReportType, id: string) {
    if (type === "post") {
      const r = await store.forumReport(db, id);
      if (!r) return null;
      return {
        type,
        id,
        scope: scopeOf(r.organisation_id),
        subjectId: r.author_id,
        anonymous: r.anonymous,
        postId: r.post_id,
        threadId: r.thread_id,
        where: r.title,
        reason: r.reason,
        note: r.note,
        status: r.status,
        createdAt: new Date(r.created_at),
        forum: r,
        room: null,
      };
    }
    const r = await store.moderationReport(db, id);
    if (!r || r.kind !== type) return null;
    return {
      type,
      id,
      scope: scopeOf(r.organisationId),
      subjectId: r.subjectId as string | null,
      anonymous: false,
      postId: null,
      threadId: null,
      where: r.meetingName ?? "",
      reason: r.reason,
      note: r.note,
      status: r.status,
      createdAt: r.createdAt,
      forum: null,
      room: r,
    };
  }
  type LoadedReport = NonNullable<Awaited<ReturnType<typeof loadReport>>>;

  async function setReportStatus(r: { type: ReportType; id: string }, status: "reviewing" | "resolved" | "dismissed") {
    if (r.type === "post") await store.setForumReportStatus(db, r.id, status);
    else await store.setModerationReportStatus(db, r.id, status);
  }

  async function reportFor(actor: Actor, type: ReportType, id: string) {
    const r = await loadReport(type, id);
    if (!r) throw new NotFound(NO_REPORT);
    const s = await store.standing(db, actor.memberId, r.scope);
    if (!s || !canModerate(s)) throw new NotFound(NO_REPORT);
    return { report: r, standing: s };
  }

  async function contextOf(r: LoadedReport) {
    if (r.forum) {
      const lines = await store.postContext(db, r.forum.thread_id, r.forum.seq);
      return lines.map((p) => ({
        from: p.anonymous ? null : p.handle,
        text: p.deleted_at ? "" : p.body,
        at: iso(p.created_at),
        reported: p.id === r.postId,
        hidden: p.hidden,
      }));
    }
    const snap = (r.room?.snapshot ?? null) as {
      message?: { from: string | null; text: string; at: string };
      context?: { from: string | null; text: string; at: string }[];
      messages?: { from: string | null; text: string; at: string; reported: boolean }[];
    } | null;
    if (!snap) return [];
    if (snap.messages) return snap.messages.map(({ from, text, at, reported }) => ({ from, text, at, reported }));
    return [
      ...(snap.context ?? []).map((c) => ({ ...c, reported: false })),
      ...(snap.message ? [{ ...snap.message, reported: true }] : []),
    ];
  }

  return {
    // ─── Code of conduct ───

    async conduct(actor: Actor) {
      const row = await store.conductOf(db, actor.memberId);
      return {
        version: CONDUCT_VERSION,
        acceptedVersion: row?.version ?? null,
        acceptedAt: row ? row.acceptedAt.toISOString() : null,
        needsAcceptance: row?.version !== CONDUCT_VERSION,
      };
    },

    async acceptConduct(actor: Actor, version: string) {
      if (version !== CONDUCT_VERSION)
        throw new Conflict("The code of conduct has changed since this page loaded. Please read it again.", "version");
      await store.acceptConduct(db, actor.memberId, version);
      return this.conduct(actor);
    },

    // ─── Reports ───

    /** Reports a room message; its words and a little context are copied, since the room will be purged. */
    async reportRoomMessage(actor: Actor, roomId: string, seq: number, input: ReportInput) {
      const found = await store.roomMessageFor(db, roomId, seq, actor.memberId);
      const visible =
        found &&
        found.seat_status === "admitted" &&
        seq > found.joined_seq &&
        found.payload?.kind === "message" &&
        ["room", "everyone", actor.memberId].includes(found.audience);
      if (!found || !visible || !found.sender_id) throw new NotFound(NO_MESSAGE);
      if (found.sender_id === actor.memberId) throw new Forbidden("You can't report your own message.");
      const context = await store.roomContextBefore(db, roomId, seq, found.joined_seq, actor.memberId, CONTEXT_LINES);
      const snapshot = {
        message: { from: found.payload.from ?? null, text: found.payload.text ?? "", at: iso(found.created_at), seq },
        context: context.map((c) => ({
          from: c.payload.from ?? null,
          text: c.payload.text ?? "",
          at: iso(c.created_at),
        })),
      };
      const r = await store.insertReport(db, {
        kind: "room_message",
        organisationId: found.organisation_id,
        groupId: found.group_id,
        reporterId: actor.memberId,
        subjectId: found.sender_id,
        roomId,
        meetingName: found.meeting_name,
        snapshot,
        reason: input.reason,
        note: input.note,
      });
      return presentMyReport(r);
    },

    /** Reports a member: to a group's organisation when it happened there, else to the community's moderators. */
    async reportMember(actor: Actor, handle: string, input: ReportInput & { groupId?: string }) {
      const subject = await member(handle);
      if (!canReportMember(actor, subject.id)) throw new Forbidden("You can't report yourself.");
      let organisationId: string | null = null;
      if (input.groupId) {
        const mine = await standingIn(db, actor, input.groupId);
        const theirs = await standingIn(
          db,
          { memberId: subject.id, handle: subject.handle, sessionId: "" },
          input.groupId,
        );
        if (!mine.member || !theirs.member) throw new NotFound("We couldn't find that member in that group.");
        const g = await store.mediationStanding(db, actor.memberId, input.groupId);
        organisationId = g?.organisationId ?? null;
      }
      const r = await store.insertReport(db, {
        kind: "member",
        organisationId,
        groupId: input.groupId ?? null,
        reporterId: actor.memberId,
        subjectId: subject.id,
        reason: input.reason,
        note: input.note,
      });
      return presentMyReport(r);
    },

    async myReports(actor: Actor) {
      return { items: (await store.reportsBy(db, actor.memberId)).map(presentMyReport) };
    },

    // ─── Queues ───

    async scopes(actor: Actor) {
      const rows = await store.scopesOf(db, actor.memberId);
      return {
        items: rows.map((r) => ({
          scope: scopeOf(r.org),
          name: r.name,
          admin: r.admin,
          openReports: Number(r.open_reports),
          openAppeals: Number(r.open_appeals),
        })),
      };
    },

    async queue(actor: Actor, scope: string) {
      await moderatedScope(actor, scope);
      const rows = await store.queue(db, scope);
      return {
        items: rows.map((r) => ({
          type: r.type,
          id: r.id,
          reason: r.reason as ReportInput["reason"],
          status: r.status as "open",
          createdAt: iso(r.created_at),
          subjectHandle: r.subject_handle,
          where: r.where_,
        })),
      };
    },

    /**
     * A report with the content in context and the account's history in this scope. Viewing it is
     * audited and written to the reported member's access log.
     */
    async report(actor: Actor, type: ReportType, id: string) {
      const { report: r } = await reportFor(actor, type, id);
      const org = orgOf(r.scope);
      if (r.status === "open") await setReportStatus(r, "reviewing");
      await recordAudit(db, {
        organisationId: org,
        moderatorId: actor.memberId,
        event: "viewed_report",
        subjectId: r.anonymous ? null : r.subjectId,
        targetType: type,
        targetId: id,
      });
      if (r.subjectId) {
        await recordAccess(db, {
          memberId: r.subjectId,
          viewerId: actor.memberId,
          viewerRole: "moderator",
          recordType:
            type === "post"
              ? "reported_post"
              : type === "room_message"
                ? "reported_room_message"
                : type === "direct_message"
                  ? "reported_direct_message"
                  : "member_report",
          recordId: id,
          reason: "Reviewing a report",
        });
      }
      const history = r.subjectId && !r.anonymous;
      const prior = history
        ? (await store.reportsOn(db, r.subjectId as string, r.scope)).filter((x) => x.id !== id)
        : [];
      const actions = history ? await store.actionsOn(db, r.subjectId as string, r.scope) : [];
      const handles = await store.handlesOf(db, [r.subjectId, ...actions.map((a) => a.moderatorId)]);
      return {
        type,
        id,
        scope: r.scope,
        where: r.where,
        reason: r.reason as ReportInput["reason"],
        note: r.note,
        status: (r.status === "open" ? "reviewing" : r.status) as "reviewing",
        createdAt: r.createdAt.toISOString(),
        subject: {
          handle: r.anonymous || !r.subjectId ? null : (handles.get(r.subjectId) ?? null),
          anonymous: r.anonymous,
        },
        context: await contextOf(r),
        postId: r.postId,
        threadId: r.threadId,
        priorReports: prior.map((p) => ({
          type: p.type,
          reason: p.reason as ReportInput["reason"],
          status: p.status as "open",
          createdAt: iso(p.created_at),
        })),
        priorActions: actions.map((a) => presentAction(a, handles)),
      };
    },

    async dismiss(actor: Actor, type: ReportType, id: string, note: string) {
      const { report: r } = await reportFor(actor, type, id);
      await setReportStatus(r, "dismissed");
      await recordAudit(db, {
        organisationId: orgOf(r.scope),
        moderatorId: actor.memberId,
        event: "dismissed_report",
        targetType: type,
        targetId: id,
        detail: note,
      });
    },

    // ─── Actions ───

    async act(actor: Actor, input: ActionCreate) {
      let scope: string;
      let memberId: string;
      let postId: string | null = null;
      let report: LoadedReport | null = null;
      if (input.report) {
        const found = await reportFor(actor, input.report.type, input.report.id);
        report = found.report;
        scope = report.scope;
        if (!report.subjectId)
          throw new Conflict("The person who wrote this has left Kinship, so there is no one to act on.");
        memberId = report.subjectId;
        postId = report.postId;
      } else {
        if (!input.scope || !input.handle)
          throw new Invalid("Please choose a report, or a queue and a member.", input.scope ? "handle" : "scope");
        scope = input.scope;
        await moderatedScope(actor, scope);
        memberId = (await member(input.handle)).id;
      }
      const standing = (await store.standing(db, actor.memberId, scope)) ?? NO_SCOPE;
      if (!canActOn(actor, standing, memberId)) throw new Forbidden("You can't take moderation actions on yourself.");
      // Someone with no tie to this organisation is not its moderators' to act on, nor to know of.
      if (!report && !canReachMember(await store.tiedToScope(db, memberId, scope))) throw new NotFound(NO_MEMBER);
      if (input.kind === "hide" && !postId) throw new Invalid("Hiding needs a reported post.", "kind");
      if ((input.kind === "mute" || input.kind === "suspend") && !input.hours)
        throw new Invalid("Please say for how long.", "hours");
      if (input.kind === "hide" && postId && (await store.hiddenPostAction(db, postId)))
        throw new Conflict("That post is already hidden.");
      const org = orgOf(scope);
      const action = await store.insertAction(db, {
        organisationId: org,
        memberId,
        moderatorId: actor.memberId,
        kind: input.kind,
        reason: input.reason,
        postId: input.kind === "hide" ? postId : null,
        reportKind: report ? report.type : null,
        reportId: report ? report.id : null,
        endsAt:
          input.hours && input.kind !== "hide" && input.kind !== "warn"
            ? new Date(Date.now() + input.hours * HOUR)
            : null,
      });
      if (action.postId) await store.bumpThreadOfPost(db, action.postId);
      if (report) await setReportStatus(report, "resolved");
      if (input.kind === "suspend" || input.kind === "ban") {
        await sessions.endSessionsOf(memberId);
        // A responder's open queues go quiet at once, on this node too, not only when the socket closes.
        await announceResponderScopes(hub, memberId, []);
      }
      await recordAudit(db, {
        organisationId: org,
        moderatorId: actor.memberId,
        event: `action_${input.kind}`,
        subjectId: memberId,
        targetType: action.postId ? "post" : "member",
        targetId: action.postId ?? memberId,
        detail: input.reason,
      });
      const handles = await store.handlesOf(db, [memberId, actor.memberId]);
      return { ...presentAction(action, handles), memberHandle: handles.get(memberId) ?? null, scope };
    },

    // ─── The member's side ───

    async notices(actor: Actor) {
      const rows = await store.noticesOf(db, actor.memberId);
      return { items: rows.map((r) => presentNotice(r, actor)) };
    },

    async appeal(actor: Actor, actionId: string, note: string) {
      return fileAppeal(db, actor.memberId, actionId, note);
    },

    async appeals(actor: Actor, scope: string) {
      await moderatedScope(actor, scope);
      const rows = await store.openAppeals(db, scope);
      const handles = await store.handlesOf(
        db,
        rows.flatMap((r) => [r.action.memberId, r.action.moderatorId]),
      );
      return {
        items: rows.map((r) => ({
          ...presentAppeal(r.appeal),
          action: { ...presentAction(r.action, handles), memberHandle: handles.get(r.action.memberId) ?? null, scope },
          canDecide: canDecideAppeal(actor, { moderator: true, admin: false }, r.action),
        })),
      };
    },

    async decide(actor: Actor, appealId: string, decision: "upheld" | "overturned", note: string) {
      const found = await store.appeal(db, appealId);
      if (!found) throw new NotFound("We couldn't find that appeal.");
      const scope = scopeOf(found.action.organisationId);
      const s = await store.standing(db, actor.memberId, scope);
      if (!s || !canModerate(s)) throw new NotFound("We couldn't find that appeal.");
      if (!canDecideAppeal(actor, s, found.action))
        throw new Forbidden("A different moderator decides an appeal, so it gets a fresh look.");
      if (
        !(await store.decideAppeal(db, appealId, { status: decision, decidedById: actor.memberId, decisionNote: note }))
      )
        throw new Conflict("This appeal has already been decided.");
      if (decision === "overturned") {
        await store.revokeAction(db, found.action.id);
        if (found.action.postId) await store.bumpThreadOfPost(db, found.action.postId);
      }
      await recordAudit(db, {
        organisationId: found.action.organisationId,
        moderatorId: actor.memberId,
        event: `appeal_${decision}`,
        subjectId: found.action.memberId,
        targetType: "appeal",
        targetId: appealId,
        detail: note,
      });
      const after = await store.appeal(db, appealId);
      return presentAppeal(after?.appeal ?? found.appeal);
    },

    // ─── Audit and moderators ───

    async audit(actor: Actor, scope: string) {
      const s = await store.standing(db, actor.memberId, scope);
      if (!s || !canModerate(s)) throw new NotFound(NO_SCOPE_FOUND);
      if (!canReadAudit(s)) throw new Forbidden("The audit log is for the organisation's admins.");
      const rows = await store.auditOf(db, scope);
      const handles = await store.handlesOf(
        db,
        rows.flatMap((r) => [r.moderatorId, r.subjectId]),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.createdAt.toISOString(),
          moderatorHandle: r.moderatorId ? (handles.get(r.moderatorId) ?? null) : null,
          byOperator: r.moderatorId === null && r.event.startsWith("operator_"),
          event: r.event,
          subjectHandle: r.subjectId ? (handles.get(r.subjectId) ?? null) : null,
          targetType: r.targetType,
          detail: r.detail,
        })),
      };
    },

    async moderators(actor: Actor, scope: string) {
      await moderatedScope(actor, scope);
      return { items: await store.moderatorsOf(db, scope) };
    },

    async nameModerator(actor: Actor, scope: string, handle: string, on: boolean) {
      const s = await store.standing(db, actor.memberId, scope);
      if (!s) throw new NotFound(NO_SCOPE_FOUND);
      if (!canNameModerators(s)) {
        if (!canModerate(s)) throw new NotFound(NO_SCOPE_FOUND);
        throw new Forbidden("Only the organisation's admins name its moderators.");
      }
      const m = await member(handle);
      if (on) await store.addModerator(db, scope, m.id);
      else {
        if (scope === "community" && (await store.communityModeratorCount(db)) <= 1)
          throw new Conflict("The community needs at least one moderator.");
        if (!(await store.removeModerator(db, scope, m.id))) throw new NotFound("That member isn't a moderator here.");
        // Live crisis queues follow whatever the safety policy now says of them.
        await announceResponderScopes(hub, m.id, await safetyStore.responderScopes(db, m.id));
      }
      await recordAudit(db, {
        organisationId: orgOf(scope),
        moderatorId: actor.memberId,
        event: on ? "moderator_named" : "moderator_removed",
        subjectId: m.id,
        targetType: "member",
        targetId: m.id,
      });
      return { items: await store.moderatorsOf(db, scope) };
    },

    // ─── Trust ───

    async trust(actor: Actor) {
      return trustView(db, actor.memberId);
    },

    async setTrust(actor: Actor, handle: string, level: number | null, reason: string) {
      const m = await member(handle);
      if (!canSetTrust(actor, await store.moderatesSomewhere(db, actor.memberId), m.id)) {
        if (m.id === actor.memberId) throw new Forbidden("You can't change your own trust level.");
        throw new Forbidden("Only moderators can change a member's trust level.");
      }
      await store.setTrust(db, m.id, level, actor.memberId, reason);
      await recordAudit(db, {
        organisationId: null,
        moderatorId: actor.memberId,
        event: level === null ? "trust_reset" : `trust_set_${level}`,
        subjectId: m.id,
        targetType: "member",
        targetId: m.id,
        detail: reason,
      });
      return trustView(db, m.id);
    },

    // ─── Blocks ───

    async blocks(actor: Actor) {
      const rows = await store.blocksBy(db, actor.memberId);
      return { items: rows.map((r) => ({ handle: r.handle, kind: r.kind, createdAt: r.createdAt.toISOString() })) };
    },

    async block(actor: Actor, handle: string, kind: "block" | "mute" | null) {
      const m = await member(handle);
      if (!canBlock(actor, m.id)) throw new Invalid("You can't block or mute yourself.", "handle");
      if (kind) await store.setBlock(db, actor.memberId, m.id, kind);
      else await store.removeBlock(db, actor.memberId, m.id);
      // Rooms open on any node stop (or start again) showing that member's words to this one. The
      // list travels with the news, so it applies before any later message from the same hub.
      const hidden = [...(await hiddenHandlesFor(db, actor.memberId))];
      await hub.publish(BLOCKS_CHANGED, { memberId: actor.memberId, hidden }).catch(() => {});
    },

    // ─── Mediation ───

    async requestMediation(actor: Actor, input: { groupId: string; otherHandle: string; note: string }) {
      const mine = await store.mediationStanding(db, actor.memberId, input.groupId);
      if (!mine?.inGroup) throw new NotFound("We couldn't find that group.");
      const other = await store.memberByHandle(db, input.otherHandle);
      const theirs = other ? await store.mediationStanding(db, other.id, input.groupId) : null;
      if (!other || !theirs?.inGroup) throw new NotFound("We couldn't find that member in this group.");
      if (!canRequestMediation(actor, mine, other.id))
        throw new Invalid("Mediation is between you and someone else.", "otherHandle");
      const m = await store.insertMediation(db, {
        groupId: input.groupId,
        organisationId: mine.organisationId,
        requesterId: actor.memberId,
        otherId: other.id,
        note: input.note,
      });
      return presentMediation(
        { mediation: m, groupName: mine.groupName },
        actor,
        await store.handlesOf(db, [m.requesterId, m.otherId]),
      );
    },

    async mediations(actor: Actor) {
      const mine = await store.mediationsOf(db, actor.memberId);
      const available = await store.mediationsAvailableTo(db, actor.memberId);
      const handles = await store.handlesOf(
        db,
        [...mine, ...available].flatMap((r) => [r.mediation.requesterId, r.mediation.otherId, r.mediation.mediatorId]),
      );
      return {
        mine: mine.map((r) => presentMediation(r, actor, handles)),
        available: available.map((r) => presentMediation(r, actor, handles)),
      };
    },

    async mediation(actor: Actor, id: string) {
      const found = await store.mediation(db, id);
      if (!found || !canReadMediation(actor, found.mediation)) throw new NotFound("We couldn't find that mediation.");
      const m = found.mediation;
      const handles = await store.handlesOf(db, [m.requesterId, m.otherId, m.mediatorId]);
      const messages = await store.mediationMessagesOf(db, id);
      return {
        ...presentMediation(found, actor, handles),
        messages: messages.map((x) => ({ id: x.id, from: x.from, body: x.body, at: x.createdAt.toISOString() })),
      };
    },

    async takeMediation(actor: Actor, id: string) {
      const found = await store.mediation(db, id);
      if (!found) throw new NotFound("We couldn't find that mediation.");
      const s = await store.mediationStanding(db, actor.memberId, found.mediation.groupId);
      if (!s || !canMediate(actor, s, found.mediation)) {
        if (canReadMediation(actor, found.mediation))
          throw new Forbidden("Someone from outside the group mediates, so everyone can trust it's fair.");
        throw new NotFound("We couldn't find that mediation.");
      }
      if (!(await store.takeMediation(db, id, actor.memberId)))
        throw new Conflict("Another facilitator has already taken this one.");
      return this.mediation(actor, id);
    },

    async say(actor: Actor, id: string, body: string) {
      const found = await store.mediation(db, id);
      if (!found || !canReadMediation(actor, found.mediation)) throw new NotFound("We couldn't find that mediation.");
      if (found.mediation.status !== "active")
        throw new Conflict(
          found.mediation.status === "open"
            ? "The conversation opens once a mediator has taken this request."
            : "This mediation has closed.",
        );
      await store.insertMediationMessage(db, { mediationId: id, authorId: actor.memberId, body });
      return this.mediation(actor, id);
    },

    async closeMediation(actor: Actor, id: string, outcome: string) {
      const found = await store.mediation(db, id);
      if (!found || !canReadMediation(actor, found.mediation)) throw new NotFound("We couldn't find that mediation.");
      if (found.mediation.mediatorId !== actor.memberId) throw new Forbidden("The mediator records the outcome.");
      if (found.mediation.status !== "active") throw new Conflict("This mediation isn't open.");
      await store.closeMediation(db, id, outcome);
      return this.mediation(actor, id);
    },
  };
}

/** A report as its reporter sees it. */
export function presentMyReport(r: {
  id: string;
  kind: "room_message" | "member" | "direct_message";
  reason: string;
  note: string;
  status: string;
  createdAt: Date;
}) {
  return {
    id: r.id,
    type: r.kind,
    reason: r.reason as ReportInput["reason"],
    note: r.note,
    status: r.status as "open",
    createdAt: r.createdAt.toISOString(),
  };
}

/** A member's trust as they (or a moderator) see it. */
export async function trustView(db: Db, memberId: string) {
  const facts = await trustFacts(db, memberId);
  if (!facts) throw new NotFound(NO_MEMBER);
  const level = levelFrom(facts);
  const restriction = await activeRestriction(db, memberId);
  const opens = new Date(facts.createdAt.getTime() + NEW_DAYS * 86_400_000);
  return {
    level,
    name: TRUST_NAMES[level],
    canPostLinks: level >= 1,
    canStartDirectMessages: level >= 1 && !restriction,
    opensAt: level === 0 && opens > new Date() ? opens.toISOString() : null,
    postsNeeded: level === 0 ? Math.max(0, NEW_POSTS - facts.posts) : 0,
    setByModerator: facts.override !== null,
    restriction: restriction ? { kind: restriction.kind, endsAt: restriction.endsAt?.toISOString() ?? null } : null,
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
