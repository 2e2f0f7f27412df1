import {
  AccessLog,
  type EmailUpdate,
  type LoginBody,
  Me,
  type PassphraseChange,
  type PassphraseConfirm,
  type ProfileUpdate,
  PublicMember,
  SessionList,
  type SignedOutAppealBody,
  type SignupBody,
} from "@kinship/contracts/accounts";
import { Appeal } from "@kinship/contracts/moderation";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiJson, apiRequest } from "../../app/api-client.ts";
import { accountKeys, forgetSignedInMember } from "./session.ts";

export { accountKeys, forgetSignedInMember, useLogout, useMe } from "./session.ts";

/** GET a path and check the answer against its contracts schema. */
const get = async <S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> =>
  schema.parse(await apiJson(path));

const send = async <S extends z.ZodType>(
  path: string,
  method: "POST" | "PUT" | "PATCH",
  body: unknown,
  schema: S,
): Promise<z.output<S>> => schema.parse(await apiJson(path, { method, body }));

/** After signup or login: a fresh member, no one else's cached data. */
function rememberSignedInMember(queryClient: QueryClient, me: Me) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== accountKeys.me[0] });
  queryClient.setQueryData(accountKeys.me, me);
}

export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignupBody) => send("/api/auth/signup", "POST", body, Me),
    onSuccess: (me) => rememberSignedInMember(queryClient, me),
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => send("/api/auth/login", "POST", body, Me),
    onSuccess: (me) => rememberSignedInMember(queryClient, me),
  });
}

/** A suspended or banned member, who cannot sign in, asks for a fresh look. */
export function useSignedOutAppeal() {
  return useMutation({
    mutationFn: (body: SignedOutAppealBody) => send("/api/auth/appeal", "POST", body, Appeal),
  });
}

/** Ends every session of this member, this one included. */
export function useLogoutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiJson<void>("/api/auth/logout-everywhere", { method: "POST" }),
    onSuccess: () => forgetSignedInMember(queryClient),
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdate) => send("/api/me/profile", "PATCH", body, Me),
    onSuccess: (me) => queryClient.setQueryData(accountKeys.me, me),
  });
}

export function useUpdateEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof EmailUpdate>) => send("/api/me/email", "PUT", body, Me),
    onSuccess: (me) => queryClient.setQueryData(accountKeys.me, me),
  });
}

/** Other devices are signed out by the server; the session list changes with them. */
export function useChangePassphrase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof PassphraseChange>) =>
      apiJson<void>("/api/me/passphrase", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export const useSessions = () =>
  useQuery({ queryKey: accountKeys.sessions, queryFn: () => get("/api/me/sessions", SessionList) });

/** Ends one session; ending the one on this device signs this device out. */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (session: { id: string; current: boolean }) =>
      apiJson<void>(`/api/me/sessions/${encodeURIComponent(session.id)}`, { method: "DELETE" }),
    onSuccess: (_nothing, session) => {
      if (session.current) forgetSignedInMember(queryClient);
      else return queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  });
}

export const useAccessLog = () =>
  useQuery({ queryKey: accountKeys.accessLog, queryFn: () => get("/api/me/access-log", AccessLog) });

const today = () => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

/** Fetches the member's export and hands it to the browser as a file; nothing is kept in storage. */
export function useDownloadExport() {
  return useMutation({
    mutationFn: async () => {
      const response = await apiRequest("/api/me/export");
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = `kinship-export-${today()}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      // Some browsers read the URL just after the click; give them a moment before letting go.
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    },
  });
}

export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof PassphraseConfirm>) => apiJson<void>("/api/me", { method: "DELETE", body }),
    onSuccess: () => forgetSignedInMember(queryClient),
  });
}

export const useMember = (handle: string) =>
  useQuery({
    queryKey: accountKeys.member(handle),
    queryFn: () => get(`/api/members/${encodeURIComponent(handle)}`, PublicMember),
  });
