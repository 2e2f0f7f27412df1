import { describe, expect, it } from "vitest";
import { type GroupStanding, NO_STANDING } from "../groups/access.ts";
import {
  type BoardStanding,
  boardAccess,
  canBeMentioned,
  canDeletePost,
  canEditPost,
  canReact,
  canReport,
  canSeeHistory,
  canSeeReactors,
  canUnmask,
  MENTION_LIMIT,
  mentionLimit,
  NEWCOMER_MENTION_LIMIT,
} from "./policy.ts";

/** The forum's rules as a matrix: each role on each kind of board, and each action on a post. */

const actor = (memberId: string) => ({ memberId, handle: memberId, sessionId: "s" });
const me = actor("me");
const group = (s: Partial<GroupStanding>): GroupStanding => ({ ...NO_STANDING, ...s });

type Role = [name: string, standing: Omit<BoardStanding, "kind" | "organisationId">];
const roles: Role[] = [
  ["stranger", { group: NO_STANDING, orgAdmin: false, communityModerator: false }],
  ["asked to join", { group: group({ requested: true }), orgAdmin: false, communityModerator: false }],
  ["group member", { group: group({ member: true, role: "member" }), orgAdmin: false, communityModerator: false }],
  [
    "co-facilitator",
    { group: group({ member: true, role: "co_facilitator" }), orgAdmin: false, communityModerator: false },
  ],
  ["facilitator", { group: group({ member: true, role: "facilitator" }), orgAdmin: false, communityModerator: false }],
  ["organisation admin", { group: group({ orgAdmin: true }), orgAdmin: true, communityModerator: false }],
  ["community moderator", { group: NO_STANDING, orgAdmin: false, communityModerator: true }],
];

// [read, post, moderate] per role, on: a group's board, an instance-wide community board, an organisation's board.
const expected: Record<string, Record<"group" | "instance" | "organisation", [boolean, boolean, boolean]>> = {
  stranger: { group: [false, false, false], instance: [true, true, false], organisation: [true, true, false] },
  "asked to join": { group: [false, false, false], instance: [true, true, false], organisation: [true, true, false] },
  "group member": { group: [true, true, false], instance: [true, true, false], organisation: [true, true, false] },
  "co-facilitator": { group: [true, true, true], instance: [true, true, false], organisation: [true, true, false] },
  facilitator: { group: [true, true, true], instance: [true, true, false], organisation: [true, true, false] },
  "organisation admin": { group: [true, true, true], instance: [true, true, false], organisation: [true, true, true] },
  "community moderator": {
    group: [false, false, false],
    instance: [true, true, true],
    organisation: [true, true, false],
  },
};

describe("board access matrix", () => {
  for (const [name, standing] of roles) {
    it(`${name}`, () => {
      const on = (kind: "group" | "community", organisationId: string | null) => {
        const a = boardAccess(me, { ...standing, kind, organisationId });
        return [a.read, a.post, a.moderate];
      };
      expect({
        group: on("group", "org"),
        instance: on("community", null),
        organisation: on("community", "org"),
      }).toEqual(expected[name]);
    });
  }

  it("gives nothing to someone signed out", () => {
    const a = boardAccess(null, { kind: "community", organisationId: null, ...(roles[0] as Role)[1] });
    expect(a).toEqual({ read: false, post: false, moderate: false });
  });
});

describe("post action matrix", () => {
  const reader = { read: true, post: true, moderate: false };
  const moderator = { read: true, post: true, moderate: true };
  const outsider = { read: false, post: false, moderate: false };
  const mine = { authorId: "me", deleted: false, anonymous: false };
  const theirs = { authorId: "other", deleted: false, anonymous: false };
  const theirsAnonymous = { authorId: "other", deleted: false, anonymous: true };
  const deleted = { authorId: "other", deleted: true, anonymous: false };
  const former = { authorId: null, deleted: false, anonymous: false };

  it.each([
    ["edit", canEditPost(me, mine), canEditPost(me, theirs), canEditPost(me, former), canEditPost(null, mine)],
    [
      "delete",
      canDeletePost(me, mine),
      canDeletePost(me, theirs),
      canDeletePost(me, former),
      canDeletePost(null, mine),
    ],
    ["see who reacted", canSeeReactors(me, mine), canSeeReactors(me, theirs), canSeeReactors(me, former), false],
  ])("only the author may %s", (_action, own, others, formerMember, signedOut) => {
    expect([own, others, formerMember, signedOut]).toEqual([true, false, false, false]);
  });

  it("react and report: readers on others' live posts, never on their own or a deleted one", () => {
    for (const can of [canReact, canReport]) {
      expect(can(me, reader, theirs)).toBe(true);
      expect(can(me, reader, former)).toBe(true);
      expect(can(me, reader, mine)).toBe(false);
      expect(can(me, reader, deleted)).toBe(false);
      expect(can(me, outsider, theirs)).toBe(false);
      expect(can(null, reader, theirs)).toBe(false);
    }
  });

  it("history and unmasking are for moderators; only anonymous posts can be unmasked", () => {
    expect([canSeeHistory(reader), canSeeHistory(moderator), canSeeHistory(outsider)]).toEqual([false, true, false]);
    expect(canUnmask(moderator, theirsAnonymous)).toBe(true);
    expect(canUnmask(moderator, theirs)).toBe(false);
    expect(canUnmask(reader, theirsAnonymous)).toBe(false);
  });
});

describe("mentions", () => {
  it("reach whoever may read the board, except the post's author; on a group's board only its members and admins", () => {
    const reach = (name: string, kind: "group" | "community") => {
      const standing = (roles.find((r) => r[0] === name) as Role)[1];
      return canBeMentioned(boardAccess(me, { ...standing, kind, organisationId: "org" }), false);
    };
    expect(roles.map(([name]) => [name, reach(name, "group"), reach(name, "community")])).toEqual([
      ["stranger", false, true],
      ["asked to join", false, true],
      ["group member", true, true],
      ["co-facilitator", true, true],
      ["facilitator", true, true],
      ["organisation admin", true, true],
      ["community moderator", false, true],
    ]);
    expect(canBeMentioned({ read: true, post: true, moderate: false }, true)).toBe(false);
  });

  it("a post reaches at most 10 members, 3 from a new account", () => {
    expect([mentionLimit(0), mentionLimit(1), mentionLimit(2)]).toEqual([
      NEWCOMER_MENTION_LIMIT,
      MENTION_LIMIT,
      MENTION_LIMIT,
    ]);
    expect([NEWCOMER_MENTION_LIMIT, MENTION_LIMIT]).toEqual([3, 10]);
  });
});
