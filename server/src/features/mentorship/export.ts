import type { MentorshipExport } from "@kinship/contracts/mentorship";
import type { Db } from "../../db/client.ts";
import { isPaused } from "./matching.ts";
import { presentOwnProfile, presentPreferences } from "./presenters.ts";
import { mentorshipStore as store } from "./store.ts";

/** Is `mentorId` the active mentor of `menteeId`? (Profile fields a member shows "to my mentor".) */
export async function isActiveMentorOf(db: Db, mentorId: string, menteeId: string) {
  return (await store.liveMentorsOf(db, menteeId, "active")).includes(mentorId);
}

/**
 * Everything of mentorship that belongs to the member, for their data export: their profile,
 * preferences, training passes, private wellbeing check-ins, each mentorship with its
 * conversation (both sides' messages: the member took part in it), and their direct conversations
 * outside a mentorship with who may start one.
 */
export async function exportMentorship(db: Db, memberId: string): Promise<MentorshipExport> {
  // One after another: PGlite is a single connection, and this is not a hot path.
  const profile = await store.profileOf(db, memberId);
  const preferences = await store.preferences(db, memberId);
  const passes = await store.passes(db, memberId);
  const rows = await store.listFor(db, memberId);
  const shares = await store.sharesOf(
    db,
    rows.map((r) => r.mentorship.id),
  );
  const handle = await store.handleOf(db, memberId);
  const mentorships = [];
  for (const { mentorship: m, otherHandle } of rows) {
    const messages = await store.allMessages(db, m.id);
    mentorships.push({
      id: m.id,
      role: m.mentorId === memberId ? ("mentor" as const) : ("mentee" as const),
      otherHandle,
      status: m.status,
      requestMessage: m.requestMessage,
      endNote: m.endNote,
      shares: shares.filter((s) => s.mentorshipId === m.id).map((s) => s.item),
      createdAt: m.createdAt.toISOString(),
      endedAt: m.endedAt?.toISOString() ?? null,
      messages: messages.map((x) => ({
        from: x.senderId === memberId ? handle : otherHandle,
        text: x.text,
        at: x.createdAt.toISOString(),
      })),
    });
  }
  const direct = [];
  for (const { mentorship: m, otherHandle } of await store.listFor(db, memberId, "direct")) {
    const messages = await store.allMessages(db, m.id);
    direct.push({
      id: m.id,
      otherHandle,
      startedByMe: m.mentorId === memberId,
      createdAt: m.createdAt.toISOString(),
      messages: messages.map((x) => ({
        from: x.senderId === memberId ? handle : otherHandle,
        text: x.text,
        at: x.createdAt.toISOString(),
      })),
    });
  }
  const checkins = await store.checkins(db, memberId);
  return {
    profile: profile ? presentOwnProfile(profile, isPaused(profile, new Date())) : null,
    preferences: preferences ? presentPreferences(preferences) : null,
    training: passes.map((p) => ({ version: p.version, passedAt: p.passedAt.toISOString() })),
    mentorships,
    direct: { allow: await store.dmAllow(db, memberId), conversations: direct },
    wellbeing: checkins.map((c) => ({
      feeling: c.feeling,
      timeSpent: c.timeSpent,
      needBreak: c.needBreak,
      note: c.note,
      at: c.createdAt.toISOString(),
    })),
  };
}
