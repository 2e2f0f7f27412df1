ALTER TABLE "meeting_slots" ADD COLUMN "search" "tsvector";--> statement-breakpoint
-- Free text is matched on the slots too, so a broad word ("hope") is one index scan of one table.
CREATE OR REPLACE FUNCTION "meeting_slots_copy_meeting"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT m.group_id, m.audience, m.mode, m.latitude, m.longitude, m.types, m.search
    INTO NEW.group_id, NEW.audience, NEW.mode, NEW.latitude, NEW.longitude, NEW.types, NEW.search
    FROM meetings m WHERE m.id = NEW.meeting_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "meetings_copy_to_slots"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE meeting_slots s
     SET group_id = NEW.group_id, audience = NEW.audience, mode = NEW.mode,
         latitude = NEW.latitude, longitude = NEW.longitude, types = NEW.types, search = NEW.search
   WHERE s.meeting_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER "meetings_copy_to_slots" ON "meetings";--> statement-breakpoint
CREATE TRIGGER "meetings_copy_to_slots" AFTER UPDATE OF "group_id", "audience", "mode", "latitude", "longitude", "types", "search" ON "meetings"
  FOR EACH ROW WHEN (
    OLD.group_id IS DISTINCT FROM NEW.group_id OR OLD.audience IS DISTINCT FROM NEW.audience
    OR OLD.mode IS DISTINCT FROM NEW.mode OR OLD.latitude IS DISTINCT FROM NEW.latitude
    OR OLD.longitude IS DISTINCT FROM NEW.longitude OR OLD.types IS DISTINCT FROM NEW.types
    OR OLD.search IS DISTINCT FROM NEW.search
  ) EXECUTE FUNCTION "meetings_copy_to_slots"();--> statement-breakpoint
UPDATE "meeting_slots" s SET search = m.search FROM "meetings" m WHERE m.id = s.meeting_id;--> statement-breakpoint
CREATE INDEX "meeting_slots_search_idx" ON "meeting_slots" USING gin ("search");
