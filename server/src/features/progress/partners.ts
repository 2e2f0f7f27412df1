import type { PartnerInvite, SharedView, ShareItem } from "@kinship/contracts/progress";
import type { Db } from "../../db/client.ts";
import { recordAccess } from "../../platform/access-log.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import type { Limits } from "../../platform/limits.ts";
import { addDays, todayIn } from "./milestones.ts";
import { canAccept, canEncourage, canEnd, canSeePartnership, canSeeShared, canSetShares, otherSide } from "./policy.ts";
import {
  presentNotice,
  presentPartnership,
  presentPlan,
  presentSharedCheckin,
  presentSharedGoal,
  presentSharedJourney,
} from "./presenters.ts";
import { type GoalRow, type JourneyRow, type PartnershipRow, progressStore as store } from "./store.ts";

const NO_PARTNERSHIP = "We couldn't find that partnership.";
/** "I'm struggling" tells each chosen partner at most once in this many minutes. */
const STRUGGLING_QUIET_MINUTES = 10;
/** How far back a partner sees shared check-ins. */
const SHARED_CHECKIN_DAYS = 90;

const unique = (items: readonly ShareItem[] = []) => [...new Set(items)];

/** Accountability partners: invitations, per-item shares, what a partner may see, and notices between them. */
export function createPartnersService({ db, now, limits }: { db: Db; now: () => Date; limits?: Limits }) {
  async function live(actor: Actor, id: string) {
    const p = await store.partnership(db, id);
    if (!p || !canSeePartnership(actor, p)) throw new NotFound(NO_PARTNERSHIP);
    return p;
  }

  async function sharesBySide(p: PartnershipRow) {
    const rows = await store.sharesOf(db, [p.id]);
    const of = (memberId: string) => rows.filter((r) => r.memberId === memberId).map((r) => r.item);
    return { requester: of(p.requesterId), partner: of(p.partnerId) };
  }

  async function present(actor: Actor, p: PartnershipRow, otherHandle: string) {
    const shares = await sharesBySide(p);
    const mine = p.requesterId === actor.memberId ? shares.requester : shares.partner;
    const theirs = p.requesterId === actor.memberId ? shares.partner : shares.requester;
    return presentPartnership(p, actor.memberId, otherHandle, mine, theirs);
  }

  /** Notices to every active partner the owner shares `item` with; `extra` fills each one in. */
  async function tell(
    ownerId: string,
    item: ShareItem,
    notice: (
      partnershipId: string,
    ) => Promise<Omit<Parameters<typeof store.insertNotices>[1][number], "partnershipId" | "recipientId" | "senderId">>,
  ) {
    const targets = await store.partnersSharing(db, ownerId, item);
    const rows = [];
    for (const t of targets) {
      rows.push({
        ...(await notice(t.partnershipId)),
        partnershipId: t.partnershipId,
        recipientId: t.partnerId,
        senderId: ownerId,
      });
    }
    await store.insertNotices(db, rows);
    return targets;
  }

  const sharesJourneys = async (partnershipId: string, ownerId: string) =>
    (await store.sharesOf(db, [partnershipId])).some((s) => s.memberId === ownerId && s.item === "journeys");

  return {
    async list(actor: Actor) {
      const rows = await store.livePartnerships(db, actor.memberId);
      const shares = await store.sharesOf(
        db,
        rows.map((r) => r.partnership.id),
      );
      return {
        items: rows.map(({ partnership: p, otherHandle }) => {
          const of = (memberId: string) =>
            shares.filter((s) => s.partnershipId === p.id && s.memberId === memberId).map((s) => s.item);
          return presentPartnership(p, actor.memberId, otherHandle, of(actor.memberId), of(otherSide(actor, p)));
        }),
      };
    },

    /** Invites another member by handle, with what the inviter will share once they accept. */
    async invite(actor: Actor, input: PartnerInvite) {
      // Invitations can't become a way to pester someone who keeps declining.
      await limits?.hit("partnerInvitesPerMember", actor.memberId);
      const other = await store.memberByHandle(db, input.handle);
      if (!other) throw new NotFound("There's no member with that handle.");
      if (other.id === actor.memberId) throw new Invalid("Invite another member, not yourself.", "handle");
      const created = await store.invite(db, actor.memberId, other.id, unique(input.shares));
      if (!created)
        throw new Conflict("You're already partners with this member, or an invitation is waiting.", "handle");
      return present(actor, created, other.handle);
    },

    async accept(actor: Actor, id: string, shares?: ShareItem[]) {
      const p = await live(actor, id);
      if (!canAccept(actor, p)) throw new Forbidden("Only the member who was invited can accept.");
      if (!(await store.accept(db, p.id, actor.memberId, shares && unique(shares)))) {
        throw new Conflict("This invitation has already been answered.");
      }
      return present(actor, (await store.partnership(db, p.id)) as PartnershipRow, await handle(otherSide(actor, p)));
    },

    /** Ends, declines or withdraws: from this moment neither side sees anything of the other. */
    async end(actor: Actor, id: string) {
      const p = await live(actor, id);
      if (!canEnd(actor, p)) throw new NotFound(NO_PARTNERSHIP);
      await store.end(db, p.id);
    },

    async setShares(actor: Actor, id: string, shares: ShareItem[]) {
      const p = await live(actor, id);
      if (!canSetShares(actor, p)) throw new NotFound(NO_PARTNERSHIP);
      await store.setShares(db, p.id, actor.memberId, unique(shares));
      return present(actor, p, await handle(otherSide(actor, p)));
    },

    /**
     * What the other side shares with the actor, item by item. Each item seen is written to the
     * owner's access log. Notes, words and slip notes are never part of it.
     */
    async shared(actor: Actor, id: string): Promise<SharedView> {
      const p = await store.partnership(db, id);
      if (!p || !canEncourage(actor, p)) throw new NotFound(NO_PARTNERSHIP);
      const ownerId = otherSide(actor, p);
      const sides = await sharesBySide(p);
      const theirs = p.requesterId === ownerId ? sides.requester : sides.partner;
      const may = (item: ShareItem) => canSeeShared(actor, p, theirs, item);
      const view: SharedView = { partner: { handle: await handle(ownerId) }, shares: theirs };
      const log = (recordType: string) =>
        recordAccess(db, {
          memberId: ownerId,
          viewerId: actor.memberId,
          viewerRole: "partner",
          recordType,
          recordId: p.id,
          reason: "Shared with an accountability partner",
        });

      Object.assign(view, await readSharedItems(db, now, ownerId, may, log));
      return view;
    },

    async encourage(actor: Actor, id: string, message: string) {
      const p = await store.partnership(db, id);
      if (!p || !canEncourage(actor, p)) throw new NotFound(NO_PARTNERSHIP);
      await limits?.hit("encouragementsPerMember", actor.memberId);
      await store.insertNotices(db, [
        {
          partnershipId: p.id,
          recipientId: otherSide(actor, p),
          senderId: actor.memberId,
          kind: "encouragement",
          message,
        },
      ]);
    },

    async notices(actor: Actor) {
      const rows = await store.noticesFor(db, actor.memberId);
      return {
        items: rows.map(({ notice, fromHandle }) => presentNotice(notice, fromHandle)),
        unread: await store.unreadCount(db, actor.memberId),
      };
    },

    async markNoticesRead(actor: Actor) {
      await store.markRead(db, actor.memberId);
    },

    /** A run reached a milestone: partners the owner shares milestones with hear of it. */
    async tellMilestone(journey: JourneyRow, milestone: string) {
      await tell(journey.memberId, "milestones", async (partnershipId) => ({
        kind: "milestone",
        milestone,
        journeyLabel: (await sharesJourneys(partnershipId, journey.memberId)) ? journey.label : null,
      }));
    },

    /** A commitment was missed: partners the owner shares goals with hear of it, kindly. */
    async tellGoalMissed(goal: GoalRow) {
      await tell(goal.memberId, "goals", async () => ({ kind: "goal_missed", goalTitle: goal.title }));
    },

    /** Tells each partner chosen for "I'm struggling", at most once every few minutes; returns how many know. */
    async tellStruggling(actor: Actor) {
      const targets = await store.partnersSharing(db, actor.memberId, "struggling");
      const quietSince = now().getTime() - STRUGGLING_QUIET_MINUTES * 60_000;
      const rows = [];
      for (const t of targets) {
        const last = await store.lastNotice(db, t.partnershipId, actor.memberId, "struggling");
        if (last && last.createdAt.getTime() > quietSince) continue;
        rows.push({
          partnershipId: t.partnershipId,
          recipientId: t.partnerId,
          senderId: actor.memberId,
          kind: "struggling" as const,
        });
      }
      await store.insertNotices(db, rows);
      return targets.length;
    },
  };

  async function handle(memberId: string) {
    return (await store.handleOf(db, memberId)) ?? "";
  }
}

/** The parts of a shared view: one item at a time, only those `may` allows, each read written by `log`. */
export type SharedParts = Omit<SharedView, "partner" | "shares">;

/**
 * Reads the owner's items that `may` allows, presented for someone they share with (a partner, a
 * mentor, a group), and calls `log` with each record type read so the owner's access log shows it.
 * Check-ins go back `checkinDays`. Notes, words and slip notes are never part of it.
 */
export async function readSharedItems(
  db: Db,
  now: () => Date,
  ownerId: string,
  may: (item: ShareItem) => boolean,
  log: (recordType: string) => Promise<void>,
  checkinDays = SHARED_CHECKIN_DAYS,
): Promise<SharedParts> {
  const out: SharedParts = {};
  if (may("journeys") || may("milestones")) {
    const journeys = await store.listJourneys(db, ownerId);
    const attempts = await store.attemptsOf(
      db,
      journeys.map((j) => j.id),
    );
    const milestones = await store.milestonesOf(
      db,
      attempts.map((a) => a.id),
    );
    const partsOf = (journey: JourneyRow) => ({
      journey,
      attempts: attempts.filter((a) => a.journeyId === journey.id),
      milestones,
      today: todayIn(journey.timeZone, now()),
    });
    if (may("journeys")) {
      out.journeys = journeys.map((j) => presentSharedJourney(partsOf(j)));
      await log("progress.journeys");
    }
    if (may("milestones")) {
      const current = new Map(attempts.filter((a) => a.endDate === null).map((a) => [a.id, a.journeyId]));
      out.milestones = milestones
        .filter((m) => current.has(m.attemptId))
        .map((m) => ({
          id: m.milestone,
          on: m.reachedOn,
          // The journey's name is shared only when journeys are.
          journeyLabel: may("journeys")
            ? (journeys.find((j) => j.id === current.get(m.attemptId))?.label ?? null)
            : null,
        }));
      await log("progress.milestones");
    }
  }
  if (may("checkins")) {
    const to = todayIn(await store.memberZone(db, ownerId), now());
    const rows = await store.listCheckins(db, ownerId, addDays(to, -checkinDays), to);
    out.checkins = rows.map(presentSharedCheckin);
    await log("progress.checkins");
  }
  if (may("goals")) {
    const goals = await store.listGoals(db, ownerId);
    const records = await store.recordsOf(
      db,
      goals.map((g) => g.id),
    );
    const today = todayIn(await store.memberZone(db, ownerId), now());
    out.goals = goals.map((g) => presentSharedGoal(g, records, today));
    await log("progress.goals");
  }
  if (may("plan")) {
    out.plan = presentPlan(await store.plan(db, ownerId));
    await log("progress.plan");
  }
  return out;
}

export type PartnersService = ReturnType<typeof createPartnersService>;
