import {
  type FinderQuery,
  type MeetingInput,
  MeetingUpdate,
  type Suggestion,
  type SuggestionCreate,
} from "@kinship/contracts/directory";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import { type GroupStanding, standingIn } from "../groups/access.ts";
import { roomsStore } from "../rooms/store.ts";
import { findSlots } from "./finder.ts";
import {
  canAttend,
  canDecideSuggestion,
  canManageMeetings,
  canSeeMeeting,
  canSuggestEdit,
  linkHeldBack,
} from "./policy.ts";
import { presentFinderItem, presentMeeting, presentScheduleItem, presentSuggestion } from "./presenters.ts";
import { type GroupOfMeeting, meetingQueries as q, type SuggestionRow } from "./queries.ts";
import { applyChanges, checkRsvpDate, diffOf, fieldsOf, LINK_FIELDS, whenOf } from "./rules.ts";
import { localDate, nextStartOf } from "./schedule.ts";
import { type MeetingRow, refreshZoneOffsets, saveMeeting } from "./store.ts";

export type MeetingsDeps = {
  db: Db;
  /** The time the rules run at; tests fix it. */
  clock?: () => Date;
};

/** A member may have this many suggestions waiting on one meeting. */
const OPEN_SUGGESTIONS_PER_MEETING = 5;
const NO_MEETING = "We couldn't find that meeting.";
const NO_SUGGESTION = "We couldn't find that suggestion.";
const NO_GROUP = "We couldn't find that group.";
const MANAGERS_ONLY = "Only the group's facilitators and the organisation's admins can do that.";
const ALL_FIELDS = new Set(Object.keys(MeetingUpdate.shape));

/** Meetings: the finder, listings, going, following and suggested edits. */
export function createMeetingsService({ db, clock = () => new Date() }: MeetingsDeps) {
  /** A meeting the viewer may know exists, or a 404 that says no more than that. */
  async function visibleMeeting(actor: Actor | null, idOrSlug: string) {
    const found = await q.findMeeting(db, idOrSlug);
    if (!found) throw new NotFound(NO_MEETING);
    const standing = await standingIn(db, actor, found.group.id);
    if (!canSeeMeeting(standing, found.meeting)) throw new NotFound(NO_MEETING);
    return { ...found, standing };
  }

  async function managedMeeting(actor: Actor, idOrSlug: string) {
    const found = await visibleMeeting(actor, idOrSlug);
    if (!canManageMeetings(found.standing)) throw new Forbidden(MANAGERS_ONLY);
    return found;
  }

  async function going(actor: Actor | null, m: MeetingRow, now: Date) {
    const next = nextStartOf(whenOf(m), now);
    const count = next ? await q.goingCount(db, m.id, localDate(m.timeZone, next).date) : 0;
    const today = localDate(m.timeZone, now).date;
    const viewerDates = actor ? ((await q.rsvpDates(db, actor.memberId, [m.id], today)).get(m.id) ?? []) : [];
    return { count, viewerDates };
  }

  async function view(
    actor: Actor | null,
    m: MeetingRow,
    group: GroupOfMeeting,
    organisationName: string,
    standing: GroupStanding,
  ) {
    const now = clock();
    return presentMeeting(m, group, organisationName, {
      heldBack: linkHeldBack(actor, standing, m, await admittedToRoom(actor, m)),
      going: await going(actor, m, now),
      follows: actor ? await q.follows(db, actor.memberId, m.id) : false,
      canManage: canManageMeetings(standing),
      nextStart: nextStartOf(whenOf(m), now),
    });
  }

  /** For links shown only to people a greeter admits: was this viewer let into the meeting's open room? */
  async function admittedToRoom(actor: Actor | null, m: MeetingRow) {
    return !!actor && m.linkAudience === "admitted" && (await roomsStore.admittedToMeeting(db, actor.memberId, m.id));
  }

  async function groupOrNotFound(groupId: string) {
    const group = await q.findGroup(db, groupId);
    if (!group) throw new NotFound(NO_GROUP);
    return group;
  }

  /** A suggestion as one viewer may see it: fields they may not see show no current value. */
  function suggestionFor(
    s: SuggestionRow,
    meeting: MeetingRow,
    proposer: string | null,
    hidden: Set<string>,
    meetingName = meeting.name,
  ): Suggestion {
    const changes = MeetingUpdate.safeParse(s.changes);
    const diff = changes.success
      ? diffOf(fieldsOf(meeting), changes.data, { onlyChanged: s.status === "open", hidden })
      : [];
    return presentSuggestion(s, meetingName, proposer, diff);
  }

  return {
    /** The meeting finder: one item per meeting per weekday the viewer may see, filtered and sorted. */
    async find(actor: Actor | null, query: FinderQuery, now = clock()) {
      if (query.sort === "distance" && !query.near)
        throw new Invalid("To sort by distance, choose a place first.", "sort");
      const { rows, total, totalCapped } = await findSlots(db, actor?.memberId ?? null, query, now);
      return { items: rows.map((row) => presentFinderItem(row, now)), total, totalCapped };
    },

    /** One meeting by id or slug. */
    async get(actor: Actor | null, idOrSlug: string) {
      const { meeting, group, organisationName, standing } = await visibleMeeting(actor, idOrSlug);
      return view(actor, meeting, group, organisationName, standing);
    },

    /** The meetings of a group that the viewer may see. */
    async listForGroup(actor: Actor | null, groupId: string) {
      const group = await groupOrNotFound(groupId);
      const standing = await standingIn(db, actor, groupId);
      const rows = (await q.listGroupMeetings(db, groupId)).filter((m) => canSeeMeeting(standing, m));
      const items = [];
      for (const m of rows) items.push(await view(actor, m, group, group.organisationName, standing));
      return { items };
    },

    async create(actor: Actor, groupId: string, input: MeetingInput) {
      const group = await groupOrNotFound(groupId);
      const standing = await standingIn(db, actor, groupId);
      if (!canManageMeetings(standing)) throw new Forbidden(MANAGERS_ONLY);
      const { row } = await db.transaction((tx) => saveMeeting(tx, { groupId, groupName: group.name }, input));
      return view(actor, row, group, group.organisationName, standing);
    },

    /** Changes some fields; the merged meeting must still keep every rule, or nothing is written. */
    async update(actor: Actor, idOrSlug: string, changes: MeetingUpdate) {
      const { meeting, group, organisationName, standing } = await managedMeeting(actor, idOrSlug);
      const merged = applyChanges(fieldsOf(meeting), changes);
      const { row } = await db.transaction((tx) =>
        saveMeeting(tx, { groupId: group.id, groupName: group.name, id: meeting.id }, merged),
      );
      return view(actor, row, group, organisationName, standing);
    },

    async remove(actor: Actor, idOrSlug: string) {
      const { meeting } = await managedMeeting(actor, idOrSlug);
      await q.deleteMeeting(db, meeting.id);
    },

    /** "I'm going" to one date of a meeting. Others see only the count. */
    async rsvp(actor: Actor, idOrSlug: string, occursOn: string) {
      const { meeting, standing } = await visibleMeeting(actor, idOrSlug);
      if (!canAttend(actor, standing, meeting)) throw new NotFound(NO_MEETING);
      if (meeting.temporarilyClosed)
        throw new Conflict("This meeting is taking a break for now. Follow it to see when it's back.", "occursOn");
      const now = clock();
      checkRsvpDate(whenOf(meeting), occursOn, now);
      await q.addRsvp(db, meeting.id, actor.memberId, occursOn);
      return going(actor, meeting, now);
    },

    async cancelRsvp(actor: Actor, idOrSlug: string, occursOn: string) {
      const { meeting } = await visibleMeeting(actor, idOrSlug);
      await q.removeRsvp(db, meeting.id, actor.memberId, occursOn);
      return going(actor, meeting, clock());
    },

    async follow(actor: Actor, idOrSlug: string) {
      const { meeting, standing } = await visibleMeeting(actor, idOrSlug);
      if (!canAttend(actor, standing, meeting)) throw new NotFound(NO_MEETING);
      await q.follow(db, actor.memberId, meeting.id);
    },

    async unfollow(actor: Actor, idOrSlug: string) {
      const { meeting } = await visibleMeeting(actor, idOrSlug);
      await q.unfollow(db, actor.memberId, meeting.id);
    },

    /** The meetings the member follows and may still see, soonest first, with their RSVP dates. */
    async schedule(actor: Actor, now = clock()) {
      const followed = await q.followedMeetings(db, actor.memberId);
      const standings = new Map<string, GroupStanding>();
      const visible = [];
      for (const f of followed) {
        const standing = standings.get(f.group.id) ?? (await standingIn(db, actor, f.group.id));
        standings.set(f.group.id, standing);
        if (!canSeeMeeting(standing, f.meeting)) continue;
        const next = nextStartOf(whenOf(f.meeting), now);
        if (next) visible.push({ ...f, next });
      }
      const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
      const dates = await q.rsvpDates(
        db,
        actor.memberId,
        visible.map((v) => v.meeting.id),
        yesterday,
      );
      visible.sort((a, b) => a.next.getTime() - b.next.getTime() || a.meeting.name.localeCompare(b.meeting.name));
      return {
        items: visible.map(({ meeting, group, next }) => {
          const today = localDate(meeting.timeZone, now).date;
          const mine = (dates.get(meeting.id) ?? []).filter((d) => d >= today);
          return presentScheduleItem(meeting, group, next, next.getTime() <= now.getTime(), mine);
        }),
      };
    },

    /** Any signed-in member who can see a listing may propose a change; the group's managers decide. */
    async suggest(actor: Actor, idOrSlug: string, body: z.infer<typeof SuggestionCreate>) {
      const { meeting, standing } = await visibleMeeting(actor, idOrSlug);
      if (!canSuggestEdit(actor, standing, meeting)) throw new NotFound(NO_MEETING);
      const current = fieldsOf(meeting);
      applyChanges(current, body.changes);
      if (diffOf(current, body.changes).length === 0)
        throw new Invalid("The listing already says that. Change at least one thing.", "changes");
      if ((await q.openSuggestionsBy(db, actor.memberId, meeting.id)) >= OPEN_SUGGESTIONS_PER_MEETING)
        throw new Conflict("You have a few suggestions waiting on this meeting already. Thank you for your patience.");
      const row = await q.insertSuggestion(db, {
        meetingId: meeting.id,
        proposerId: actor.memberId,
        changes: body.changes,
        note: body.note,
      });
      const hidden = linkHeldBack(actor, standing, meeting) ? LINK_FIELDS : new Set<string>();
      return suggestionFor(row, meeting, actor.handle, hidden);
    },

    /** Open suggestions for a group's meetings, for the people who run the group. */
    async groupSuggestions(actor: Actor, groupId: string) {
      await groupOrNotFound(groupId);
      const standing = await standingIn(db, actor, groupId);
      if (!canDecideSuggestion(standing)) throw new Forbidden(MANAGERS_ONLY);
      const rows = await q.openSuggestionsOfGroup(db, groupId);
      return { items: rows.map((r) => suggestionFor(r.suggestion, r.meeting, r.proposer, new Set())) };
    },

    /** The member's own suggestions. A meeting they can no longer see shows neither its name nor its values. */
    async mySuggestions(actor: Actor) {
      const rows = await q.suggestionsBy(db, actor.memberId);
      const standings = new Map<string, GroupStanding>();
      const items = [];
      for (const r of rows) {
        const standing = standings.get(r.meeting.groupId) ?? (await standingIn(db, actor, r.meeting.groupId));
        standings.set(r.meeting.groupId, standing);
        if (!canSeeMeeting(standing, r.meeting)) {
          items.push(suggestionFor(r.suggestion, r.meeting, actor.handle, ALL_FIELDS, "A members-only meeting"));
          continue;
        }
        const hidden = linkHeldBack(actor, standing, r.meeting) ? LINK_FIELDS : new Set<string>();
        items.push(suggestionFor(r.suggestion, r.meeting, actor.handle, hidden));
      }
      return { items };
    },

    /** Accept (apply through the same rules as an edit, or change nothing) or decline a suggestion. */
    async decide(actor: Actor, suggestionId: string, decision: "accepted" | "declined") {
      const found = await q.findSuggestion(db, suggestionId);
      const about = found && (await q.findMeeting(db, found.suggestion.meetingId));
      if (!found || !about) throw new NotFound(NO_SUGGESTION);
      const { meeting, group } = about;
      const standing = await standingIn(db, actor, group.id);
      if (!canSeeMeeting(standing, meeting)) throw new NotFound(NO_SUGGESTION);
      if (!canDecideSuggestion(standing)) throw new Forbidden(MANAGERS_ONLY);
      if (found.suggestion.status !== "open") throw new Conflict("This suggestion has already been answered.");
      const decided = { ...found.suggestion, status: decision };
      if (decision === "declined") {
        if (!(await q.decideSuggestion(db, suggestionId, "declined", actor.memberId)))
          throw new Conflict("This suggestion has already been answered.");
        return suggestionFor(decided, meeting, found.proposer, new Set());
      }
      const changes = MeetingUpdate.safeParse(found.suggestion.changes);
      if (!changes.success) throw new Invalid("This suggestion no longer fits the listing's rules.", "changes");
      const before = fieldsOf(meeting);
      const merged = applyChanges(before, changes.data);
      await db.transaction(async (tx) => {
        if (!(await q.decideSuggestion(tx, suggestionId, "accepted", actor.memberId)))
          throw new Conflict("This suggestion has already been answered.");
        await saveMeeting(tx, { groupId: group.id, groupName: group.name, id: meeting.id }, merged);
      });
      const diff = diffOf(before, changes.data, { onlyChanged: false });
      return presentSuggestion(decided, merged.name, found.proposer, diff);
    },

    /** Hourly: keep the finder's UTC week minutes right when a zone changes its clocks. */
    async refreshZoneOffsets() {
      await refreshZoneOffsets(db, clock());
    },
  };
}
export type MeetingsService = ReturnType<typeof createMeetingsService>;
