import { describe, expect, it } from "vitest";
import type { Actor } from "../../platform/actor.ts";
import {
  canAnswer,
  canAnswerHandoff,
  canCancelHandoff,
  canDirectMessage,
  canEnd,
  canMessage,
  canProposeHandoff,
  canReadConversation,
  canRequest,
  canSeeMentorship,
  canSeeShared,
  canShare,
  canWithdraw,
} from "./policy.ts";

const actor = (memberId: string): Actor => ({ memberId, handle: memberId, sessionId: `s-${memberId}` });
const mentor = actor("mentor");
const mentee = actor("mentee");
const stranger = actor("stranger");
const STATUSES = ["requested", "active", "declined", "withdrawn", "ended"] as const;
const m = (status: (typeof STATUSES)[number], handoff = false) => ({
  mentorId: "mentor",
  menteeId: "mentee",
  status,
  handoffProposedAt: handoff ? new Date() : null,
});

/** Who may, for each action, in each state: [mentor, mentee, stranger]. */
const MATRIX: [string, (a: Actor, x: ReturnType<typeof m>) => boolean, Record<string, [boolean, boolean, boolean]>][] =
  [
    [
      "see",
      canSeeMentorship,
      { requested: [true, true, false], active: [true, true, false], ended: [true, true, false] },
    ],
    [
      "answer",
      canAnswer,
      { requested: [true, false, false], active: [false, false, false], ended: [false, false, false] },
    ],
    [
      "withdraw",
      canWithdraw,
      { requested: [false, true, false], active: [false, false, false], ended: [false, false, false] },
    ],
    ["end", canEnd, { requested: [false, false, false], active: [true, true, false], ended: [false, false, false] }],
    [
      "message",
      canMessage,
      { requested: [false, false, false], active: [true, true, false], ended: [false, false, false] },
    ],
    [
      "read",
      canReadConversation,
      { requested: [false, false, false], active: [true, true, false], ended: [true, true, false] },
    ],
    [
      "share",
      canShare,
      { requested: [false, false, false], active: [false, true, false], ended: [false, false, false] },
    ],
    [
      "see shared",
      canSeeShared,
      { requested: [false, false, false], active: [true, false, false], ended: [false, false, false] },
    ],
    [
      "propose hand-off",
      canProposeHandoff,
      { requested: [false, false, false], active: [true, false, false], ended: [false, false, false] },
    ],
  ];

describe("mentorship policy", () => {
  for (const [action, can, expected] of MATRIX) {
    for (const [status, [asMentor, asMentee, asStranger]] of Object.entries(expected)) {
      it(`${action} while ${status}: mentor ${asMentor}, mentee ${asMentee}, stranger ${asStranger}`, () => {
        const x = m(status as (typeof STATUSES)[number]);
        expect([can(mentor, x), can(mentee, x), can(stranger, x)]).toEqual([asMentor, asMentee, asStranger]);
      });
    }
  }

  it("a stranger may do nothing with a mentorship in any state", () => {
    for (const status of STATUSES) {
      for (const [, can] of MATRIX) expect(can(stranger, m(status))).toBe(false);
      expect(canAnswerHandoff(stranger, m(status, true))).toBe(false);
      expect(canCancelHandoff(stranger, m(status, true))).toBe(false);
    }
  });

  it("a suggested hand-off is answered by the mentee, taken back by either side, proposed once", () => {
    const x = m("active", true);
    expect([canAnswerHandoff(mentor, x), canAnswerHandoff(mentee, x)]).toEqual([false, true]);
    expect([canCancelHandoff(mentor, x), canCancelHandoff(mentee, x)]).toEqual([true, true]);
    expect(canProposeHandoff(mentor, x)).toBe(false);
    expect(canAnswerHandoff(mentee, m("ended", true))).toBe(false);
  });

  it("no one asks themselves", () => {
    expect(canRequest(mentee, "mentee")).toBe(false);
    expect(canRequest(mentee, "mentor")).toBe(true);
  });

  it("a direct conversation carries messages only", () => {
    const x = { ...m("active"), kind: "direct" as const };
    expect([canMessage(mentor, x), canMessage(mentee, x), canMessage(stranger, x)]).toEqual([true, true, false]);
    expect([canEnd(mentor, x), canShare(mentee, x), canSeeShared(mentor, x), canProposeHandoff(mentor, x)]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("a direct message needs the recipient's allowance for someone like the sender, no block, and trust", () => {
    const to = { memberId: "b", partners: false, sameGroup: false, blocked: false, trusted: true };
    const a = actor("a");
    expect(canDirectMessage(a, { ...to, allow: "nobody", partners: true, sameGroup: true })).toBe(false);
    expect(canDirectMessage(a, { ...to, allow: "partners", sameGroup: true })).toBe(false);
    expect(canDirectMessage(a, { ...to, allow: "partners", partners: true })).toBe(true);
    expect(canDirectMessage(a, { ...to, allow: "groups", sameGroup: true })).toBe(true);
    expect(canDirectMessage(a, { ...to, allow: "groups", partners: true })).toBe(true);
    expect(canDirectMessage(a, { ...to, allow: "groups" })).toBe(false);
    expect(canDirectMessage(a, { ...to, allow: "groups", sameGroup: true, blocked: true })).toBe(false);
    expect(canDirectMessage(a, { ...to, allow: "groups", sameGroup: true, trusted: false })).toBe(false);
    expect(canDirectMessage(actor("b"), { ...to, allow: "groups", sameGroup: true })).toBe(false);
  });
});
