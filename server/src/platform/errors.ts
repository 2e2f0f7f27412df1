import type { ErrorCode } from "@kinship/contracts/common";

/** A rule was broken; the error handler turns it into `{ error: { code, message } }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class Invalid extends DomainError {
  constructor(message: string, field?: string) {
    super("invalid", 400, message, field);
  }
}
export class Unauthenticated extends DomainError {
  constructor(message = "Please log in first.") {
    super("unauthenticated", 401, message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = "You can't do that here.") {
    super("forbidden", 403, message);
  }
}
export class NotFound extends DomainError {
  constructor(message = "We couldn't find that.", field?: string) {
    super("not_found", 404, message, field);
  }
}
export class Conflict extends DomainError {
  constructor(message: string, field?: string) {
    super("conflict", 409, message, field);
  }
}
export class RateLimited extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      "rate_limited",
      429,
      `Too many attempts. Please wait ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s) and try again.`,
    );
  }
}

/** A suspended or banned member signing in: the answer carries what is in force, so it can be shown kindly. */
export class AccountRestricted extends DomainError {
  constructor(
    message: string,
    readonly restriction: { kind: "suspend" | "ban"; endsAt: string | null; reason: string },
  ) {
    super("account_restricted", 403, message);
  }
}
