import { listOf } from "@kinship/contracts/common";
import { MyGroup } from "@kinship/contracts/directory";
import {
  Action,
  type ActionCreate,
  Appeal,
  AppealQueue,
  AuditLog,
  Blocks,
  CONDUCT_VERSION,
  Conduct,
  MediationDetail,
  Mediations,
  Moderators,
  MyReport,
  MyReports,
  Notices,
  Queue,
  ReportDetail,
  type ReportType,
  Scopes,
  Trust,
} from "@kinship/contracts/moderation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiJson } from "../../app/api-client.ts";

export { useMe } from "../accounts/session.ts";

const enc = encodeURIComponent;
const get = async <S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> =>
  schema.parse(await apiJson(path));
const send = async <S extends z.ZodType>(
  path: string,
  method: "POST" | "PUT" | "DELETE",
  body: unknown,
  schema?: S,
): Promise<z.output<S>> => {
  const answer = await apiJson(path, { method, body });
  return (schema ? schema.parse(answer) : answer) as z.output<S>;
};

export const moderationKeys = {
  all: ["moderation"] as const,
  conduct: ["moderation", "conduct"] as const,
  scopes: ["moderation", "scopes"] as const,
  queue: (scope: string) => ["moderation", "queue", scope] as const,
  report: (type: string, id: string) => ["moderation", "report", type, id] as const,
  appeals: (scope: string) => ["moderation", "appeals", scope] as const,
  audit: (scope: string) => ["moderation", "audit", scope] as const,
  moderators: (scope: string) => ["moderation", "moderators", scope] as const,
  notices: ["moderation", "notices"] as const,
  trust: ["moderation", "trust"] as const,
  blocks: ["moderation", "blocks"] as const,
  myReports: ["moderation", "my-reports"] as const,
  mediations: ["moderation", "mediations"] as const,
  mediation: (id: string) => ["moderation", "mediation", id] as const,
  myGroups: ["moderation", "my-groups"] as const,
};

// ─── Code of conduct ───

export const useConduct = (enabled = true) =>
  useQuery({ queryKey: moderationKeys.conduct, queryFn: () => get("/api/me/conduct", Conduct), enabled });

export function useAcceptConduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => send("/api/me/conduct", "PUT", { version: CONDUCT_VERSION }, Conduct),
    onSuccess: (conduct) => queryClient.setQueryData(moderationKeys.conduct, conduct),
  });
}

// ─── Moderators' side ───

export const useScopes = (enabled = true) =>
  useQuery({ queryKey: moderationKeys.scopes, queryFn: () => get("/api/moderation/scopes", Scopes), enabled });

export const useQueue = (scope: string | null) =>
  useQuery({
    queryKey: moderationKeys.queue(scope ?? ""),
    queryFn: () => get(`/api/moderation/queue?scope=${enc(scope ?? "")}`, Queue),
    enabled: !!scope,
  });

export const useReportDetail = (type: ReportType, id: string | null) =>
  useQuery({
    queryKey: moderationKeys.report(type, id ?? ""),
    queryFn: () => get(`/api/moderation/reports/${type}/${enc(id ?? "")}`, ReportDetail),
    enabled: !!id,
  });

function useInvalidateModeration() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: moderationKeys.all });
}

export function useAct() {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: (body: ActionCreate) => send("/api/moderation/actions", "POST", body, Action),
    onSuccess: invalidate,
  });
}

export function useDismiss() {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: ({ type, id, note }: { type: ReportType; id: string; note: string }) =>
      send(`/api/moderation/reports/${type}/${enc(id)}/dismiss`, "POST", { note }),
    onSuccess: invalidate,
  });
}

export const useAppealQueue = (scope: string | null) =>
  useQuery({
    queryKey: moderationKeys.appeals(scope ?? ""),
    queryFn: () => get(`/api/moderation/appeals?scope=${enc(scope ?? "")}`, AppealQueue),
    enabled: !!scope,
  });

export function useDecide() {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: "upheld" | "overturned"; note: string }) =>
      send(`/api/moderation/appeals/${enc(id)}/decision`, "POST", { decision, note }, Appeal),
    onSuccess: invalidate,
  });
}

export const useAudit = (scope: string | null) =>
  useQuery({
    queryKey: moderationKeys.audit(scope ?? ""),
    queryFn: () => get(`/api/moderation/audit?scope=${enc(scope ?? "")}`, AuditLog),
    enabled: !!scope,
  });

export const useModerators = (scope: string | null) =>
  useQuery({
    queryKey: moderationKeys.moderators(scope ?? ""),
    queryFn: () => get(`/api/moderation/moderators?scope=${enc(scope ?? "")}`, Moderators),
    enabled: !!scope,
  });

export function useNameModerator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ scope, handle, on }: { scope: string; handle: string; on: boolean }) =>
      on
        ? send("/api/moderation/moderators", "PUT", { scope, handle }, Moderators)
        : send(`/api/moderation/moderators/${enc(scope)}/${enc(handle)}`, "DELETE", undefined, Moderators),
    onSuccess: (list, { scope }) => queryClient.setQueryData(moderationKeys.moderators(scope), list),
  });
}

export function useSetTrust() {
  return useMutation({
    mutationFn: ({ handle, level, reason }: { handle: string; level: number | null; reason: string }) =>
      send(`/api/moderation/members/${enc(handle)}/trust`, "PUT", { level, reason }, Trust),
  });
}

// ─── The member's side ───

export const useNotices = () =>
  useQuery({ queryKey: moderationKeys.notices, queryFn: () => get("/api/me/notices", Notices) });

export function useAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) =>
      send(`/api/me/notices/${enc(id)}/appeal`, "POST", { note }, Appeal),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: moderationKeys.notices }),
  });
}

export const useTrust = () => useQuery({ queryKey: moderationKeys.trust, queryFn: () => get("/api/me/trust", Trust) });
export const useMyReports = () =>
  useQuery({ queryKey: moderationKeys.myReports, queryFn: () => get("/api/moderation/reports/mine", MyReports) });
export const useBlocks = () =>
  useQuery({ queryKey: moderationKeys.blocks, queryFn: () => get("/api/me/blocks", Blocks) });

export function useBlock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ handle, kind }: { handle: string; kind: "block" | "mute" | null }) =>
      kind
        ? send(`/api/me/blocks/${enc(handle)}`, "PUT", { kind })
        : send(`/api/me/blocks/${enc(handle)}`, "DELETE", undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: moderationKeys.blocks }),
  });
}

export function useReportMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ handle, ...body }: { handle: string; reason: string; note: string; groupId?: string }) =>
      send(`/api/members/${enc(handle)}/reports`, "POST", body, MyReport),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: moderationKeys.myReports }),
  });
}

// ─── Mediation ───

export const useMyGroups = () =>
  useQuery({ queryKey: moderationKeys.myGroups, queryFn: () => get("/api/me/groups", listOf(MyGroup)) });
export const useMediations = () =>
  useQuery({ queryKey: moderationKeys.mediations, queryFn: () => get("/api/mediations", Mediations) });
export const useMediation = (id: string) =>
  useQuery({
    queryKey: moderationKeys.mediation(id),
    queryFn: () => get(`/api/mediations/${enc(id)}`, MediationDetail),
  });

export function useRequestMediation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { groupId: string; otherHandle: string; note: string }) =>
      send("/api/mediations", "POST", body, MediationDetail.omit({ messages: true })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: moderationKeys.mediations }),
  });
}

/** Take, write in, or close a mediation; each answers with the mediation as it is now. */
export function useMediationStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (step: { take: true } | { body: string } | { outcome: string }) =>
      "take" in step
        ? send(`/api/mediations/${enc(id)}/take`, "POST", undefined, MediationDetail)
        : "body" in step
          ? send(`/api/mediations/${enc(id)}/messages`, "POST", step, MediationDetail)
          : send(`/api/mediations/${enc(id)}/close`, "POST", step, MediationDetail),
    onSuccess: (m) => {
      queryClient.setQueryData(moderationKeys.mediation(id), m);
      void queryClient.invalidateQueries({ queryKey: moderationKeys.mediations });
    },
  });
}
