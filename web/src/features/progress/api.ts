import {
  Checkin,
  type CheckinInput,
  CheckinList,
  Goal,
  type GoalCreate,
  GoalList,
  type GoalRecordInput,
  GroupSharedProgress,
  type GroupSharesUpdate,
  Journey,
  type JourneyCreate,
  JourneyList,
  type JourneyUpdate,
  MyGroupShare,
  MyGroupShareList,
  NoticeList,
  type PartnerInvite,
  Partnership,
  PartnershipList,
  Plan,
  type PlanInput,
  ProgressSettings,
  type ProgressSettingsUpdate,
  SharedView,
  type ShareItem,
  type SlipCreate,
  StrugglingResult,
} from "@kinship/contracts/progress";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiJson } from "../../app/api-client.ts";

/** Query keys of progress; one root so signing out (which clears every other root) forgets them all. */
export const progressKeys = {
  all: ["progress"] as const,
  settings: ["progress", "settings"] as const,
  journeys: ["progress", "journeys"] as const,
  checkins: (from: string, to: string) => ["progress", "checkins", from, to] as const,
  checkin: (date: string) => ["progress", "checkin", date] as const,
  goals: ["progress", "goals"] as const,
  plan: ["progress", "plan"] as const,
  partners: ["progress", "partners"] as const,
  shared: (id: string) => ["progress", "shared", id] as const,
  notices: ["progress", "notices"] as const,
  groupShares: ["progress", "group-shares"] as const,
  groupShared: (groupId: string) => ["progress", "group-shared", groupId] as const,
};

const get = async <S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> =>
  schema.parse(await apiJson(path));
const send = async <S extends z.ZodType>(
  path: string,
  method: "POST" | "PUT" | "PATCH",
  body: unknown,
  schema: S,
): Promise<z.output<S>> => schema.parse(await apiJson(path, { method, body }));
const id = (value: string) => encodeURIComponent(value);

/** After any change, refetch what may show it (counts, milestones, totals, notices). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: progressKeys.all });
}

// ─── Settings ───
export const useProgressSettings = (enabled = true) =>
  useQuery({
    queryKey: progressKeys.settings,
    queryFn: () => get("/api/progress/settings", ProgressSettings),
    enabled,
  });

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgressSettingsUpdate) => send("/api/progress/settings", "PATCH", body, ProgressSettings),
    onSuccess: (saved) => queryClient.setQueryData(progressKeys.settings, saved),
  });
}

// ─── Journeys ───
export const useJourneys = () =>
  useQuery({ queryKey: progressKeys.journeys, queryFn: () => get("/api/journeys", JourneyList) });

export function useCreateJourney() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: JourneyCreate) => send("/api/journeys", "POST", body, Journey),
    onSuccess: refresh,
  });
}

export function useUpdateJourney(journeyId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: JourneyUpdate) => send(`/api/journeys/${id(journeyId)}`, "PATCH", body, Journey),
    onSuccess: refresh,
  });
}

export function useDeleteJourney() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (journeyId: string) => apiJson<void>(`/api/journeys/${id(journeyId)}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
}

export function useRecordSlip(journeyId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: SlipCreate) => send(`/api/journeys/${id(journeyId)}/slips`, "POST", body, Journey),
    onSuccess: refresh,
  });
}

export function useCelebrate() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ journeyId, milestone }: { journeyId: string; milestone: string }) =>
      apiJson<void>(`/api/journeys/${id(journeyId)}/milestones/${id(milestone)}/celebrated`, { method: "POST" }),
    onSuccess: refresh,
  });
}

// ─── Check-ins ───
export const useCheckins = (from: string, to: string) =>
  useQuery({
    queryKey: progressKeys.checkins(from, to),
    queryFn: () => get(`/api/checkins?from=${id(from)}&to=${id(to)}`, CheckinList),
  });

/** The check-in of one day, or null when there is none yet. */
export const useCheckin = (date: string) =>
  useQuery({
    queryKey: progressKeys.checkin(date),
    queryFn: () => get(`/api/checkins/${id(date)}`, Checkin.nullable()),
  });

export function useSaveCheckin() {
  const refresh = useRefresh();
  return useMutation({
    // PUT fills in or edits the day, so checking in again the same day changes that check-in.
    mutationFn: ({ date, ...body }: CheckinInput) => send(`/api/checkins/${id(date)}`, "PUT", body, Checkin),
    onSuccess: refresh,
  });
}

// ─── Goals ───
export const useGoals = () => useQuery({ queryKey: progressKeys.goals, queryFn: () => get("/api/goals", GoalList) });

export function useCreateGoal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: GoalCreate) => send("/api/goals", "POST", body, Goal),
    onSuccess: refresh,
  });
}

export function useRecordGoal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ goalId, ...body }: GoalRecordInput & { goalId: string }) =>
      send(`/api/goals/${id(goalId)}/records`, "POST", body, Goal),
    onSuccess: refresh,
  });
}

export function useDeleteGoal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (goalId: string) => apiJson<void>(`/api/goals/${id(goalId)}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
}

// ─── Plan ───
export const usePlan = () => useQuery({ queryKey: progressKeys.plan, queryFn: () => get("/api/plan", Plan) });

export function useSavePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanInput) => send("/api/plan", "PUT", body, Plan),
    onSuccess: (plan) => queryClient.setQueryData(progressKeys.plan, plan),
  });
}

/** "I'm struggling": the plan comes back at once, and chosen partners are told. */
export function useStruggling() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => send("/api/struggling", "POST", undefined, StrugglingResult),
    onSuccess: (result) => queryClient.setQueryData(progressKeys.plan, result.plan),
  });
}

// ─── Partners ───
export const usePartners = () =>
  useQuery({ queryKey: progressKeys.partners, queryFn: () => get("/api/partners", PartnershipList) });

export function useInvitePartner() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: PartnerInvite) => send("/api/partners", "POST", body, Partnership),
    onSuccess: refresh,
  });
}

export function useAcceptPartner() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ partnershipId, shares }: { partnershipId: string; shares: ShareItem[] }) =>
      send(`/api/partners/${id(partnershipId)}/accept`, "POST", { shares }, Partnership),
    onSuccess: refresh,
  });
}

export function useSetShares() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ partnershipId, shares }: { partnershipId: string; shares: ShareItem[] }) =>
      send(`/api/partners/${id(partnershipId)}/shares`, "PUT", { shares }, Partnership),
    onSuccess: refresh,
  });
}

export function useEndPartnership() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (partnershipId: string) => apiJson<void>(`/api/partners/${id(partnershipId)}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
}

export const useShared = (partnershipId: string) =>
  useQuery({
    queryKey: progressKeys.shared(partnershipId),
    queryFn: () => get(`/api/partners/${id(partnershipId)}/shared`, SharedView),
  });

export function useEncourage() {
  return useMutation({
    mutationFn: ({ partnershipId, message }: { partnershipId: string; message: string }) =>
      apiJson<void>(`/api/partners/${id(partnershipId)}/encouragements`, { method: "POST", body: { message } }),
  });
}

export const useNotices = (enabled = true) =>
  useQuery({ queryKey: progressKeys.notices, queryFn: () => get("/api/progress/notices", NoticeList), enabled });

export function useMarkNoticesRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiJson<void>("/api/progress/notices/read", { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: progressKeys.notices }),
  });
}

// ─── Sharing with groups ───
export const useGroupShares = () =>
  useQuery({ queryKey: progressKeys.groupShares, queryFn: () => get("/api/progress/group-shares", MyGroupShareList) });

export function useSetGroupShares() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: GroupSharesUpdate) => send("/api/progress/group-shares", "PUT", body, MyGroupShare),
    onSuccess: refresh,
  });
}

/** What the group's members share with it; asked only by a member of the group. */
export const useGroupSharedProgress = (groupId: string, enabled: boolean) =>
  useQuery({
    queryKey: progressKeys.groupShared(groupId),
    queryFn: () => get(`/api/groups/${id(groupId)}/shared-progress`, GroupSharedProgress),
    enabled,
  });
