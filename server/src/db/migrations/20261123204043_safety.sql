CREATE TYPE "public"."safety_alert_status" AS ENUM('open', 'claimed', 'closed');--> statement-breakpoint
CREATE TABLE "safety_alert_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_alert_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"sender_id" uuid,
	"from_responder" boolean NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"author_id" uuid NOT NULL,
	"author_hidden" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"place" text NOT NULL,
	"link" text,
	"severity" text NOT NULL,
	"category" text NOT NULL,
	"rule" text NOT NULL,
	"excerpt" text,
	"status" "safety_alert_status" DEFAULT 'open' NOT NULL,
	"claimed_by" uuid,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "safety_post_reviews" (
	"post_id" uuid PRIMARY KEY NOT NULL,
	"mark" text NOT NULL,
	"note" text NOT NULL,
	"reviewer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_professionals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"member_id" uuid NOT NULL,
	"title" text NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_responders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"member_id" uuid NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"cost" text NOT NULL,
	"phone" text,
	"url" text,
	"address" text,
	"country" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "safety_alert_events" ADD CONSTRAINT "safety_alert_events_alert_id_safety_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."safety_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert_events" ADD CONSTRAINT "safety_alert_events_actor_id_members_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert_messages" ADD CONSTRAINT "safety_alert_messages_alert_id_safety_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."safety_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert_messages" ADD CONSTRAINT "safety_alert_messages_sender_id_members_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_author_id_members_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_claimed_by_members_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_post_reviews" ADD CONSTRAINT "safety_post_reviews_post_id_forum_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."forum_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_post_reviews" ADD CONSTRAINT "safety_post_reviews_reviewer_id_members_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_professionals" ADD CONSTRAINT "safety_professionals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_professionals" ADD CONSTRAINT "safety_professionals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_professionals" ADD CONSTRAINT "safety_professionals_granted_by_members_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_responders" ADD CONSTRAINT "safety_responders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_responders" ADD CONSTRAINT "safety_responders_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_responders" ADD CONSTRAINT "safety_responders_granted_by_members_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_services" ADD CONSTRAINT "safety_services_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_services" ADD CONSTRAINT "safety_services_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "safety_alert_events_alert_idx" ON "safety_alert_events" USING btree ("alert_id","at");--> statement-breakpoint
CREATE INDEX "safety_alert_messages_alert_idx" ON "safety_alert_messages" USING btree ("alert_id","created_at");--> statement-breakpoint
CREATE INDEX "safety_alerts_queue_idx" ON "safety_alerts" USING btree ("organisation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "safety_alerts_author_idx" ON "safety_alerts" USING btree ("author_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_professionals_scope_member_idx" ON "safety_professionals" USING btree (coalesce("organisation_id", '00000000-0000-0000-0000-000000000000'::uuid),"member_id");--> statement-breakpoint
CREATE INDEX "safety_professionals_member_idx" ON "safety_professionals" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_responders_scope_member_idx" ON "safety_responders" USING btree (coalesce("organisation_id", '00000000-0000-0000-0000-000000000000'::uuid),"member_id");--> statement-breakpoint
CREATE INDEX "safety_responders_member_idx" ON "safety_responders" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "safety_services_org_idx" ON "safety_services" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "safety_services_kind_idx" ON "safety_services" USING btree ("kind");