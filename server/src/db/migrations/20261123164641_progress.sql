CREATE TYPE "public"."goal_repeat" AS ENUM('none', 'daily', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."goal_status" AS ENUM('done', 'missed');--> statement-breakpoint
CREATE TYPE "public"."partner_notice_kind" AS ENUM('encouragement', 'milestone', 'goal_missed', 'struggling');--> statement-breakpoint
CREATE TYPE "public"."partnership_status" AS ENUM('pending', 'active', 'ended');--> statement-breakpoint
CREATE TYPE "public"."share_item" AS ENUM('journeys', 'milestones', 'checkins', 'goals', 'plan', 'struggling');--> statement-breakpoint
CREATE TABLE "checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"date" date NOT NULL,
	"mood" smallint NOT NULL,
	"craving" smallint NOT NULL,
	"triggers" text[] DEFAULT '{}'::text[] NOT NULL,
	"triggers_own_words" text DEFAULT '' NOT NULL,
	"helped" text DEFAULT '' NOT NULL,
	"gratitude" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal_records" (
	"goal_id" uuid NOT NULL,
	"period" date NOT NULL,
	"status" "goal_status" NOT NULL,
	"automatic" boolean DEFAULT false NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goal_records_goal_id_period_pk" PRIMARY KEY("goal_id","period")
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_date" date,
	"repeat" "goal_repeat" DEFAULT 'none' NOT NULL,
	"created_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journey_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"journey_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"slip_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journey_milestones" (
	"attempt_id" uuid NOT NULL,
	"milestone" text NOT NULL,
	"reached_on" date NOT NULL,
	"celebrated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journey_milestones_attempt_id_milestone_pk" PRIMARY KEY("attempt_id","milestone")
);
--> statement-breakpoint
CREATE TABLE "journeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"label" text NOT NULL,
	"time_zone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"kind" "partner_notice_kind" NOT NULL,
	"message" text,
	"milestone" text,
	"journey_label" text,
	"goal_title" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_shares" (
	"partnership_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"item" "share_item" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_shares_partnership_id_member_id_item_pk" PRIMARY KEY("partnership_id","member_id","item")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"status" "partnership_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "progress_settings" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text,
	"reminder_time" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relapse_plans" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"triggers" text[] DEFAULT '{}'::text[] NOT NULL,
	"warning_signs" text[] DEFAULT '{}'::text[] NOT NULL,
	"coping_strategies" text[] DEFAULT '{}'::text[] NOT NULL,
	"people" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_records" ADD CONSTRAINT "goal_records_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_attempts" ADD CONSTRAINT "journey_attempts_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_milestones" ADD CONSTRAINT "journey_milestones_attempt_id_journey_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."journey_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_notices" ADD CONSTRAINT "partner_notices_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_notices" ADD CONSTRAINT "partner_notices_recipient_id_members_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_notices" ADD CONSTRAINT "partner_notices_sender_id_members_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_shares" ADD CONSTRAINT "partner_shares_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_shares" ADD CONSTRAINT "partner_shares_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_requester_id_members_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_partner_id_members_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_settings" ADD CONSTRAINT "progress_settings_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relapse_plans" ADD CONSTRAINT "relapse_plans_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkins_member_date_idx" ON "checkins" USING btree ("member_id","date");--> statement-breakpoint
CREATE INDEX "goals_member_idx" ON "goals" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "journey_attempts_journey_idx" ON "journey_attempts" USING btree ("journey_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "journey_attempts_one_open_idx" ON "journey_attempts" USING btree ("journey_id") WHERE "journey_attempts"."end_date" is null;--> statement-breakpoint
CREATE INDEX "journeys_member_idx" ON "journeys" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "partner_notices_recipient_idx" ON "partner_notices" USING btree ("recipient_id","created_at");--> statement-breakpoint
CREATE INDEX "partner_notices_partnership_idx" ON "partner_notices" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "partnerships_requester_idx" ON "partnerships" USING btree ("requester_id");--> statement-breakpoint
CREATE INDEX "partnerships_partner_idx" ON "partnerships" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_live_pair_idx" ON "partnerships" USING btree (least("requester_id", "partner_id"),greatest("requester_id", "partner_id")) WHERE "partnerships"."status" <> 'ended';