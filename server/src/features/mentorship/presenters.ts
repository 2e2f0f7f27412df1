import type {
  Gender,
  MenteePreferencesView,
  MentorFormat,
  MentorShareItem,
  MentorSuggestion,
  Mentorship,
  Message,
  MyMentorProfile,
  Reason,
  TimeInRecovery,
  TrainingModule,
  TrainingModuleEdit,
} from "@kinship/contracts/mentorship";
import type { Actor } from "../../platform/actor.ts";
import {
  canAnswer,
  canAnswerHandoff,
  canEnd,
  canMessage,
  canProposeHandoff,
  canSeeShared,
  canShare,
  canWithdraw,
  isMentorOf,
} from "./policy.ts";
import type { MentorshipRow, MessageRow, PreferencesRow, ProfileRow, TrainingRow } from "./store.ts";

type Focus = MentorSuggestion["focus"][number];

/** The module as someone taking it sees it: never the answers. */
export const presentTraining = (row: TrainingRow, me: { passedAt: Date | null; canEdit: boolean }): TrainingModule => ({
  title: row.title,
  intro: row.intro,
  version: row.version,
  sections: row.sections.map((s) => ({ title: s.title, body: s.body })),
  questions: row.questions.map((q) => ({ prompt: q.prompt, options: [...q.options] })),
  me: { passed: me.passedAt !== null, passedAt: me.passedAt?.toISOString() ?? null, canEdit: me.canEdit },
});

/** For organisation admins editing the module. */
export const presentTrainingEdit = (row: TrainingRow): TrainingModuleEdit => ({
  title: row.title,
  intro: row.intro,
  version: row.version,
  sections: row.sections.map((s) => ({ title: s.title, body: s.body })),
  questions: row.questions.map((q) => ({
    prompt: q.prompt,
    options: [...q.options],
    answer: q.answer,
    explanation: q.explanation,
  })),
});

const availabilityOf = (p: ProfileRow) => ({ days: p.availableDays, from: p.availableFrom, to: p.availableTo });

/** What every member may see of an offered mentor. Never their gender (only used to match), never quiet hours. */
export const presentSuggestion = (
  p: ProfileRow,
  handle: string,
  activeMentees: number,
  reasons: Reason[],
): MentorSuggestion => ({
  id: p.id,
  handle,
  capacity: p.capacity,
  activeMentees,
  reasons,
  timeInRecovery: p.timeInRecovery as TimeInRecovery,
  focus: p.focus as Focus[],
  formats: p.formats as MentorFormat[],
  languages: p.languages,
  timeZone: p.timeZone,
  availability: availabilityOf(p),
  canHelpWith: p.canHelpWith,
  cannotHelpWith: p.cannotHelpWith,
  about: p.about,
});

/** The mentor's own profile, all of it. */
export const presentOwnProfile = (p: ProfileRow, paused: boolean): NonNullable<MyMentorProfile["profile"]> => ({
  id: p.id,
  timeInRecovery: p.timeInRecovery as TimeInRecovery,
  focus: p.focus as Focus[],
  formats: p.formats as MentorFormat[],
  languages: p.languages,
  timeZone: p.timeZone,
  availability: availabilityOf(p),
  canHelpWith: p.canHelpWith,
  cannotHelpWith: p.cannotHelpWith,
  about: p.about,
  capacity: p.capacity,
  gender: p.gender as Gender | null,
  quietHours: p.quietFrom && p.quietTo ? { from: p.quietFrom, to: p.quietTo } : null,
  published: p.published,
  paused,
  pausedUntil: paused ? p.pausedUntil : null,
});

export const presentPreferences = (p: PreferencesRow | null): MenteePreferencesView => ({
  focus: (p?.focus ?? []) as Focus[],
  formats: (p?.formats ?? []) as MentorFormat[],
  languages: p?.languages ?? [],
  timeZone: p?.timeZone ?? null,
  days: p?.days ?? [],
  sameGender: p?.sameGender ?? false,
  gender: (p?.gender ?? null) as Gender | null,
});

/** A mentorship as one of its two people sees it, with what they may do now. */
export function presentMentorship(
  m: MentorshipRow,
  viewer: Actor,
  otherHandle: string,
  shares: MentorShareItem[],
  unread: number,
): Mentorship {
  const mentor = isMentorOf(viewer, m);
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    role: mentor ? "mentor" : "mentee",
    other: { handle: otherHandle },
    requestMessage: m.requestMessage,
    declineReason: m.declineReason,
    endNote: m.endNote,
    endedBy: m.endedById === null ? null : m.endedById === viewer.memberId ? "me" : "them",
    createdAt: m.createdAt.toISOString(),
    acceptedAt: m.acceptedAt?.toISOString() ?? null,
    endedAt: m.endedAt?.toISOString() ?? null,
    shares,
    handoffProposed: m.status === "active" && m.handoffProposedAt !== null,
    handoff: m.handoffFromId !== null,
    unread,
    can: {
      accept: canAnswer(viewer, m),
      decline: canAnswer(viewer, m),
      withdraw: canWithdraw(viewer, m),
      end: canEnd(viewer, m),
      message: canMessage(viewer, m),
      share: canShare(viewer, m),
      seeShared: canSeeShared(viewer, m),
      proposeHandoff: canProposeHandoff(viewer, m),
      answerHandoff: canAnswerHandoff(viewer, m),
    },
  };
}

/** One message, for one of the two people (HTTP and socket alike). */
export const presentMessage = (row: MessageRow, fromHandle: string, viewerId: string): Message => ({
  id: row.id,
  seq: row.seq,
  mentorshipId: row.mentorshipId,
  from: fromHandle,
  mine: row.senderId === viewerId,
  text: row.text,
  at: row.createdAt.toISOString(),
});
