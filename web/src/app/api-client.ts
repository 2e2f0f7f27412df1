import type { ErrorBody, ErrorCode } from "@kinship/contracts/common";
import { currentLanguage } from "./i18n.ts";

/** What went wrong, in the API's own words; `network` means we never reached the server. */
export type ApiErrorCode = ErrorCode | "network";

/** An error the API answered with (or could not answer at all). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field?: string;
  /** When a suspended or banned member tries to sign in: what is in force, until when, and why. */
  readonly restriction?: Restriction;
  /** The language the server wrote `message` in (its `Content-Language`): the reader's, or English. */
  language = "en";

  constructor(status: number, code: ApiErrorCode, message: string, field?: string, restriction?: Restriction) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.restriction = restriction;
  }
}
export type Restriction = NonNullable<ErrorBody["error"]["restriction"]>;

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

const KNOWN_CODES = new Set<string>([
  "invalid",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "too_large",
  "rate_limited",
  "internal",
  "account_restricted",
]);

const codeForStatus = (status: number): ErrorCode => {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 413) return "too_large";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "internal";
  return "invalid";
};

/** Turns any failed response into an ApiError, even when its body is not the usual JSON. */
async function errorFrom(response: Response): Promise<ApiError> {
  const fallback = codeForStatus(response.status);
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; field?: string; restriction?: Restriction };
    };
    const error = body.error ?? {};
    const code = error.code && KNOWN_CODES.has(error.code) ? (error.code as ErrorCode) : fallback;
    // Validation errors arrive as "field.path: message"; the field is shown separately.
    let message = error.message ?? "";
    if (error.field && message.startsWith(`${error.field}: `)) message = message.slice(error.field.length + 2);
    const answer = new ApiError(response.status, code, message, error.field, error.restriction);
    answer.language = response.headers.get("content-language") ?? "en";
    return answer;
  } catch {
    return new ApiError(response.status, fallback, "");
  }
}

/**
 * One request to Kinship's API: same origin, the session cookie, JSON in and out.
 * Resolves with the raw Response on success (so callers can read JSON or a file), throws ApiError otherwise.
 */
export async function apiRequest(path: string, options: RequestOptions = {}): Promise<Response> {
  const { method = "GET", body, signal } = options;
  // The language the member reads Kinship in (not just the browser's): the server refuses in it.
  const headers: Record<string, string> = { accept: "application/json", "accept-language": currentLanguage() };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, "network", "");
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** A request whose answer is JSON (or nothing, for 204). */
export async function apiJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiRequest(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
