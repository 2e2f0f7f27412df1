CREATE TYPE "public"."group_focus" AS ENUM('alcohol', 'narcotics', 'gambling', 'mental_health', 'family_friends', 'other');--> statement-breakpoint
CREATE TYPE "public"."group_format" AS ENUM('twelve_step', 'smart', 'recovery_dharma', 'secular', 'open_discussion', 'other');--> statement-breakpoint
CREATE TYPE "public"."group_member_status" AS ENUM('requested', 'active');--> statement-breakpoint
CREATE TYPE "public"."group_membership" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."group_role" AS ENUM('member', 'co_facilitator', 'facilitator');--> statement-breakpoint
CREATE TYPE "public"."link_audience" AS ENUM('public', 'signed_in', 'admitted');--> statement-breakpoint
CREATE TYPE "public"."meeting_audience" AS ENUM('public', 'members');--> statement-breakpoint
CREATE TYPE "public"."meeting_mode" AS ENUM('in_person', 'online', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('peer_run', 'clinic');--> statement-breakpoint
CREATE TYPE "public"."suggestion_status" AS ENUM('open', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"role" "group_role" DEFAULT 'member' NOT NULL,
	"status" "group_member_status" NOT NULL,
	"agreement_accepted_at" timestamp with time zone NOT NULL,
	"request_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_members_group_id_member_id_pk" PRIMARY KEY("group_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"focus" "group_focus" NOT NULL,
	"format" "group_format" NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"membership" "group_membership" DEFAULT 'open' NOT NULL,
	"guidelines" text DEFAULT '' NOT NULL,
	"confidentiality_agreement" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_follows" (
	"member_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_follows_member_id_meeting_id_pk" PRIMARY KEY("member_id","meeting_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"started_by_id" uuid,
	"source" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_rsvps" (
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"occurs_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_rsvps_meeting_id_occurs_on_member_id_pk" PRIMARY KEY("meeting_id","occurs_on","member_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_slots" (
	"meeting_id" uuid NOT NULL,
	"day" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"utc_offset_minutes" smallint NOT NULL,
	"week_start_utc" smallint NOT NULL,
	"on_date" date,
	CONSTRAINT "meeting_slots_meeting_id_day_pk" PRIMARY KEY("meeting_id","day")
);
--> statement-breakpoint
CREATE TABLE "meeting_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"proposer_id" uuid,
	"changes" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" "suggestion_status" DEFAULT 'open' NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"audience" "meeting_audience" DEFAULT 'public' NOT NULL,
	"mode" "meeting_mode" NOT NULL,
	"days" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"on_date" date,
	"start_time" text NOT NULL,
	"end_time" text,
	"time_zone" text NOT NULL,
	"location_name" text,
	"formatted_address" text,
	"region" text,
	"latitude" double precision,
	"longitude" double precision,
	"location_notes" text DEFAULT '' NOT NULL,
	"conference_url" text,
	"conference_phone" text,
	"conference_notes" text DEFAULT '' NOT NULL,
	"link_audience" "link_audience" DEFAULT 'signed_in' NOT NULL,
	"types" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"temporarily_closed" boolean DEFAULT false NOT NULL,
	"search" "tsvector" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_admins" (
	"organisation_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_admins_organisation_id_member_id_pk" PRIMARY KEY("organisation_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "organisation_kind" DEFAULT 'peer_run' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"website" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_follows" ADD CONSTRAINT "meeting_follows_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_follows" ADD CONSTRAINT "meeting_follows_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_imports" ADD CONSTRAINT "meeting_imports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_imports" ADD CONSTRAINT "meeting_imports_started_by_id_members_id_fk" FOREIGN KEY ("started_by_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_slots" ADD CONSTRAINT "meeting_slots_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_suggestions" ADD CONSTRAINT "meeting_suggestions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_suggestions" ADD CONSTRAINT "meeting_suggestions_proposer_id_members_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_suggestions" ADD CONSTRAINT "meeting_suggestions_decided_by_id_members_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_admins" ADD CONSTRAINT "organisation_admins_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_admins" ADD CONSTRAINT "organisation_admins_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_members_member_idx" ON "group_members" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "groups_organisation_idx" ON "groups" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "groups_name_idx" ON "groups" USING btree ("name");--> statement-breakpoint
CREATE INDEX "meeting_follows_meeting_idx" ON "meeting_follows" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_imports_organisation_idx" ON "meeting_imports" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "meeting_rsvps_member_idx" ON "meeting_rsvps" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "meeting_slots_day_idx" ON "meeting_slots" USING btree ("day","start_minute");--> statement-breakpoint
CREATE INDEX "meeting_slots_week_idx" ON "meeting_slots" USING btree ("week_start_utc");--> statement-breakpoint
CREATE INDEX "meeting_suggestions_meeting_idx" ON "meeting_suggestions" USING btree ("meeting_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_slug_idx" ON "meetings" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "meetings_group_idx" ON "meetings" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "meetings_location_idx" ON "meetings" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "meetings_types_idx" ON "meetings" USING gin ("types");--> statement-breakpoint
CREATE INDEX "meetings_search_idx" ON "meetings" USING gin ("search");--> statement-breakpoint
CREATE INDEX "organisation_admins_member_idx" ON "organisation_admins" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_slug_idx" ON "organisations" USING btree ("slug");