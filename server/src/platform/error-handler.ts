import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AccountRestricted, DomainError, RateLimited } from "./errors.ts";
import { type Language, languageFrom, translate, translateIssue } from "./translate.ts";

/** Sends the answer; `Content-Language` says whether the message is in the reader's language or English. */
const send = (
  reply: FastifyReply,
  status: number,
  error: { code: string; message: string; field?: string; restriction?: unknown },
  english: string,
  language: Language,
) => {
  const { field, restriction, ...rest } = error;
  reply.header("content-language", error.message === english ? "en" : language);
  return reply
    .code(status)
    .send({ error: { ...rest, ...(field ? { field } : {}), ...(restriction ? { restriction } : {}) } });
};

/**
 * The one place errors become `{ error: { code, message } }`, in the language the request asks for
 * (`Accept-Language`); unknown errors are logged and become a bare 500.
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const language = languageFrom(request.headers["accept-language"]);
  const answer = (
    status: number,
    code: string,
    message: string,
    extra: { field?: string; restriction?: unknown } = {},
  ) => send(reply, status, { code, message: translate(message, language), ...extra }, message, language);

  if (error instanceof DomainError) {
    if (error instanceof RateLimited) reply.header("retry-after", String(error.retryAfterSeconds));
    if (error instanceof AccountRestricted)
      return answer(error.status, error.code, error.message, { restriction: error.restriction });
    return answer(error.status, error.code, error.message, { field: error.field });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const path = (issue?.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
    const field = path || error.validationContext || "body";
    const english = issue?.message ?? "This value isn't valid.";
    const message = translateIssue(english, issue, language);
    return send(
      reply,
      400,
      { code: "invalid", message: `${field}: ${message}`, field },
      `${field}: ${english}`,
      language,
    );
  }
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return answer(413, "too_large", "That is more than Kinship accepts in one request. Please send less.");
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = status === 413 ? "too_large" : status === 404 ? "not_found" : "invalid";
    return answer(status, code, error.message || "That request isn't valid.");
  }
  request.log.error({ err: error }, "unexpected error");
  return answer(500, "internal", "Something went wrong on our side. Please try again in a moment.");
}
