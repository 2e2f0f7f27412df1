import {
  Alert,
  AlertConversation,
  AlertList,
  type AlertOutcome,
  AuditList,
  CrisisCountries,
  MyReachOutList,
  MyScopes,
  ProfessionalList,
  ResponderList,
  Service,
  type ServiceCreate,
  ServiceList,
} from "@kinship/contracts/safety";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiJson } from "../../app/api-client.ts";

/** Query keys of safety, under one root. */
export const safetyKeys = {
  all: ["safety"] as const,
  me: ["safety", "me"] as const,
  queue: (status: string) => ["safety", "queue", status] as const,
  alert: (id: string) => ["safety", "alert", id] as const,
  conversation: (id: string) => ["safety", "conversation", id] as const,
  audit: (id: string) => ["safety", "audit", id] as const,
  reachOuts: ["safety", "reach-outs"] as const,
  services: (query: string) => ["safety", "services", query] as const,
  responders: (scope: string) => ["safety", "responders", scope] as const,
  professionals: (scope: string) => ["safety", "professionals", scope] as const,
};

const get = async <S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> =>
  schema.parse(await apiJson(path));
const send = async <S extends z.ZodType>(path: string, method: "POST" | "PUT" | "PATCH", body: unknown, schema: S) =>
  schema.parse(await apiJson(path, { method, body })) as z.output<S>;
const scopeQuery = (scope: string | null) => (scope ? `?organisation=${encodeURIComponent(scope)}` : "");
const enc = encodeURIComponent;

export const useMyScopes = (enabled = true) =>
  useQuery({ queryKey: safetyKeys.me, queryFn: () => get("/api/safety/me", MyScopes), enabled, retry: false });

export const useCrisisDirectory = () =>
  useQuery({
    queryKey: ["crisis-lines", "directory"],
    queryFn: () => get("/api/crisis-lines/directory", CrisisCountries),
  });

// ─── The queue ───
export const useQueue = (status: "active" | "closed") =>
  useQuery({
    queryKey: safetyKeys.queue(status),
    queryFn: () => get(`/api/safety/alerts?status=${status}`, AlertList),
    // A queue people wait in: look again every half minute.
    refetchInterval: 30_000,
  });

export const useAlert = (id: string) =>
  useQuery({
    queryKey: safetyKeys.alert(id),
    queryFn: () => get(`/api/safety/alerts/${enc(id)}`, Alert),
    staleTime: 60_000,
  });
export const useAudit = (id: string) =>
  useQuery({ queryKey: safetyKeys.audit(id), queryFn: () => get(`/api/safety/alerts/${enc(id)}/audit`, AuditList) });
export const useConversation = (id: string, enabled = true) =>
  useQuery({
    queryKey: safetyKeys.conversation(id),
    queryFn: () => get(`/api/safety/alerts/${enc(id)}/conversation`, AlertConversation),
    enabled,
    refetchInterval: 20_000,
    retry: false,
  });

function useAlertAction<B>(id: string, path: (body: B) => { url: string; body?: unknown }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => {
      const { url, body: payload } = path(body);
      return send(url, "POST", payload ?? {}, Alert);
    },
    onSuccess: (alert) => {
      client.setQueryData(safetyKeys.alert(id), alert);
      void client.invalidateQueries({ queryKey: ["safety", "queue"] });
      void client.invalidateQueries({ queryKey: safetyKeys.audit(id) });
    },
  });
}
export const useClaim = (id: string) =>
  useAlertAction<void>(id, () => ({ url: `/api/safety/alerts/${enc(id)}/claim` }));
export const useRelease = (id: string) =>
  useAlertAction<void>(id, () => ({ url: `/api/safety/alerts/${enc(id)}/release` }));
export const useCloseAlert = (id: string) =>
  useAlertAction<{ outcome: AlertOutcome; note: string }>(id, (body) => ({
    url: `/api/safety/alerts/${enc(id)}/close`,
    body,
  }));

export function useWrite(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => send(`/api/safety/alerts/${enc(id)}/messages`, "POST", { body }, AlertConversation),
    onSuccess: (conversation) => {
      client.setQueryData(safetyKeys.conversation(id), conversation);
      void client.invalidateQueries({ queryKey: safetyKeys.audit(id) });
    },
  });
}

export const useReachOuts = (enabled = true) =>
  useQuery({
    queryKey: safetyKeys.reachOuts,
    queryFn: () => get("/api/safety/reach-outs", MyReachOutList),
    enabled,
    retry: false,
  });

// ─── Services ───
export const useServices = (kind: string, language: string, organisation?: string) => {
  const params = new URLSearchParams();
  if (kind) params.set("kind", kind);
  if (language) params.set("language", language);
  if (organisation) params.set("organisation", organisation);
  const query = params.toString();
  return useQuery({
    queryKey: safetyKeys.services(query),
    queryFn: () => get(`/api/safety/services${query ? `?${query}` : ""}`, ServiceList),
  });
};
export function useCreateService() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ServiceCreate>) => send("/api/safety/services", "POST", body, Service),
    onSuccess: () => client.invalidateQueries({ queryKey: ["safety", "services"] }),
  });
}
export function useDeleteService() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiJson(`/api/safety/services/${enc(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["safety", "services"] }),
  });
}

// ─── Roles ───
export const useResponders = (scope: string | null) =>
  useQuery({
    queryKey: safetyKeys.responders(scope ?? "community"),
    queryFn: () => get(`/api/safety/responders${scopeQuery(scope)}`, ResponderList),
  });
export const useProfessionals = (scope: string | null) =>
  useQuery({
    queryKey: safetyKeys.professionals(scope ?? "community"),
    queryFn: () => get(`/api/safety/professionals${scopeQuery(scope)}`, ProfessionalList),
  });
export function useGrant(kind: "responders" | "professionals", scope: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { handle: string; title?: string }) =>
      apiJson(`/api/safety/${kind}`, { method: "POST", body: { ...body, organisationId: scope } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["safety", kind] }),
  });
}
export function useRevoke(kind: "responders" | "professionals", scope: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      apiJson(`/api/safety/${kind}/${enc(memberId)}${scopeQuery(scope)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["safety", kind] }),
  });
}
