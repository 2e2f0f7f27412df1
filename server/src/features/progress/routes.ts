import { ErrorBody, IdParam } from "@kinship/contracts/common";
import {
  AcceptBody,
  Checkin,
  CheckinInput,
  CheckinList,
  CheckinRange,
  DateParam,
  EncouragementBody,
  Goal,
  GoalCreate,
  GoalList,
  GoalRecordInput,
  GoalUpdate,
  GroupSharedProgress,
  GroupSharesUpdate,
  Journey,
  JourneyCreate,
  JourneyList,
  JourneyUpdate,
  MilestoneParams,
  MyGroupShare,
  MyGroupShareList,
  NoticeList,
  PartnerInvite,
  Partnership,
  PartnershipList,
  Plan,
  PlanInput,
  ProgressSettings,
  ProgressSettingsUpdate,
  SharedView,
  SharesUpdate,
  SlipCreate,
  StrugglingResult,
} from "@kinship/contracts/progress";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Scheduler } from "../../jobs/scheduler.ts";
import { requireMember } from "../../platform/actor.ts";
import type { Limits } from "../../platform/limits.ts";
import type { Hub } from "../../realtime/hub.ts";
import { createProgressService, type ProgressService } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const none = { 204: z.null(), ...errors };

/** Progress, wired up: routes plus the hourly pass that records milestones and closes goal periods. */
export function progressFeature(db: Db, scheduler: Scheduler, limits?: Limits, hub?: Hub) {
  const progress = createProgressService({ db, limits, hub });
  scheduler.every("progress-daily-pass", 3_600_000, progress.dailyPass);
  return progressRoutes(progress);
}

/** HTTP edges of progress: journeys, check-ins, goals, the plan, partners and their notices. */
export function progressRoutes(progress: ProgressService) {
  const partners = progress.partners;
  const groupShares = progress.groupShares;
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ["progress"];

    // ─── Journeys ───
    app.post(
      "/api/journeys",
      {
        schema: {
          tags,
          summary: "Start a recovery journey",
          body: JourneyCreate,
          response: { 201: Journey, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await progress.createJourney(requireMember(request), request.body)),
    );
    app.get(
      "/api/journeys",
      { schema: { tags, summary: "My journeys with their counts", response: { 200: JourneyList, ...errors } } },
      async (request) => progress.listJourneys(requireMember(request)),
    );
    app.get(
      "/api/journeys/:id",
      { schema: { tags, summary: "One of my journeys", params: IdParam, response: { 200: Journey, ...errors } } },
      async (request) => progress.getJourney(requireMember(request), request.params.id),
    );
    app.patch(
      "/api/journeys/:id",
      {
        schema: {
          tags,
          summary: "Rename a journey, change its time zone or correct the current start",
          params: IdParam,
          body: JourneyUpdate,
          response: { 200: Journey, ...errors },
        },
      },
      async (request) => progress.updateJourney(requireMember(request), request.params.id, request.body),
    );
    app.delete(
      "/api/journeys/:id",
      { schema: { tags, summary: "Delete a journey and its history", params: IdParam, response: none } },
      async (request, reply) => {
        await progress.deleteJourney(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      "/api/journeys/:id/slips",
      {
        schema: {
          tags,
          summary: "Record a slip: the count starts again, the history and totals stay",
          params: IdParam,
          body: SlipCreate,
          response: { 201: Journey, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await progress.recordSlip(requireMember(request), request.params.id, request.body)),
    );
    app.post(
      "/api/journeys/:id/milestones/:milestone/celebrated",
      { schema: { tags, summary: "I've seen this milestone celebrated", params: MilestoneParams, response: none } },
      async (request, reply) => {
        await progress.celebrate(requireMember(request), request.params.id, request.params.milestone);
        return reply.code(204).send(null);
      },
    );

    // ─── Check-ins ───
    app.post(
      "/api/checkins",
      {
        schema: {
          tags,
          summary: "Check in for a day; a day that has a check-in is refused (400, field date): PUT edits it",
          body: CheckinInput,
          response: { 201: Checkin, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send((await progress.saveCheckin(requireMember(request), request.body, { only: "new" })).checkin),
    );
    app.get(
      "/api/checkins",
      {
        schema: {
          tags,
          summary: "My check-ins between two days (the last 30 by default)",
          querystring: CheckinRange,
          response: { 200: CheckinList, ...errors },
        },
      },
      async (request) => progress.listCheckins(requireMember(request), request.query),
    );
    app.get(
      "/api/checkins/:date",
      {
        schema: {
          tags,
          summary: "My check-in for a day, or null when that day has none yet",
          params: DateParam,
          response: { 200: Checkin.nullable(), ...errors },
        },
      },
      async (request) => progress.getCheckin(requireMember(request), request.params.date),
    );
    app.put(
      "/api/checkins/:date",
      {
        schema: {
          tags,
          summary: "Edit (or fill in) the check-in of a day",
          params: DateParam,
          body: CheckinInput.omit({ date: true }),
          response: { 200: Checkin, 201: Checkin, ...errors },
        },
      },
      async (request, reply) => {
        const input = { ...request.body, date: request.params.date };
        const { checkin, created } = await progress.saveCheckin(requireMember(request), input);
        return reply.code(created ? 201 : 200).send(checkin);
      },
    );
    app.delete(
      "/api/checkins/:date",
      { schema: { tags, summary: "Delete my check-in for a day", params: DateParam, response: none } },
      async (request, reply) => {
        await progress.deleteCheckin(requireMember(request), request.params.date);
        return reply.code(204).send(null);
      },
    );
    app.get(
      "/api/progress/settings",
      { schema: { tags, summary: "My time zone and reminder time", response: { 200: ProgressSettings, ...errors } } },
      async (request) => progress.settings(requireMember(request)),
    );
    app.patch(
      "/api/progress/settings",
      {
        schema: {
          tags,
          summary: "Change my time zone or reminder time",
          body: ProgressSettingsUpdate,
          response: { 200: ProgressSettings, ...errors },
        },
      },
      async (request) => progress.updateSettings(requireMember(request), request.body),
    );

    // ─── Goals ───
    app.get(
      "/api/goals",
      { schema: { tags, summary: "My goals and commitments", response: { 200: GoalList, ...errors } } },
      async (request) => progress.listGoals(requireMember(request)),
    );
    app.post(
      "/api/goals",
      { schema: { tags, summary: "Set a goal", body: GoalCreate, response: { 201: Goal, ...errors } } },
      async (request, reply) => reply.code(201).send(await progress.createGoal(requireMember(request), request.body)),
    );
    app.patch(
      "/api/goals/:id",
      {
        schema: {
          tags,
          summary: "Change a goal",
          params: IdParam,
          body: GoalUpdate,
          response: { 200: Goal, ...errors },
        },
      },
      async (request) => progress.updateGoal(requireMember(request), request.params.id, request.body),
    );
    app.delete(
      "/api/goals/:id",
      { schema: { tags, summary: "Delete a goal", params: IdParam, response: none } },
      async (request, reply) => {
        await progress.deleteGoal(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      "/api/goals/:id/records",
      {
        schema: {
          tags,
          summary: "Mark a goal done or missed for a day's period",
          params: IdParam,
          body: GoalRecordInput,
          response: { 200: Goal, ...errors },
        },
      },
      async (request) => progress.recordGoal(requireMember(request), request.params.id, request.body),
    );

    // ─── Relapse-prevention plan ───
    app.get(
      "/api/plan",
      { schema: { tags, summary: "My relapse-prevention plan", response: { 200: Plan, ...errors } } },
      async (request) => progress.plan(requireMember(request)),
    );
    app.put(
      "/api/plan",
      { schema: { tags, summary: "Save my plan", body: PlanInput, response: { 200: Plan, ...errors } } },
      async (request) => progress.savePlan(requireMember(request), request.body),
    );
    app.post(
      "/api/struggling",
      {
        schema: {
          tags,
          summary: "I'm struggling: my plan now, and a notice to the partners I chose",
          response: { 200: StrugglingResult, ...errors },
        },
      },
      async (request) => progress.struggling(requireMember(request)),
    );

    // ─── Partners ───
    app.get(
      "/api/partners",
      {
        schema: {
          tags,
          summary: "My accountability partners and invitations",
          response: { 200: PartnershipList, ...errors },
        },
      },
      async (request) => partners.list(requireMember(request)),
    );
    app.post(
      "/api/partners",
      {
        schema: {
          tags,
          summary: "Invite a member to be my accountability partner",
          body: PartnerInvite,
          response: { 201: Partnership, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await partners.invite(requireMember(request), request.body)),
    );
    app.post(
      "/api/partners/:id/accept",
      {
        schema: {
          tags,
          summary: "Accept an invitation",
          params: IdParam,
          body: AcceptBody.nullish(),
          response: { 200: Partnership, ...errors },
        },
      },
      async (request) => partners.accept(requireMember(request), request.params.id, request.body?.shares),
    );
    app.delete(
      "/api/partners/:id",
      { schema: { tags, summary: "End, decline or withdraw: access ends at once", params: IdParam, response: none } },
      async (request, reply) => {
        await partners.end(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.put(
      "/api/partners/:id/shares",
      {
        schema: {
          tags,
          summary: "Choose what I share with this partner, item by item",
          params: IdParam,
          body: SharesUpdate,
          response: { 200: Partnership, ...errors },
        },
      },
      async (request) => partners.setShares(requireMember(request), request.params.id, request.body.shares),
    );
    app.get(
      "/api/partners/:id/shared",
      {
        schema: {
          tags,
          summary: "What this partner shares with me (logged in their access log)",
          params: IdParam,
          response: { 200: SharedView, ...errors },
        },
      },
      async (request) => partners.shared(requireMember(request), request.params.id),
    );
    app.post(
      "/api/partners/:id/encouragements",
      {
        schema: {
          tags,
          summary: "Send a partner a few words of encouragement",
          params: IdParam,
          body: EncouragementBody,
          response: none,
        },
      },
      async (request, reply) => {
        await partners.encourage(requireMember(request), request.params.id, request.body.message);
        return reply.code(204).send(null);
      },
    );

    // ─── Sharing with groups ───
    app.get(
      "/api/progress/group-shares",
      {
        schema: {
          tags,
          summary: "The groups I am in, and what I share with each",
          response: { 200: MyGroupShareList, ...errors },
        },
      },
      async (request) => groupShares.mine(requireMember(request)),
    );
    app.put(
      "/api/progress/group-shares",
      {
        schema: {
          tags,
          summary: "Choose what I share with one of my groups, item by item (an empty list stops sharing)",
          body: GroupSharesUpdate,
          response: { 200: MyGroupShare, ...errors },
        },
      },
      async (request) => groupShares.set(requireMember(request), request.body),
    );
    app.get(
      "/api/groups/:id/shared-progress",
      {
        schema: {
          tags,
          summary: "What the group's members share with it (members only; logged in each sharer's access log)",
          params: IdParam,
          response: { 200: GroupSharedProgress, ...errors },
        },
      },
      async (request) => groupShares.shared(requireMember(request), request.params.id),
    );

    app.get(
      "/api/progress/notices",
      { schema: { tags, summary: "Notices from my partners", response: { 200: NoticeList, ...errors } } },
      async (request) => partners.notices(requireMember(request)),
    );
    app.post(
      "/api/progress/notices/read",
      { schema: { tags, summary: "Mark every notice read", response: none } },
      async (request, reply) => {
        await partners.markNoticesRead(requireMember(request));
        return reply.code(204).send(null);
      },
    );
  };
}
