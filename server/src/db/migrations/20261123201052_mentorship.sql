CREATE TYPE "public"."mentor_decline_reason" AS ENUM('capacity', 'fit', 'timing', 'break');--> statement-breakpoint
CREATE TYPE "public"."mentor_share_item" AS ENUM('journeys', 'milestones', 'goals', 'checkins');--> statement-breakpoint
CREATE TYPE "public"."mentorship_status" AS ENUM('requested', 'active', 'declined', 'withdrawn', 'ended');--> statement-breakpoint
CREATE TABLE "mentee_preferences" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"focus" text[] DEFAULT '{}'::text[] NOT NULL,
	"formats" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"time_zone" text,
	"days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"same_gender" boolean DEFAULT false NOT NULL,
	"gender" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"feeling" smallint NOT NULL,
	"time_spent" text NOT NULL,
	"need_break" boolean DEFAULT false NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"time_in_recovery" text NOT NULL,
	"focus" text[] NOT NULL,
	"formats" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"time_zone" text NOT NULL,
	"available_days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"available_from" text,
	"available_to" text,
	"can_help_with" text DEFAULT '' NOT NULL,
	"cannot_help_with" text DEFAULT '' NOT NULL,
	"about" text DEFAULT '' NOT NULL,
	"capacity" integer DEFAULT 2 NOT NULL,
	"gender" text,
	"quiet_from" text,
	"quiet_to" text,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"paused_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_profiles_member_id_unique" UNIQUE("member_id")
);
--> statement-breakpoint
CREATE TABLE "mentor_training" (
	"key" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"sections" jsonb NOT NULL,
	"questions" jsonb NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_training_passes" (
	"member_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"passed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_training_passes_member_id_version_pk" PRIMARY KEY("member_id","version")
);
--> statement-breakpoint
CREATE TABLE "mentorship_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "mentorship_messages_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"mentorship_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentorship_messages_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "mentorship_shares" (
	"mentorship_id" uuid NOT NULL,
	"item" "mentor_share_item" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentorship_shares_mentorship_id_item_pk" PRIMARY KEY("mentorship_id","item")
);
--> statement-breakpoint
CREATE TABLE "mentorships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"status" "mentorship_status" DEFAULT 'requested' NOT NULL,
	"request_message" text NOT NULL,
	"decline_reason" "mentor_decline_reason",
	"end_note" text,
	"ended_by_id" uuid,
	"handoff_from_id" uuid,
	"handoff_proposed_at" timestamp with time zone,
	"mentor_read_seq" integer DEFAULT 0 NOT NULL,
	"mentee_read_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "mentee_preferences" ADD CONSTRAINT "mentee_preferences_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_checkins" ADD CONSTRAINT "mentor_checkins_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_profiles" ADD CONSTRAINT "mentor_profiles_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_training" ADD CONSTRAINT "mentor_training_updated_by_id_members_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_training_passes" ADD CONSTRAINT "mentor_training_passes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_messages" ADD CONSTRAINT "mentorship_messages_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_messages" ADD CONSTRAINT "mentorship_messages_sender_id_members_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorship_shares" ADD CONSTRAINT "mentorship_shares_mentorship_id_mentorships_id_fk" FOREIGN KEY ("mentorship_id") REFERENCES "public"."mentorships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentor_id_members_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_mentee_id_members_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentorships" ADD CONSTRAINT "mentorships_ended_by_id_members_id_fk" FOREIGN KEY ("ended_by_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mentor_checkins_member_idx" ON "mentor_checkins" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "mentor_profiles_offered_idx" ON "mentor_profiles" USING btree ("published");--> statement-breakpoint
CREATE INDEX "mentorship_messages_conversation_idx" ON "mentorship_messages" USING btree ("mentorship_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "mentorship_messages_send_idx" ON "mentorship_messages" USING btree ("mentorship_id","sender_id","client_id");--> statement-breakpoint
CREATE INDEX "mentorships_mentor_idx" ON "mentorships" USING btree ("mentor_id","status");--> statement-breakpoint
CREATE INDEX "mentorships_mentee_idx" ON "mentorships" USING btree ("mentee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "mentorships_live_pair_idx" ON "mentorships" USING btree ("mentor_id","mentee_id") WHERE "mentorships"."status" in ('requested', 'active');