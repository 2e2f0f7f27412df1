import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.ts";
import {
  groupMembers,
  groups,
  meetingFollows,
  meetingRsvps,
  meetingSuggestions,
  meetings,
  organisationAdmins,
  organisations,
} from "../../db/schema.ts";

/**
 * Read-only queries over the directory for accounts: what a member's groups mean for who sees their
 * profile, and what of theirs the directory holds for the export.
 */
export const directoryData = {
  /** Are both members active members of at least one same group? (Requests don't count.) */
  async shareActiveGroup(db: Db, a: string, b: string) {
    const theirs = alias(groupMembers, "theirs");
    const rows = await db
      .select({ groupId: groupMembers.groupId })
      .from(groupMembers)
      .innerJoin(
        theirs,
        and(eq(theirs.groupId, groupMembers.groupId), eq(theirs.memberId, b), eq(theirs.status, "active")),
      )
      .where(and(eq(groupMembers.memberId, a), eq(groupMembers.status, "active")))
      .limit(1);
    return rows.length > 0;
  },

  memberships(db: Db, memberId: string) {
    return db
      .select({
        groupId: groups.id,
        groupName: groups.name,
        organisationName: organisations.name,
        role: groupMembers.role,
        status: groupMembers.status,
        agreementAcceptedAt: groupMembers.agreementAcceptedAt,
        requestMessage: groupMembers.requestMessage,
        since: groupMembers.createdAt,
      })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .innerJoin(organisations, eq(organisations.id, groups.organisationId))
      .where(eq(groupMembers.memberId, memberId))
      .orderBy(asc(groupMembers.createdAt));
  },

  administeredOrganisations(db: Db, memberId: string) {
    return db
      .select({ organisationId: organisations.id, name: organisations.name, since: organisationAdmins.createdAt })
      .from(organisationAdmins)
      .innerJoin(organisations, eq(organisations.id, organisationAdmins.organisationId))
      .where(eq(organisationAdmins.memberId, memberId))
      .orderBy(asc(organisationAdmins.createdAt));
  },

  follows(db: Db, memberId: string) {
    return db
      .select({
        meetingId: meetings.id,
        meetingName: meetings.name,
        groupName: groups.name,
        since: meetingFollows.createdAt,
      })
      .from(meetingFollows)
      .innerJoin(meetings, eq(meetings.id, meetingFollows.meetingId))
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(eq(meetingFollows.memberId, memberId))
      .orderBy(asc(meetingFollows.createdAt));
  },

  rsvps(db: Db, memberId: string) {
    return db
      .select({
        meetingId: meetings.id,
        meetingName: meetings.name,
        occursOn: sql<string>`${meetingRsvps.occursOn}::text`,
        createdAt: meetingRsvps.createdAt,
      })
      .from(meetingRsvps)
      .innerJoin(meetings, eq(meetings.id, meetingRsvps.meetingId))
      .where(eq(meetingRsvps.memberId, memberId))
      .orderBy(asc(meetingRsvps.occursOn));
  },

  suggestions(db: Db, memberId: string) {
    return db
      .select({
        id: meetingSuggestions.id,
        meetingId: meetings.id,
        meetingName: meetings.name,
        changes: meetingSuggestions.changes,
        note: meetingSuggestions.note,
        status: meetingSuggestions.status,
        createdAt: meetingSuggestions.createdAt,
        decidedAt: meetingSuggestions.decidedAt,
      })
      .from(meetingSuggestions)
      .innerJoin(meetings, eq(meetings.id, meetingSuggestions.meetingId))
      .where(eq(meetingSuggestions.proposerId, memberId))
      .orderBy(asc(meetingSuggestions.createdAt));
  },
};
