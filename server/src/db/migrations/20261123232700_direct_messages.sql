CREATE TYPE "public"."conversation_kind" AS ENUM('mentorship', 'direct');--> statement-breakpoint
CREATE TYPE "public"."direct_message_allow" AS ENUM('nobody', 'partners', 'groups');--> statement-breakpoint
CREATE TABLE "direct_message_settings" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"allow" "direct_message_allow" DEFAULT 'nobody' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "mentorships_live_pair_idx";--> statement-breakpoint
ALTER TABLE "mentorships" ADD COLUMN "kind" "conversation_kind" DEFAULT 'mentorship' NOT NULL;--> statement-breakpoint
ALTER TABLE "direct_message_settings" ADD CONSTRAINT "direct_message_settings_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mentorships_direct_pair_idx" ON "mentorships" USING btree (least("mentor_id", "mentee_id"),greatest("mentor_id", "mentee_id")) WHERE "mentorships"."kind" = 'direct';--> statement-breakpoint
CREATE UNIQUE INDEX "mentorships_live_pair_idx" ON "mentorships" USING btree ("mentor_id","mentee_id") WHERE "mentorships"."status" in ('requested', 'active') and "mentorships"."kind" = 'mentorship';