import { ErrorBody, IdParam } from "@kinship/contracts/common";
import {
  AdminAdd,
  Group,
  GroupCreate,
  GroupListQuery,
  GroupMember,
  GroupSummary,
  GroupUpdate,
  JoinBody,
  MyGroup,
  Organisation,
  OrganisationAdmin,
  OrganisationCreate,
  OrganisationUpdate,
  RoleUpdate,
} from "@kinship/contracts/directory";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { requireMember } from "../../platform/actor.ts";
import type { Limits } from "../../platform/limits.ts";
import { createOrganisationsService, type OrganisationsService } from "./organisations.ts";
import { createGroupsService, type GroupsService } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["groups"];
const IdHandleParams = IdParam.extend({ handle: z.string().trim().min(1).max(64) });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const empty = { 204: z.null(), ...errors };

/** HTTP edges of organisations and groups: the directory's people side. */
export function groupsRoutes(organisations: OrganisationsService, groups: GroupsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // ───────────── Organisations ─────────────

    app.post(
      "/api/organisations",
      {
        schema: {
          tags,
          summary: "Start an organisation (you become its admin)",
          body: OrganisationCreate,
          response: { 201: Organisation, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await organisations.create(requireMember(request), request.body)),
    );

    app.get(
      "/api/organisations",
      { schema: { tags, summary: "Every organisation", response: { 200: items(Organisation), ...errors } } },
      async (request) => organisations.list(request.actor),
    );

    app.get(
      "/api/organisations/:id",
      { schema: { tags, summary: "One organisation", params: IdParam, response: { 200: Organisation, ...errors } } },
      async (request) => organisations.get(request.actor, request.params.id),
    );

    app.patch(
      "/api/organisations/:id",
      {
        schema: {
          tags,
          summary: "Change an organisation's details (admins)",
          params: IdParam,
          body: OrganisationUpdate,
          response: { 200: Organisation, ...errors },
        },
      },
      async (request) => organisations.update(requireMember(request), request.params.id, request.body),
    );

    app.get(
      "/api/organisations/:id/admins",
      {
        schema: {
          tags,
          summary: "The organisation's admins (admins)",
          params: IdParam,
          response: { 200: items(OrganisationAdmin), ...errors },
        },
      },
      async (request) => organisations.admins(requireMember(request), request.params.id),
    );

    app.post(
      "/api/organisations/:id/admins",
      {
        schema: {
          tags,
          summary: "Make another member an admin (admins)",
          params: IdParam,
          body: AdminAdd,
          response: { 201: OrganisationAdmin, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await organisations.addAdmin(requireMember(request), request.params.id, request.body.handle)),
    );

    app.delete(
      "/api/organisations/:id/admins/:handle",
      {
        schema: {
          tags,
          summary: "Remove an admin, never the last one (admins)",
          params: IdHandleParams,
          response: empty,
        },
      },
      async (request, reply) => {
        await organisations.removeAdmin(requireMember(request), request.params.id, request.params.handle);
        return reply.code(204).send(null);
      },
    );

    // ───────────── Groups ─────────────

    app.get(
      "/api/groups",
      {
        schema: {
          tags,
          summary: "Groups, open and closed, with filters",
          querystring: GroupListQuery,
          response: { 200: items(GroupSummary), ...errors },
        },
      },
      async (request) => groups.list(request.query),
    );

    app.post(
      "/api/groups",
      {
        schema: {
          tags,
          summary: "Start a group in an organisation (its admins; you become its facilitator)",
          body: GroupCreate,
          response: { 201: Group, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await groups.create(requireMember(request), request.body)),
    );

    app.get(
      "/api/groups/:id",
      {
        schema: { tags, summary: "One group and where I stand", params: IdParam, response: { 200: Group, ...errors } },
      },
      async (request) => groups.get(request.actor, request.params.id),
    );

    app.patch(
      "/api/groups/:id",
      {
        schema: {
          tags,
          summary: "Change a group (facilitators, co-facilitators, admins)",
          params: IdParam,
          body: GroupUpdate,
          response: { 200: Group, ...errors },
        },
      },
      async (request) => groups.update(requireMember(request), request.params.id, request.body),
    );

    app.post(
      "/api/groups/:id/join",
      {
        schema: {
          tags,
          summary: "Join (open group) or ask to join (closed group), accepting the agreement",
          params: IdParam,
          body: JoinBody,
          response: { 201: Group, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await groups.join(requireMember(request), request.params.id, request.body.message)),
    );

    app.delete(
      "/api/groups/:id/membership",
      { schema: { tags, summary: "Leave a group, or withdraw a request", params: IdParam, response: empty } },
      async (request, reply) => {
        await groups.leave(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/groups/:id/members",
      {
        schema: {
          tags,
          summary: "Who is in the group (members and admins; requests for facilitators)",
          params: IdParam,
          response: { 200: items(GroupMember), ...errors },
        },
      },
      async (request) => groups.members(requireMember(request), request.params.id),
    );

    app.post(
      "/api/groups/:id/requests/:handle/approve",
      {
        schema: {
          tags,
          summary: "Welcome someone who asked to join (facilitators)",
          params: IdHandleParams,
          response: { 200: GroupMember, ...errors },
        },
      },
      async (request) => groups.approve(requireMember(request), request.params.id, request.params.handle),
    );

    app.post(
      "/api/groups/:id/requests/:handle/decline",
      {
        schema: {
          tags,
          summary: "Decline a request to join (facilitators)",
          params: IdHandleParams,
          response: empty,
        },
      },
      async (request, reply) => {
        await groups.decline(requireMember(request), request.params.id, request.params.handle);
        return reply.code(204).send(null);
      },
    );

    app.patch(
      "/api/groups/:id/members/:handle",
      {
        schema: {
          tags,
          summary: "Change a member's role (facilitators and admins)",
          params: IdHandleParams,
          body: RoleUpdate,
          response: { 200: GroupMember, ...errors },
        },
      },
      async (request) =>
        groups.changeRole(requireMember(request), request.params.id, request.params.handle, request.body.role),
    );

    app.delete(
      "/api/groups/:id/members/:handle",
      {
        schema: {
          tags,
          summary: "Remove someone from the group (facilitators and admins)",
          params: IdHandleParams,
          response: empty,
        },
      },
      async (request, reply) => {
        await groups.removeMember(requireMember(request), request.params.id, request.params.handle);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/me/groups",
      {
        schema: {
          tags,
          summary: "My groups and my requests to join",
          response: { 200: items(MyGroup), ...errors },
        },
      },
      async (request) => groups.mine(requireMember(request)),
    );
  };
}

/** The groups feature wired to its database: one line in app.ts. */
export function groupsFeature(db: Db, limits: Limits) {
  return groupsRoutes(createOrganisationsService({ db }), createGroupsService({ db, limits }));
}
