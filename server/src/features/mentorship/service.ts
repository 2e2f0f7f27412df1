import {
  type ConversationReportInput,
  ConversationReportInput as ConversationReportSchema,
  type DeclineReason,
  type DmAllow,
  type MenteePreferences,
  MenteePreferences as MenteePreferencesSchema,
  type MentorProfileInput,
  MentorProfileInput as MentorProfileSchema,
  type MentorSharedView,
  type MentorShareItem,
  type MentorshipServerMessage,
  type MessagePage,
  type MyMentorProfile,
  type SentMessage,
  type TrainingModuleInput,
  type TrainingResult,
  type WellbeingInput,
  WellbeingInput as WellbeingSchema,
} from "@kinship/contracts/mentorship";
import type { Db } from "../../db/client.ts";
import { recordAccess } from "../../platform/access-log.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import type { Limits } from "../../platform/limits.ts";
import type { Hub } from "../../realtime/hub.ts";
import { isAnyOrganisationAdmin } from "../groups/access.ts";
import { isBlocked } from "../moderation/blocks.ts";
import { fileConversationReport } from "../moderation/direct-messages.ts";
import { moderationStore } from "../moderation/store.ts";
import { mayStartDirectMessages } from "../moderation/trust.ts";
import { readSharedItems } from "../progress/partners.ts";
import { createSafetyService } from "../safety/service.ts";
import { isPaused, notOfferedBecause, rankMentors } from "./matching.ts";
import {
  canAnswer,
  canAnswerHandoff,
  canCancelHandoff,
  canDirectMessage,
  canEditTraining,
  canEnd,
  canMessage,
  canProposeHandoff,
  canPublishProfile,
  canReadConversation,
  canReportConversation,
  canRequest,
  canSeeMentorship,
  canSeeShared,
  canShare,
  canWithdraw,
  isMentorOf,
  otherSide,
} from "./policy.ts";
import {
  presentMentorship,
  presentMessage,
  presentOwnProfile,
  presentPreferences,
  presentSuggestion,
  presentTraining,
  presentTrainingEdit,
} from "./presenters.ts";
import { type MentorshipRow, mentorshipStore as store } from "./store.ts";
import { DEFAULT_TRAINING, trainingIn } from "./training-default.ts";

export type MentorshipDeps = {
  db: Db;
  hub: Hub;
  limits?: Limits;
  now?: () => Date;
  logError?: (error: unknown, message: string) => void;
};

/** The hub channel of one member's private messages, receipts and mentorship changes, on every node. */
export const memberChannel = (memberId: string) => `mentorship:member:${memberId}`;

/** A mentor checks in on their own wellbeing this often. */
export const WELLBEING_EVERY_DAYS = 14;
const DAY_MS = 86_400_000;
const NO_MENTORSHIP = "We couldn't find that mentorship.";
// One answer for "not allowed", "blocked" and "no such member": no one learns which it was.
const NOT_OPEN = "This member isn't open to direct messages from you right now.";
const NOT_OFFERED: Record<string, string> = {
  draft: "This mentor isn't taking requests right now.",
  paused:
    "This mentor is taking a break right now, so they aren't taking new requests. Another mentor may be a good fit.",
  full: "This mentor's places are all taken right now. Another mentor may be a good fit.",
  quiet_hours: "This mentor is in their quiet hours right now. Please try again later, or ask another mentor.",
};

/** Peer mentorship: training, profiles and their limits, suggestions, requests, messages, shares, wellbeing. */
export function createMentorshipService({
  db,
  hub,
  limits,
  now = () => new Date(),
  logError = () => {},
}: MentorshipDeps) {
  const safety = createSafetyService({ db, hub });
  async function publish(memberId: string, message: MentorshipServerMessage) {
    // Persist first, publish second: a member who misses this catches up from the database.
    await hub.publish(memberChannel(memberId), message).catch((error) => logError(error, "mentorship publish failed"));
  }
  const changed = async (m: MentorshipRow) => {
    await publish(m.mentorId, { type: "dm.changed", mentorship: m.id });
    await publish(m.menteeId, { type: "dm.changed", mentorship: m.id });
  };

  async function training() {
    let row = await store.training(db);
    if (!row) {
      await store.ensureTraining(db, DEFAULT_TRAINING);
      row = await store.training(db);
    }
    if (!row) throw new Error("mentor training missing");
    return row;
  }

  async function visible(actor: Actor, id: string) {
    const m = await store.mentorship(db, id);
    if (!m || !canSeeMentorship(actor, m)) throw new NotFound(NO_MENTORSHIP);
    return m;
  }

  async function present(actor: Actor, m: MentorshipRow) {
    const shares = (await store.sharesOf(db, [m.id])).map((s) => s.item);
    const unread = (await store.unread(db, actor.memberId, [m])).get(m.id) ?? 0;
    return presentMentorship(m, actor, await store.handleOf(db, otherSide(actor, m)), shares, unread);
  }

  /** The recipient's choice and the ties between the two, for the policy. */
  async function mayStartDirect(fromId: string, toId: string) {
    const allow = await store.dmAllow(db, toId);
    return canDirectMessage(
      { memberId: fromId, handle: "", sessionId: "" },
      {
        memberId: toId,
        allow,
        partners: allow !== "nobody" && (await store.arePartners(db, fromId, toId)),
        sameGroup: allow === "groups" && (await store.shareAGroup(db, fromId, toId)),
        blocked: await isBlocked(db, fromId, toId),
        trusted: await mayStartDirectMessages(db, fromId),
      },
    );
  }

  /** Checks the mentor may be asked now, then stores the request. */
  async function request(actor: Actor, mentorProfileId: string, message: string, handoffFromId?: string) {
    const found = await store.profileWithHandle(db, mentorProfileId);
    if (!found?.profile.published || !(await store.lastPass(db, found.profile.memberId)))
      throw new NotFound("We couldn't find that mentor.");
    const mentorId = found.profile.memberId;
    if (!canRequest(actor, mentorId)) throw new Invalid("You can't be your own mentor.", "mentorId");
    // A block either way hides the mentor as if they weren't here; no one is told why.
    if (await isBlocked(db, actor.memberId, mentorId)) throw new NotFound("We couldn't find that mentor.");
    const active = await store.activeCount(db, mentorId);
    const why = notOfferedBecause(found.profile, active, now());
    if (why) throw new Conflict(NOT_OFFERED[why] as string, "mentorId");
    await limits?.hit("mentorshipRequestsPerMember", actor.memberId);
    const row = await store.insertRequest(db, {
      mentorId,
      menteeId: actor.memberId,
      requestMessage: message,
      handoffFromId,
    });
    if (!row) throw new Conflict("You've already asked this mentor, or they're already your mentor.", "mentorId");
    await changed(row);
    return present(actor, row);
  }

  return {
    // ─── Training ───
    async training(actor: Actor, language: "en" | "es" = "en") {
      const row = trainingIn(await training(), language);
      const pass = await store.lastPass(db, actor.memberId);
      const canEdit = canEditTraining(await isAnyOrganisationAdmin(db, actor));
      return presentTraining(row, { passedAt: pass?.passedAt ?? null, canEdit });
    },

    async trainingForEdit(actor: Actor) {
      if (!canEditTraining(await isAnyOrganisationAdmin(db, actor)))
        throw new Forbidden("Only organisation admins can edit the mentor training.");
      return presentTrainingEdit(await training());
    },

    async saveTraining(actor: Actor, input: TrainingModuleInput) {
      if (!canEditTraining(await isAnyOrganisationAdmin(db, actor)))
        throw new Forbidden("Only organisation admins can edit the mentor training.");
      await training();
      return presentTrainingEdit(await store.saveTraining(db, input, actor.memberId));
    },

    /** Checks the answers; every question right passes. Each answer comes back with its explanation. */
    async attempt(actor: Actor, answers: number[], language: "en" | "es" = "en"): Promise<TrainingResult> {
      const row = trainingIn(await training(), language);
      if (answers.length !== row.questions.length)
        throw new Invalid(`Please answer all ${row.questions.length} questions.`, "answers");
      const results = row.questions.map((q, i) => ({ correct: answers[i] === q.answer, explanation: q.explanation }));
      const passed = results.every((r) => r.correct);
      if (passed) await store.recordPass(db, actor.memberId, row.version);
      return { passed, results };
    },

    // ─── The mentor's own profile ───
    async myProfile(actor: Actor): Promise<MyMentorProfile> {
      const trained = (await store.lastPass(db, actor.memberId)) !== null;
      const profile = await store.profileOf(db, actor.memberId);
      const activeMentees = await store.activeCount(db, actor.memberId);
      const helped = await store.helpedCount(db, actor.memberId);
      const at = now();
      const why = profile ? notOfferedBecause(profile, activeMentees, at) : "draft";
      const last = await store.lastCheckin(db, actor.memberId);
      const base = last?.createdAt ?? profile?.publishedAt ?? null;
      const dueAt = base ? new Date(base.getTime() + WELLBEING_EVERY_DAYS * DAY_MS) : null;
      return {
        trained,
        profile: profile ? presentOwnProfile(profile, isPaused(profile, at)) : null,
        activeMentees,
        helped,
        offered: trained && why === null,
        notOfferedBecause: trained ? why : "draft",
        wellbeing: {
          due: !!profile?.published && dueAt !== null && dueAt.getTime() <= at.getTime(),
          dueAt: dueAt?.toISOString() ?? null,
          lastAt: last?.createdAt.toISOString() ?? null,
        },
      };
    },

    async saveProfile(actor: Actor, raw: MentorProfileInput) {
      const input = MentorProfileSchema.parse(raw);
      if (!canPublishProfile((await store.lastPass(db, actor.memberId)) !== null))
        throw new Forbidden("Please complete the mentor training first.");
      const quiet = input.quietHours;
      await store.saveProfile(db, actor.memberId, {
        timeInRecovery: input.timeInRecovery,
        focus: [...new Set(input.focus)],
        formats: [...new Set(input.formats)],
        languages: [...new Set(input.languages)],
        timeZone: input.timeZone,
        availableDays: [...new Set(input.availability.days)].sort(),
        availableFrom: input.availability.from,
        availableTo: input.availability.to,
        canHelpWith: input.canHelpWith,
        cannotHelpWith: input.cannotHelpWith,
        about: input.about,
        capacity: input.capacity,
        gender: input.gender,
        quietFrom: quiet?.from ?? null,
        quietTo: quiet?.to ?? null,
        published: input.published,
      });
      return this.myProfile(actor);
    },

    /** "Taking a break": not offered, no new requests, until they come back (or the chosen day). */
    async pause(actor: Actor, until: string | null) {
      const profile = await store.profileOf(db, actor.memberId);
      if (!profile) throw new NotFound("You don't have a mentor profile yet.");
      if (until && until <= now().toISOString().slice(0, 10))
        throw new Invalid("Choose a return day after today, or leave it empty.", "until");
      await store.setPause(db, actor.memberId, now(), until);
      return this.myProfile(actor);
    },

    async resume(actor: Actor) {
      if (!(await store.setPause(db, actor.memberId, null, null)))
        throw new NotFound("You don't have a mentor profile yet.");
      return this.myProfile(actor);
    },

    // ─── Finding a mentor ───
    async preferences(actor: Actor) {
      return presentPreferences(await store.preferences(db, actor.memberId));
    },

    async savePreferences(actor: Actor, raw: MenteePreferences) {
      const p = MenteePreferencesSchema.parse(raw);
      const row = await store.savePreferences(db, actor.memberId, {
        focus: [...new Set(p.focus)],
        formats: [...new Set(p.formats)],
        languages: [...new Set(p.languages)],
        timeZone: p.timeZone,
        days: [...new Set(p.days)].sort(),
        sameGender: p.sameGender,
        gender: p.gender,
      });
      return presentPreferences(row);
    },

    /** Offered mentors for this member, best first, each with why. Never a mentor past capacity. */
    async suggestions(actor: Actor) {
      const at = now();
      const prefs = presentPreferences(await store.preferences(db, actor.memberId));
      const taken = new Set(await store.liveMentorsOf(db, actor.memberId));
      const candidates = (await store.publishedProfiles(db)).filter(
        (c) =>
          c.profile.memberId !== actor.memberId &&
          !taken.has(c.profile.memberId) &&
          notOfferedBecause(c.profile, c.activeMentees, at) === null,
      );
      for (const c of [...candidates]) {
        if (await isBlocked(db, actor.memberId, c.profile.memberId)) candidates.splice(candidates.indexOf(c), 1);
      }
      const handles = new Map(candidates.map((c) => [c.profile.id, c.handle]));
      const ranked = rankMentors(candidates, prefs, await store.memberZone(db, actor.memberId), at);
      return {
        items: ranked.map((r) =>
          presentSuggestion(r.profile, handles.get(r.profile.id) ?? "", r.activeMentees, r.reasons),
        ),
      };
    },

    // ─── Mentorships ───
    async list(actor: Actor) {
      const rows = await store.listFor(db, actor.memberId);
      const ms = rows.map((r) => r.mentorship);
      const shares = await store.sharesOf(
        db,
        ms.map((m) => m.id),
      );
      const unread = await store.unread(db, actor.memberId, ms);
      return {
        items: rows.map(({ mentorship: m, otherHandle }) =>
          presentMentorship(
            m,
            actor,
            otherHandle,
            shares.filter((s) => s.mentorshipId === m.id).map((s) => s.item),
            unread.get(m.id) ?? 0,
          ),
        ),
      };
    },

    async get(actor: Actor, id: string) {
      return present(actor, await visible(actor, id));
    },

    request: (actor: Actor, mentorId: string, message: string) => request(actor, mentorId, message),

    async accept(actor: Actor, id: string) {
      const m = await visible(actor, id);
      if (!canAnswer(actor, m)) throw new Conflict("This request has already been answered, or isn't yours to answer.");
      const result = await store.accept(db, m.id, actor.memberId, now());
      if (result === "full")
        throw new Conflict("All your places are taken. End a mentorship or raise your capacity first.");
      if (result === "answered") throw new Conflict("This request has already been answered.");
      // A hand-off is complete once the new mentor says yes: the earlier mentorship ends gently.
      if (result.handoffFromId) {
        const old = await store.transition(db, result.handoffFromId, "active", {
          status: "ended",
          endNote: "Handed on with care to a new mentor.",
          endedAt: now(),
          endedById: result.menteeId,
        });
        if (old) {
          await store.clearShares(db, old.id);
          await changed(old);
        }
      }
      await changed(result);
      return present(actor, result);
    },

    /** A kind "not now", with a chosen reason the member sees as gentle words. */
    async decline(actor: Actor, id: string, reason: DeclineReason) {
      const m = await visible(actor, id);
      if (!canAnswer(actor, m)) throw new Conflict("This request has already been answered, or isn't yours to answer.");
      const row = await store.transition(db, m.id, "requested", {
        status: "declined",
        declineReason: reason,
        endedAt: now(),
      });
      if (!row) throw new Conflict("This request has already been answered.");
      await changed(row);
      return present(actor, row);
    },

    async withdraw(actor: Actor, id: string) {
      const m = await visible(actor, id);
      if (!canWithdraw(actor, m)) throw new Conflict("Only a waiting request can be taken back.");
      const row = await store.transition(db, m.id, "requested", { status: "withdrawn", endedAt: now() });
      if (!row) throw new Conflict("This request has already been answered.");
      await changed(row);
      return present(actor, row);
    },

    /** Either side ends with a closing note; shares stop at once, the conversation stays readable to both. */
    async end(actor: Actor, id: string, note: string) {
      const m = await visible(actor, id);
      if (!canEnd(actor, m)) throw new Conflict("This mentorship isn't active.");
      const row = await store.transition(db, m.id, "active", {
        status: "ended",
        endNote: note,
        endedAt: now(),
        endedById: actor.memberId,
        handoffProposedAt: null,
      });
      if (!row) throw new Conflict("This mentorship isn't active.");
      await store.clearShares(db, row.id);
      await changed(row);
      return present(actor, row);
    },

    // ─── Hand-off ───
    async proposeHandoff(actor: Actor, id: string) {
      const m = await visible(actor, id);
      if (!canProposeHandoff(actor, m))
        throw new Conflict("A hand-off can be suggested once, by the mentor, while active.");
      const row = await store.setHandoff(db, m.id, now());
      if (!row) throw new Conflict("This mentorship isn't active.");
      await changed(row);
      return present(actor, row);
    },

    async cancelHandoff(actor: Actor, id: string) {
      const m = await visible(actor, id);
      if (!canCancelHandoff(actor, m)) throw new Conflict("There's no hand-off waiting.");
      const row = await store.setHandoff(db, m.id, null);
      if (!row) throw new Conflict("This mentorship isn't active.");
      await changed(row);
      return present(actor, row);
    },

    /** The mentee agrees and asks a new mentor; the old mentorship ends when the new one begins. */
    async acceptHandoff(actor: Actor, id: string, mentorProfileId: string, message: string) {
      const m = await visible(actor, id);
      if (!canAnswerHandoff(actor, m)) throw new Conflict("There's no hand-off waiting.");
      const target = await store.profileWithHandle(db, mentorProfileId);
      if (target?.profile.memberId === m.mentorId)
        throw new Invalid("Choose a different mentor for the hand-off.", "mentorId");
      return request(actor, mentorProfileId, message, m.id);
    },

    // ─── Shares ───
    async setShares(actor: Actor, id: string, items: MentorShareItem[]) {
      const m = await visible(actor, id);
      if (!canShare(actor, m))
        throw new Forbidden("Only the mentee chooses what to share, while the mentorship is active.");
      await store.setShares(db, m.id, [...new Set(items)]);
      await changed(m);
      return present(actor, m);
    },

    /** What the mentee shares, item by item; each item read is written to the mentee's access log. */
    async shared(actor: Actor, id: string): Promise<MentorSharedView> {
      const m = await visible(actor, id);
      if (!canSeeShared(actor, m)) throw new NotFound(NO_MENTORSHIP);
      const shares = (await store.sharesOf(db, [m.id])).map((s) => s.item);
      const may = (item: string) => (shares as string[]).includes(item);
      const log = (recordType: string) =>
        recordAccess(db, {
          memberId: m.menteeId,
          viewerId: actor.memberId,
          viewerRole: "mentor",
          recordType,
          recordId: m.id,
          reason: "Shared with their mentor",
        });
      const parts = await readSharedItems(db, now, m.menteeId, may, log);
      return { mentee: { handle: await store.handleOf(db, m.menteeId) }, shares, ...parts };
    },

    // ─── Messages ───
    /**
     * May `fromId` send a private message to `toId`? Only inside an active mentorship between them,
     * and never when either has blocked the other. Every way of sending asks this one question.
     */
    async mayMessage(fromId: string, toId: string, mentorship?: MentorshipRow) {
      if (fromId === toId) return false;
      if (await isBlocked(db, fromId, toId)) return false;
      if (mentorship) {
        const sides = [mentorship.mentorId, mentorship.menteeId];
        if (mentorship.status !== "active" || !sides.includes(fromId) || !sides.includes(toId)) return false;
        // In a direct conversation the one who wrote first keeps needing the other's permission; the other may always answer.
        if (mentorship.kind === "direct" && fromId === mentorship.mentorId) return mayStartDirect(fromId, toId);
        return true;
      }
      const rows = await store.listFor(db, fromId);
      return rows.some(({ mentorship: m }) => m.status === "active" && (m.mentorId === toId || m.menteeId === toId));
    },

    /**
     * Stores a message (once per client id), then delivers it to every device of both people. Words
     * that show crisis language are never blocked: the sender gets crisis lines back (`crisis`), and
     * the responders an alert without the words.
     */
    async send(actor: Actor, id: string, clientId: string, text: string): Promise<SentMessage> {
      const m = await visible(actor, id);
      if (!canMessage(actor, m) || !(await this.mayMessage(actor.memberId, otherSide(actor, m), m)))
        throw new Conflict(
          m.status === "ended"
            ? "This mentorship has ended, so new messages are closed."
            : m.status === "active"
              ? "You can't send messages in this conversation."
              : "Messages open once the mentorship is active.",
        );
      await limits?.hit("mentorshipMessagesPerMember", actor.memberId);
      const { message, created } = await store.insertMessage(db, {
        mentorshipId: m.id,
        senderId: actor.memberId,
        clientId,
        text,
      });
      if (!created) return presentMessage(message, actor.handle, actor.memberId);
      for (const memberId of [m.mentorId, m.menteeId]) {
        await publish(memberId, { type: "dm.message", message: presentMessage(message, actor.handle, memberId) });
      }
      const crisis = await safety.check(actor, { source: "direct_message", sourceId: m.id, text });
      const sent = presentMessage(message, actor.handle, actor.memberId);
      return crisis ? { ...sent, crisis } : sent;
    },

    /**
     * Either side reports the conversation: the chosen messages (or the last few) are copied into a
     * report for the community's moderators, who read nothing else of it. At least one of the copied
     * messages must be the other person's.
     */
    async report(actor: Actor, id: string, raw: ConversationReportInput) {
      const input = ConversationReportSchema.parse(raw);
      const m = await visible(actor, id);
      if (!canReportConversation(actor, m)) throw new NotFound(NO_MENTORSHIP);
      const other = otherSide(actor, m);
      const rows = input.seqs
        ? await store.messagesAt(db, m.id, [...new Set(input.seqs)])
        : (await store.page(db, m.id, undefined, input.last ?? 1)).items;
      if (input.seqs && rows.length !== new Set(input.seqs).size)
        throw new Invalid("Please choose messages from this conversation.", "seqs");
      if (!rows.some((r) => r.senderId === other))
        throw new Invalid(
          "Please include at least one of their messages, so a moderator can see what happened.",
          "seqs",
        );
      const handles = new Map([
        [actor.memberId, actor.handle],
        [other, await store.handleOf(db, other)],
      ]);
      return fileConversationReport(db, {
        reporterId: actor.memberId,
        subjectId: other,
        conversationId: m.id,
        reason: input.reason,
        note: input.note,
        messages: rows.map((r) => ({
          from: handles.get(r.senderId) ?? null,
          text: r.text,
          at: r.createdAt.toISOString(),
          seq: r.seq,
          reported: r.senderId === other,
          byReporter: r.senderId === actor.memberId,
        })),
      });
    },

    async history(actor: Actor, id: string, before: number | undefined, limit: number): Promise<MessagePage> {
      const m = await visible(actor, id);
      if (!canReadConversation(actor, m)) throw new NotFound(NO_MENTORSHIP);
      const page = await store.page(db, m.id, before, limit);
      const handles = new Map([
        [m.mentorId, await store.handleOf(db, m.mentorId)],
        [m.menteeId, await store.handleOf(db, m.menteeId)],
      ]);
      const mentor = isMentorOf(actor, m);
      return {
        items: page.items.map((row) => presentMessage(row, handles.get(row.senderId) ?? "", actor.memberId)),
        nextBefore: page.more ? (page.items[0]?.seq ?? null) : null,
        readUpTo: {
          mine: mentor ? m.mentorReadSeq : m.menteeReadSeq,
          theirs: mentor ? m.menteeReadSeq : m.mentorReadSeq,
        },
      };
    },

    /** Moves the reader's marker; both people's devices hear of it (a read receipt). */
    async markRead(actor: Actor, id: string, seq: number) {
      const m = await visible(actor, id);
      if (!canReadConversation(actor, m)) throw new NotFound(NO_MENTORSHIP);
      const upTo = Math.min(seq, await store.lastSeq(db, m.id));
      const marker = await store.markRead(db, m.id, isMentorOf(actor, m) ? "mentor" : "mentee", upTo);
      for (const memberId of [m.mentorId, m.menteeId]) {
        await publish(memberId, { type: "dm.read", mentorship: m.id, handle: actor.handle, seq: marker });
      }
      return marker;
    },

    /** "Typing…": not stored; only the other person's devices hear it. */
    async typing(actor: Actor, id: string) {
      const m = await visible(actor, id);
      if (!canMessage(actor, m)) throw new Conflict("Messages are closed in this mentorship.");
      await publish(otherSide(actor, m), { type: "dm.typing", mentorship: m.id, handle: actor.handle });
    },

    // ─── Direct conversations outside a mentorship ───
    async dmSettings(actor: Actor) {
      return { allow: await store.dmAllow(db, actor.memberId) };
    },

    async saveDmSettings(actor: Actor, allow: DmAllow) {
      await store.saveDmAllow(db, actor.memberId, allow);
      return { allow };
    },

    /** How many messages wait for the member, for the badge by Mentors in the header. */
    async unreadMessages(actor: Actor) {
      return { unread: await store.unreadTotal(db, actor.memberId) };
    },

    async directList(actor: Actor) {
      const rows = await store.listFor(db, actor.memberId, "direct");
      const unread = await store.unread(
        db,
        actor.memberId,
        rows.map((r) => r.mentorship),
      );
      return {
        items: rows.map(({ mentorship: m, otherHandle }) =>
          presentMentorship(m, actor, otherHandle, [], unread.get(m.id) ?? 0),
        ),
      };
    },

    /**
     * Opens a direct conversation with a member, if they allowed it for the actor: the one the pair
     * already has, or their active mentorship's. Refusals all read the same, so a block stays unseen.
     */
    async startDirect(actor: Actor, handle: string) {
      const to = await moderationStore.memberByHandle(db, handle);
      if (to?.id === actor.memberId) throw new Invalid("A conversation needs someone else.", "handle");
      const mentorship =
        to &&
        (await store.listFor(db, actor.memberId)).find(
          ({ mentorship: m }) => m.status === "active" && (m.mentorId === to.id || m.menteeId === to.id),
        );
      if (to && mentorship && (await this.mayMessage(actor.memberId, to.id, mentorship.mentorship)))
        return present(actor, mentorship.mentorship);
      // A new account hears why, whoever it asks for; everyone else hears the same words, whatever the reason.
      if (!(await mayStartDirectMessages(db, actor.memberId)))
        throw new Forbidden(
          "Welcome! To keep everyone safe, new accounts can start direct messages after their first few days and a few posts. Your mentor, if you have one, can always be reached.",
        );
      if (!to) throw new Forbidden(NOT_OPEN);
      const existing = await store.directBetween(db, actor.memberId, to.id);
      if (existing && (await this.mayMessage(actor.memberId, to.id, existing))) return present(actor, existing);
      if (!(await mayStartDirect(actor.memberId, to.id))) throw new Forbidden(NOT_OPEN);
      await limits?.hit("directConversationsPerMember", actor.memberId);
      const row = await store.insertDirect(db, actor.memberId, to.id, now());
      await changed(row);
      return present(actor, row);
    },

    // ─── Wellbeing ───
    async checkIn(actor: Actor, raw: WellbeingInput) {
      const input = WellbeingSchema.parse(raw);
      if (!(await store.profileOf(db, actor.memberId)))
        throw new NotFound("The wellbeing check-in is for mentors. Create your mentor profile first.");
      const row = await store.addCheckin(db, { memberId: actor.memberId, ...input });
      return {
        strain: input.feeling <= 2 || input.needBreak,
        nextDueAt: new Date(row.createdAt.getTime() + WELLBEING_EVERY_DAYS * DAY_MS).toISOString(),
      };
    },
  };
}

export type MentorshipService = ReturnType<typeof createMentorshipService>;
