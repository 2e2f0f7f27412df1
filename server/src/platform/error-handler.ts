import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AccountRestricted, DomainError, RateLimited } from "./errors.ts";

const send = (reply: FastifyReply, status: number, code: string, message: string, field?: string) =>
  reply.code(status).send({ error: field ? { code, message, field } : { code, message } });

/** The one place errors become `{ error: { code, message } }`; unknown errors are logged and become a bare 500. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    if (error instanceof RateLimited) reply.header("retry-after", String(error.retryAfterSeconds));
    if (error instanceof AccountRestricted)
      return reply
        .code(error.status)
        .send({ error: { code: error.code, message: error.message, restriction: error.restriction } });
    return send(reply, error.status, error.code, error.message, error.field);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const path = (issue?.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
    const field = path || error.validationContext || "body";
    const message = issue?.message ?? "This value isn't valid.";
    return send(reply, 400, "invalid", `${field}: ${message}`, field);
  }
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return send(reply, 413, "too_large", "That is more than Kinship accepts in one request. Please send less.");
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = status === 413 ? "too_large" : status === 404 ? "not_found" : "invalid";
    return send(reply, status, code, error.message || "That request isn't valid.");
  }
  request.log.error({ err: error }, "unexpected error");
  return send(reply, 500, "internal", "Something went wrong on our side. Please try again in a moment.");
}
