import { QueryCache, QueryClient } from "@tanstack/react-query";
import { accountKeys } from "../features/accounts/session.ts";
import { isApiError } from "./api-client.ts";

const isClientError = (error: unknown) => isApiError(error) && error.status >= 400 && error.status < 500;

/** One cache for the app. A 401 anywhere means the session ended elsewhere: show the signed-out state. */
export function createQueryClient() {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== accountKeys.me[0]) {
          queryClient.setQueryData(accountKeys.me, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        // Asking again will not fix a 4xx; a dropped connection often fixes itself.
        retry: (failures, error) => !isClientError(error) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
