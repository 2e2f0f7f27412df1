import {
  AccessLog,
  EmailUpdate,
  Export,
  HandleParam,
  LoginBody,
  Me,
  PassphraseChange,
  PassphraseConfirm,
  ProfileUpdate,
  PublicMember,
  SessionList,
  SignedIn,
  SignedOutAppealBody,
  SignupBody,
} from "@kinship/contracts/accounts";
import { ErrorBody, IdParam } from "@kinship/contracts/common";
import { Appeal } from "@kinship/contracts/moderation";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireMember } from "../../platform/actor.ts";
import { describeDevice } from "./device.ts";
import type { AccountsService } from "./service.ts";

export type SessionCookie = { name: string; secure: boolean };

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const tags = ["accounts"];

/** HTTP edges of accounts: sign-up, login, sessions, profile, export, deletion. */
export function accountsRoutes(accounts: AccountsService, cookie: SessionCookie) {
  const origin = (request: FastifyRequest) => ({
    ip: request.ip,
    device: describeDevice(request.headers["user-agent"]),
  });
  const setCookie = (reply: FastifyReply, token: string, maxAge: number) =>
    reply.setCookie(cookie.name, token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: cookie.secure,
      maxAge,
    });
  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(cookie.name, { path: "/", httpOnly: true, sameSite: "lax", secure: cookie.secure });

  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post(
      "/api/auth/signup",
      { schema: { tags, summary: "Create an account", body: SignupBody, response: { 201: Me, ...errors } } },
      async (request, reply) => {
        const { token, me, maxAgeSeconds } = await accounts.signup(request.body, origin(request));
        setCookie(reply, token, maxAgeSeconds);
        return reply.code(201).send(me);
      },
    );

    app.post(
      "/api/auth/login",
      { schema: { tags, summary: "Log in", body: LoginBody, response: { 200: Me, ...errors } } },
      async (request, reply) => {
        const previous = request.cookies[cookie.name];
        const { token, me, maxAgeSeconds } = await accounts.login(request.body, origin(request), previous);
        setCookie(reply, token, maxAgeSeconds);
        return me;
      },
    );

    app.post(
      "/api/auth/appeal",
      {
        schema: {
          tags,
          summary: "Appeal a suspension or ban while signed out (handle and passphrase prove who it is)",
          body: SignedOutAppealBody,
          response: { 201: Appeal, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await accounts.appealWhileSignedOut(request.body, origin(request))),
    );

    app.post(
      "/api/auth/logout",
      { schema: { tags, summary: "Log out of this device", response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const token = request.cookies[cookie.name];
        if (token) await accounts.logout(token);
        clearCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/api/auth/logout-everywhere",
      { schema: { tags, summary: "Log out of every device", response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await accounts.logoutEverywhere(requireMember(request));
        clearCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/me",
      { schema: { tags, summary: "The signed-in member (401 when signed out)", response: { 200: Me, ...errors } } },
      async (request) => accounts.me(requireMember(request)),
    );

    app.get(
      "/api/auth/session",
      {
        schema: {
          tags,
          summary: "Who is signed in on this device: { me } or { me: null }, never a 401",
          response: { 200: SignedIn, ...errors },
        },
      },
      async (request) => ({ me: request.actor ? await accounts.me(request.actor) : null }),
    );

    app.patch(
      "/api/me/profile",
      {
        schema: {
          tags,
          summary: "Change profile fields and who sees them",
          body: ProfileUpdate,
          response: { 200: Me, ...errors },
        },
      },
      async (request) => accounts.updateProfile(requireMember(request), request.body),
    );

    app.put(
      "/api/me/email",
      {
        schema: {
          tags,
          summary: "Add, change or remove the optional e-mail",
          body: EmailUpdate,
          response: { 200: Me, ...errors },
        },
      },
      async (request) => accounts.updateEmail(requireMember(request), request.body.email),
    );

    app.post(
      "/api/me/passphrase",
      {
        schema: {
          tags,
          summary: "Change the passphrase (other devices are logged out)",
          body: PassphraseChange,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { currentPassphrase, newPassphrase } = request.body;
        await accounts.changePassphrase(requireMember(request), currentPassphrase, newPassphrase);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/me/sessions",
      { schema: { tags, summary: "Active sessions", response: { 200: SessionList, ...errors } } },
      async (request) => accounts.listSessions(requireMember(request)),
    );

    app.delete(
      "/api/me/sessions/:id",
      { schema: { tags, summary: "End one session", params: IdParam, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const actor = requireMember(request);
        await accounts.endSession(actor, request.params.id);
        if (request.params.id === actor.sessionId) clearCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/me/access-log",
      { schema: { tags, summary: "Who viewed my private data", response: { 200: AccessLog, ...errors } } },
      async (request) => accounts.accessLog(requireMember(request)),
    );

    app.get(
      "/api/me/export",
      { schema: { tags, summary: "Everything Kinship holds about me, as JSON", response: { 200: Export, ...errors } } },
      async (request, reply) => {
        const data = await accounts.exportData(requireMember(request));
        reply.header(
          "content-disposition",
          `attachment; filename="kinship-export-${data.exportedAt.slice(0, 10)}.json"`,
        );
        return data;
      },
    );

    app.delete(
      "/api/me",
      {
        schema: {
          tags,
          summary: "Delete my account for good",
          body: PassphraseConfirm,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await accounts.deleteAccount(requireMember(request), request.body.passphrase);
        clearCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/members/:handle",
      {
        schema: {
          tags,
          summary: "A member's profile, as far as they share it with me",
          params: HandleParam,
          response: { 200: PublicMember, ...errors },
        },
      },
      async (request) => accounts.viewMember(request.actor, request.params.handle),
    );
  };
}
