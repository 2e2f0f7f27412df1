CREATE TYPE "public"."attend_mode" AS ENUM('participant', 'listener');--> statement-breakpoint
CREATE TYPE "public"."keep_messages" AS ENUM('meeting', 'reconnect');--> statement-breakpoint
CREATE TYPE "public"."room_entry" AS ENUM('open', 'lobby', 'members');--> statement-breakpoint
CREATE TYPE "public"."room_member_status" AS ENUM('lobby', 'admitted');--> statement-breakpoint
CREATE TYPE "public"."room_role" AS ENUM('facilitator', 'greeter', 'participant');--> statement-breakpoint
CREATE TYPE "public"."room_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TABLE "room_connections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"node" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_events" (
	"room_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"audience" text NOT NULL,
	"sender_id" uuid,
	"client_id" text,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_events_room_id_seq_pk" PRIMARY KEY("room_id","seq")
);
--> statement-breakpoint
CREATE TABLE "room_group_settings" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"keep_messages" "keep_messages" DEFAULT 'meeting' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_members" (
	"room_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"status" "room_member_status" NOT NULL,
	"role" "room_role" DEFAULT 'participant' NOT NULL,
	"mode" "attend_mode" DEFAULT 'participant' NOT NULL,
	"muted" boolean DEFAULT false NOT NULL,
	"hand_raised_at" timestamp with time zone,
	"joined_seq" integer DEFAULT 0 NOT NULL,
	"waiting_since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_members_room_id_member_id_pk" PRIMARY KEY("room_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "room_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_removals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"removed_by_id" uuid,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_settings" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"entry" "room_entry" DEFAULT 'lobby' NOT NULL,
	"cross_talk" boolean DEFAULT false NOT NULL,
	"share_seconds" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"occurs_on" date NOT NULL,
	"status" "room_status" DEFAULT 'open' NOT NULL,
	"entry" "room_entry" NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"cross_talk" boolean DEFAULT false NOT NULL,
	"share_seconds" integer DEFAULT 0 NOT NULL,
	"keep_messages" "keep_messages" DEFAULT 'meeting' NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"floor_member_id" uuid,
	"floor_started_at" timestamp with time zone,
	"floor_ends_at" timestamp with time zone,
	"opened_by_id" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "room_connections" ADD CONSTRAINT "room_connections_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_connections" ADD CONSTRAINT "room_connections_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_events" ADD CONSTRAINT "room_events_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_events" ADD CONSTRAINT "room_events_sender_id_members_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_group_settings" ADD CONSTRAINT "room_group_settings_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_members" ADD CONSTRAINT "room_members_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_members" ADD CONSTRAINT "room_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_readings" ADD CONSTRAINT "room_readings_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_removals" ADD CONSTRAINT "room_removals_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_removals" ADD CONSTRAINT "room_removals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_removals" ADD CONSTRAINT "room_removals_removed_by_id_members_id_fk" FOREIGN KEY ("removed_by_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_settings" ADD CONSTRAINT "room_settings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_floor_member_id_members_id_fk" FOREIGN KEY ("floor_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_opened_by_id_members_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_connections_room_idx" ON "room_connections" USING btree ("room_id","member_id");--> statement-breakpoint
CREATE INDEX "room_connections_node_idx" ON "room_connections" USING btree ("node");--> statement-breakpoint
CREATE UNIQUE INDEX "room_events_send_idx" ON "room_events" USING btree ("room_id","sender_id","client_id") WHERE "room_events"."client_id" is not null;--> statement-breakpoint
CREATE INDEX "room_events_created_idx" ON "room_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "room_members_member_idx" ON "room_members" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "room_members_queue_idx" ON "room_members" USING btree ("room_id","hand_raised_at");--> statement-breakpoint
CREATE INDEX "room_readings_group_idx" ON "room_readings" USING btree ("group_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "room_removals_room_member_idx" ON "room_removals" USING btree ("room_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_meeting_occurrence_idx" ON "rooms" USING btree ("meeting_id","occurs_on");--> statement-breakpoint
CREATE INDEX "rooms_open_ends_idx" ON "rooms" USING btree ("ends_at") WHERE "rooms"."status" = 'open';