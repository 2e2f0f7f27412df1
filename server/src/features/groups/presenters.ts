import type {
  Group,
  GroupMember,
  GroupSummary,
  MyGroup,
  Organisation,
  OrganisationAdmin,
} from "@kinship/contracts/directory";
import type { z } from "zod";
import type { GroupStanding } from "./access.ts";
import { canEditGroup } from "./policy.ts";
import type { GroupDetailRow, GroupSummaryRow, MemberListRow, MyGroupRow, OrganisationRow } from "./store.ts";

/** An organisation as anyone sees it, with whether the viewer runs it. */
export function presentOrganisation(o: OrganisationRow, groupCount: number, viewerIsAdmin: boolean): Organisation {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    description: o.description,
    website: o.website,
    groupCount,
    viewerIsAdmin,
  };
}

export function presentAdmin(a: { handle: string; since: Date }): OrganisationAdmin {
  return { handle: a.handle, since: a.since.toISOString() };
}

/** A group's public card: what anyone may know before joining. */
export function presentGroupSummary(g: GroupSummaryRow): GroupSummary {
  return {
    id: g.id,
    name: g.name,
    organisationId: g.organisationId,
    organisationName: g.organisationName,
    description: g.description,
    focus: g.focus,
    format: g.format,
    languages: g.languages,
    membership: g.membership,
    meetingCount: g.meetingCount,
  };
}

/** A group's page: its card, guidelines and agreement, and where the viewer stands. */
export function presentGroup(g: GroupDetailRow, standing: GroupStanding, memberCount: number | null): Group {
  return {
    ...presentGroupSummary(g),
    guidelines: g.guidelines,
    confidentialityAgreement: g.confidentialityAgreement,
    memberCount,
    viewer: {
      status: standing.member ? "active" : standing.requested ? "requested" : "none",
      role: standing.role,
      canManage: canEditGroup(standing),
    },
  };
}

/** One person in a group's list; what they wrote with a request only for those who answer it. */
export function presentGroupMember(m: MemberListRow, showRequestMessage: boolean): GroupMember {
  return {
    handle: m.handle,
    role: m.role,
    status: m.status,
    since: m.createdAt.toISOString(),
    requestMessage: showRequestMessage && m.status === "requested" ? m.requestMessage : null,
  };
}

export function presentMyGroup(g: MyGroupRow): z.infer<typeof MyGroup> {
  return { ...presentGroupSummary(g), status: g.status, role: g.role };
}
