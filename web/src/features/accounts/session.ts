import type { Me, ProfileUpdate, SignedIn } from "@kinship/contracts/accounts";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiJson } from "../../app/api-client.ts";

/*
 * The few account calls the app frame needs on every page (who is signed in, log out, save the
 * language). They use the contracts' types but not their zod schemas: zod is a quarter of the
 * first download, so runtime checks live in api.ts, which loads with the account pages.
 */

/** Query keys of this feature; separate roots so invalidating one never refetches the others. */
export const accountKeys = {
  me: ["me"] as const,
  sessions: ["sessions"] as const,
  accessLog: ["access-log"] as const,
  member: (handle: string) => ["members", handle.toLowerCase()] as const,
};

export const isUnauthenticated = (error: unknown) => error instanceof ApiError && error.status === 401;

/**
 * Who is signed in on this device, or null. Asked of /api/auth/session, which answers a signed-out
 * visitor with 200 { me: null }, so an ordinary visit shows no failed request in the console.
 */
export async function fetchMe(): Promise<Me | null> {
  return (await apiJson<SignedIn>("/api/auth/session")).me;
}

export const useMe = () => useQuery({ queryKey: accountKeys.me, queryFn: fetchMe, staleTime: 60_000 });

/** Forget everything about the member who just left this device, then mark it signed out. */
export function forgetSignedInMember(queryClient: QueryClient) {
  queryClient.setQueryData(accountKeys.me, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== accountKeys.me[0] });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    // Already signed out (the session ended elsewhere) is as good as signing out now.
    mutationFn: () =>
      apiJson<void>("/api/auth/logout", { method: "POST" }).catch((error: unknown) => {
        if (!isUnauthenticated(error)) throw error;
      }),
    onSuccess: () => forgetSignedInMember(queryClient),
  });
}

/** Saves the member's language to their profile, so every device they use follows it. */
export function useSaveLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: "en" | "es") =>
      apiJson<Me>("/api/me/profile", {
        method: "PATCH",
        body: { language: { value: language } } satisfies ProfileUpdate,
      }),
    onSuccess: (me) => queryClient.setQueryData(accountKeys.me, me),
  });
}
