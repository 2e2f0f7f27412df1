import { Instance, listOf } from "@kinship/contracts/common";
import {
  CalendarFeed,
  FinderResult,
  Group,
  type GroupCreate,
  GroupMember,
  GroupSummary,
  type GroupUpdate,
  type ImportStart,
  Meeting,
  MeetingImport,
  type MeetingInput,
  type MeetingUpdate,
  MyGroup,
  Organisation,
  OrganisationAdmin,
  type OrganisationCreate,
  Place,
  Schedule,
  Suggestion,
  type SuggestionCreate,
} from "@kinship/contracts/directory";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { z } from "zod";
import { apiJson } from "../../app/api-client.ts";

// Who is signed in comes from the session module the app frame already uses; it is the one place
// that knows, and the directory only reads it.
export { useMe } from "../accounts/session.ts";

const get = async <S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.output<S>> =>
  schema.parse(await apiJson(path, { signal }));

const send = async <S extends z.ZodType>(
  path: string,
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  body: unknown,
  schema: S,
): Promise<z.output<S>> => schema.parse(await apiJson(path, { method, body }));

const id = (value: string) => encodeURIComponent(value);

/** Query keys of the directory, all under one root so a sign-in/out can refresh them together. */
export const directoryKeys = {
  all: ["directory"] as const,
  instance: ["directory", "instance"] as const,
  finder: (query: string) => ["directory", "finder", query] as const,
  places: (q: string) => ["directory", "places", q.toLowerCase()] as const,
  meeting: (ref: string) => ["directory", "meeting", ref] as const,
  groups: (query: string) => ["directory", "groups", query] as const,
  group: (groupId: string) => ["directory", "group", groupId] as const,
  groupMeetings: (groupId: string) => ["directory", "group", groupId, "meetings"] as const,
  groupMembers: (groupId: string) => ["directory", "group", groupId, "members"] as const,
  groupSuggestions: (groupId: string) => ["directory", "group", groupId, "suggestions"] as const,
  myGroups: ["directory", "my-groups"] as const,
  organisations: ["directory", "organisations"] as const,
  organisation: (orgId: string) => ["directory", "organisation", orgId] as const,
  admins: (orgId: string) => ["directory", "organisation", orgId, "admins"] as const,
  schedule: ["directory", "schedule"] as const,
  calendarFeed: ["directory", "calendar-feed"] as const,
  import: (importId: string) => ["directory", "import", importId] as const,
};

// ───────────── Instance, finder, places ─────────────

/** Map tiles of this Kinship (null: the operator left them off). */
export const useInstance = () =>
  useQuery({ queryKey: directoryKeys.instance, queryFn: () => get("/api/instance", Instance), staleTime: Infinity });

/** The finder: `query` is the URL query string the API takes (contracts FinderQuery). */
export const useFinder = (query: string) =>
  useQuery({
    queryKey: directoryKeys.finder(query),
    queryFn: ({ signal }) => get(`/api/meetings?${query}`, FinderResult, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

/** Cities from the server's offline gazetteer, for the "near" box. */
export const usePlaces = (q: string) =>
  useQuery({
    queryKey: directoryKeys.places(q),
    queryFn: ({ signal }) => get(`/api/places?q=${encodeURIComponent(q)}`, listOf(Place), signal),
    enabled: q.trim().length >= 2,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });

// ───────────── Meetings ─────────────

export const useMeeting = (ref: string) =>
  useQuery({ queryKey: directoryKeys.meeting(ref), queryFn: () => get(`/api/meetings/${id(ref)}`, Meeting) });

/** After any change to a meeting: its page, its group's list, the finder and the schedule catch up. */
function useRefreshMeeting() {
  const queryClient = useQueryClient();
  return (meeting?: { slug: string; id: string; groupId: string }) => {
    if (meeting) {
      queryClient.setQueryData(directoryKeys.meeting(meeting.slug), meeting);
      void queryClient.invalidateQueries({ queryKey: directoryKeys.groupMeetings(meeting.groupId) });
    }
    void queryClient.invalidateQueries({ queryKey: ["directory", "finder"] });
    void queryClient.invalidateQueries({ queryKey: directoryKeys.schedule });
  };
}

export function useFollow(meeting: Meeting) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (follow: boolean) =>
      apiJson<void>(`/api/meetings/${id(meeting.id)}/follow`, { method: follow ? "PUT" : "DELETE" }),
    onSuccess: (_nothing, follow) => {
      queryClient.setQueryData<Meeting>(directoryKeys.meeting(meeting.slug), (old) =>
        old ? { ...old, viewer: { ...old.viewer, follows: follow } } : old,
      );
      void queryClient.invalidateQueries({ queryKey: directoryKeys.schedule });
    },
  });
}

export function useRsvp(meeting: Meeting) {
  const queryClient = useQueryClient();
  const going = Meeting.shape.going;
  return useMutation({
    mutationFn: ({ occursOn, going: yes }: { occursOn: string; going: boolean }) =>
      yes
        ? send(`/api/meetings/${id(meeting.id)}/rsvp`, "PUT", { occursOn }, going)
        : send(`/api/meetings/${id(meeting.id)}/rsvp?occursOn=${id(occursOn)}`, "DELETE", undefined, going),
    onSuccess: (result) => {
      queryClient.setQueryData<Meeting>(directoryKeys.meeting(meeting.slug), (old) =>
        old ? { ...old, going: result } : old,
      );
      void queryClient.invalidateQueries({ queryKey: directoryKeys.schedule });
    },
  });
}

export function useSuggestEdit(meetingId: string) {
  return useMutation({
    mutationFn: (body: z.input<typeof SuggestionCreate>) =>
      send(`/api/meetings/${id(meetingId)}/suggestions`, "POST", body, Suggestion),
  });
}

export const useSchedule = () =>
  useQuery({ queryKey: directoryKeys.schedule, queryFn: () => get("/api/me/schedule", Schedule) });

// ───────────── Meetings of a group (managers) ─────────────

export const useGroupMeetings = (groupId: string) =>
  useQuery({
    queryKey: directoryKeys.groupMeetings(groupId),
    queryFn: () => get(`/api/groups/${id(groupId)}/meetings`, listOf(Meeting)),
  });

export function useCreateMeeting(groupId: string) {
  const refresh = useRefreshMeeting();
  return useMutation({
    mutationFn: (body: z.input<typeof MeetingInput>) =>
      send(`/api/groups/${id(groupId)}/meetings`, "POST", body, Meeting),
    onSuccess: (meeting) => refresh(meeting),
  });
}

export function useUpdateMeeting(meetingId: string) {
  const refresh = useRefreshMeeting();
  return useMutation({
    mutationFn: (body: z.input<typeof MeetingUpdate>) => send(`/api/meetings/${id(meetingId)}`, "PATCH", body, Meeting),
    onSuccess: (meeting) => refresh(meeting),
  });
}

export function useDeleteMeeting(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (meetingId: string) => apiJson<void>(`/api/meetings/${id(meetingId)}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: directoryKeys.groupMeetings(groupId) });
      void queryClient.invalidateQueries({ queryKey: ["directory", "finder"] });
    },
  });
}

export const useGroupSuggestions = (groupId: string, enabled: boolean) =>
  useQuery({
    queryKey: directoryKeys.groupSuggestions(groupId),
    queryFn: () => get(`/api/groups/${id(groupId)}/suggestions`, listOf(Suggestion)),
    enabled,
  });

export function useDecideSuggestion(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ suggestionId, decision }: { suggestionId: string; decision: "accept" | "decline" }) =>
      send(`/api/suggestions/${id(suggestionId)}/${decision}`, "POST", undefined, Suggestion),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: directoryKeys.groupSuggestions(groupId) });
      void queryClient.invalidateQueries({ queryKey: directoryKeys.groupMeetings(groupId) });
    },
  });
}

// ───────────── Groups ─────────────

export const useGroups = (query: string) =>
  useQuery({
    queryKey: directoryKeys.groups(query),
    queryFn: () => get(`/api/groups?${query}`, listOf(GroupSummary)),
    placeholderData: keepPreviousData,
  });

export const useGroup = (groupId: string) =>
  useQuery({ queryKey: directoryKeys.group(groupId), queryFn: () => get(`/api/groups/${id(groupId)}`, Group) });

export const useMyGroups = (enabled: boolean) =>
  useQuery({ queryKey: directoryKeys.myGroups, queryFn: () => get("/api/me/groups", listOf(MyGroup)), enabled });

/** Joining, leaving and edits change what the viewer may see of the group: fetch it all again. */
function useRefreshGroup(groupId: string) {
  const queryClient = useQueryClient();
  return (group?: Group) => {
    if (group) queryClient.setQueryData(directoryKeys.group(groupId), group);
    // Members, meetings and suggestions of the group; the group itself too when we have no fresh copy.
    void queryClient.invalidateQueries({
      queryKey: directoryKeys.group(groupId),
      predicate: (query) => !group || query.queryKey.length > 3,
    });
    void queryClient.invalidateQueries({ queryKey: directoryKeys.myGroups });
    void queryClient.invalidateQueries({ queryKey: ["directory", "groups"] });
  };
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof GroupCreate>) => send("/api/groups", "POST", body, Group),
    onSuccess: (group) => {
      queryClient.setQueryData(directoryKeys.group(group.id), group);
      void queryClient.invalidateQueries({ queryKey: ["directory", "groups"] });
      void queryClient.invalidateQueries({ queryKey: directoryKeys.organisation(group.organisationId) });
    },
  });
}

export function useUpdateGroup(groupId: string) {
  const refresh = useRefreshGroup(groupId);
  return useMutation({
    mutationFn: (body: GroupUpdate) => send(`/api/groups/${id(groupId)}`, "PATCH", body, Group),
    onSuccess: (group) => refresh(group),
  });
}

export function useJoinGroup(groupId: string) {
  const refresh = useRefreshGroup(groupId);
  return useMutation({
    mutationFn: (body: { acceptAgreement: true; message?: string }) =>
      send(`/api/groups/${id(groupId)}/join`, "POST", body, Group),
    onSuccess: (group) => refresh(group),
  });
}

export function useLeaveGroup(groupId: string) {
  const refresh = useRefreshGroup(groupId);
  return useMutation({
    mutationFn: () => apiJson<void>(`/api/groups/${id(groupId)}/membership`, { method: "DELETE" }),
    onSuccess: () => refresh(),
  });
}

export const useGroupMembers = (groupId: string, enabled: boolean) =>
  useQuery({
    queryKey: directoryKeys.groupMembers(groupId),
    queryFn: () => get(`/api/groups/${id(groupId)}/members`, listOf(GroupMember)),
    enabled,
  });

type MemberAction =
  | { kind: "approve"; handle: string }
  | { kind: "decline"; handle: string }
  | { kind: "role"; handle: string; role: GroupMember["role"] }
  | { kind: "remove"; handle: string };

/** A facilitator's decisions about one person: welcome, decline, change role, remove. */
export function useMemberAction(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: MemberAction) => {
      const base = `/api/groups/${id(groupId)}`;
      const who = id(action.handle);
      if (action.kind === "approve") return apiJson<unknown>(`${base}/requests/${who}/approve`, { method: "POST" });
      if (action.kind === "decline") return apiJson<unknown>(`${base}/requests/${who}/decline`, { method: "POST" });
      if (action.kind === "role")
        return apiJson<unknown>(`${base}/members/${who}`, { method: "PATCH", body: { role: action.role } });
      return apiJson<unknown>(`${base}/members/${who}`, { method: "DELETE" });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: directoryKeys.groupMembers(groupId) });
      void queryClient.invalidateQueries({ queryKey: directoryKeys.group(groupId), exact: true });
    },
  });
}

// ───────────── Organisations ─────────────

export const useOrganisations = () =>
  useQuery({ queryKey: directoryKeys.organisations, queryFn: () => get("/api/organisations", listOf(Organisation)) });

export const useOrganisation = (orgId: string) =>
  useQuery({
    queryKey: directoryKeys.organisation(orgId),
    queryFn: () => get(`/api/organisations/${id(orgId)}`, Organisation),
  });

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof OrganisationCreate>) => send("/api/organisations", "POST", body, Organisation),
    onSuccess: (organisation) => {
      queryClient.setQueryData(directoryKeys.organisation(organisation.id), organisation);
      void queryClient.invalidateQueries({ queryKey: directoryKeys.organisations });
    },
  });
}

export const useOrganisationAdmins = (orgId: string, enabled: boolean) =>
  useQuery({
    queryKey: directoryKeys.admins(orgId),
    queryFn: () => get(`/api/organisations/${id(orgId)}/admins`, listOf(OrganisationAdmin)),
    enabled,
  });

export function useAddAdmin(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (handle: string) =>
      send(`/api/organisations/${id(orgId)}/admins`, "POST", { handle }, OrganisationAdmin),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directoryKeys.admins(orgId) }),
  });
}

// ───────────── Import and calendar feed ─────────────

export function useStartImport(orgId: string) {
  return useMutation({
    mutationFn: (body: z.input<typeof ImportStart>) =>
      send(`/api/organisations/${id(orgId)}/imports`, "POST", body, MeetingImport),
  });
}

/**
 * An import's progress, asked again every second while it runs. When it has ended, the directory's
 * other lists are read again, so the organisation's page shows the groups and meetings it brought.
 */
export function useImport(importId: string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: directoryKeys.import(importId ?? ""),
    queryFn: () => get(`/api/imports/${id(importId ?? "")}`, MeetingImport),
    enabled: importId !== null,
    refetchInterval: (q) => (q.state.data?.status === "running" || !q.state.data ? 1000 : false),
  });
  const ended = query.data?.status === "done";
  useEffect(() => {
    if (ended)
      void queryClient.invalidateQueries({ queryKey: directoryKeys.all, predicate: (q) => q.queryKey[1] !== "import" });
  }, [ended, queryClient]);
  return query;
}

export const useCalendarFeed = () =>
  useQuery({ queryKey: directoryKeys.calendarFeed, queryFn: () => get("/api/me/calendar-feed", CalendarFeed) });

/** Create (or reset: a new secret address, the old one stops working) and delete the private feed. */
export function useCalendarFeedAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: "create" | "delete") => {
      if (action === "delete") {
        await apiJson<void>("/api/me/calendar-feed", { method: "DELETE" });
        return { url: null, createdAt: null };
      }
      return send("/api/me/calendar-feed", "POST", undefined, CalendarFeed);
    },
    onSuccess: (feed) => queryClient.setQueryData(directoryKeys.calendarFeed, feed),
  });
}
