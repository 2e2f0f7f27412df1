import { type GroupShareItem, SHARE_ITEMS, type ShareItem } from "@kinship/contracts/progress";
import { describe, expect, it } from "vitest";
import {
  canAccept,
  canEncourage,
  canEnd,
  canManageOwn,
  canSeeGroupShared,
  canSeeGroupShares,
  canSeePartnership,
  canSeeShared,
  canSetShares,
  canShareWithGroup,
  otherSide,
} from "./policy.ts";

const actor = (memberId: string) => ({ memberId, handle: memberId, sessionId: "s" });
const owner = actor("owner");
const invited = actor("invited");
const stranger = actor("stranger");
const partnership = (status: "pending" | "active" | "ended") => ({
  requesterId: owner.memberId,
  partnerId: invited.memberId,
  status,
});

describe("progress policy", () => {
  it("lets only the owner manage their journeys, check-ins, goals and plan", () => {
    expect(canManageOwn(owner, { memberId: "owner" })).toBe(true);
    for (const other of [invited, stranger]) expect(canManageOwn(other, { memberId: "owner" })).toBe(false);
  });

  it.each([
    // status, who, see, accept, end, setShares, encourage
    ["pending", owner, true, false, true, true, false],
    ["pending", invited, true, true, true, true, false],
    ["pending", stranger, false, false, false, false, false],
    ["active", owner, true, false, true, true, true],
    ["active", invited, true, false, true, true, true],
    ["active", stranger, false, false, false, false, false],
    ["ended", owner, false, false, false, false, false],
    ["ended", invited, false, false, false, false, false],
    ["ended", stranger, false, false, false, false, false],
  ] as const)("a %s partnership, seen by %o", (status, who, see, accept, end, setShares, encourage) => {
    const p = partnership(status);
    expect(canSeePartnership(who, p)).toBe(see);
    expect(canAccept(who, p)).toBe(accept);
    expect(canEnd(who, p)).toBe(end);
    expect(canSetShares(who, p)).toBe(setShares);
    expect(canEncourage(who, p)).toBe(encourage);
  });

  it("shows a partner exactly the items shared, only while active, and never to anyone else", () => {
    const shared: ShareItem[] = ["checkins", "milestones"];
    for (const item of SHARE_ITEMS) {
      const expected = shared.includes(item);
      expect(canSeeShared(invited, partnership("active"), shared, item)).toBe(expected);
      expect(canSeeShared(invited, partnership("pending"), shared, item)).toBe(false);
      expect(canSeeShared(invited, partnership("ended"), shared, item)).toBe(false);
      expect(canSeeShared(stranger, partnership("active"), shared, item)).toBe(false);
    }
    expect(otherSide(owner, partnership("active"))).toBe("invited");
    expect(otherSide(invited, partnership("active"))).toBe("owner");
  });

  it.each([
    // standing in the group (from groups/access.ts), may share, may see the group's shares
    ["an active member", { member: true, requested: false, role: "member", orgAdmin: false }, true],
    ["the facilitator", { member: true, requested: false, role: "facilitator", orgAdmin: false }, true],
    ["someone waiting on a request", { member: false, requested: true, role: null, orgAdmin: false }, false],
    ["an organisation admin outside the group", { member: false, requested: false, role: null, orgAdmin: true }, false],
    ["anyone else", { member: false, requested: false, role: null, orgAdmin: false }, false],
  ] as const)("a group's shares, for %s", (_who, standing, allowed) => {
    expect(canShareWithGroup(standing)).toBe(allowed);
    expect(canSeeGroupShares(standing)).toBe(allowed);
  });

  it("shows the group exactly the items a current member shares, and never the plan or a struggling call", () => {
    const shared: GroupShareItem[] = ["journeys", "checkins"];
    const inside = { member: true };
    const outside = { member: false };
    for (const item of SHARE_ITEMS) {
      expect(canSeeGroupShared(inside, inside, shared, item)).toBe((shared as ShareItem[]).includes(item));
      expect(canSeeGroupShared(outside, inside, shared, item)).toBe(false);
      expect(canSeeGroupShared(inside, outside, shared, item)).toBe(false);
    }
    expect(canSeeGroupShared(inside, inside, ["journeys", "milestones", "checkins", "goals"], "plan")).toBe(false);
  });
});
