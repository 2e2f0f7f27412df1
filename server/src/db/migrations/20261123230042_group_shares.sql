CREATE TYPE "public"."group_share_item" AS ENUM('journeys', 'milestones', 'checkins', 'goals');--> statement-breakpoint
CREATE TABLE "group_shares" (
	"group_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"item" "group_share_item" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_shares_group_id_member_id_item_pk" PRIMARY KEY("group_id","member_id","item")
);
--> statement-breakpoint
ALTER TABLE "group_shares" ADD CONSTRAINT "group_shares_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_shares" ADD CONSTRAINT "group_shares_membership_fk" FOREIGN KEY ("group_id","member_id") REFERENCES "public"."group_members"("group_id","member_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_shares_member_idx" ON "group_shares" USING btree ("member_id");