ALTER TABLE "meeting_slots" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "meeting_slots" ADD COLUMN "audience" "meeting_audience";--> statement-breakpoint
ALTER TABLE "meeting_slots" ADD COLUMN "mode" "meeting_mode";--> statement-breakpoint
ALTER TABLE "meeting_slots" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "meeting_slots" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "meeting_slots" ADD COLUMN "types" text[];--> statement-breakpoint
CREATE INDEX "meeting_slots_mode_week_idx" ON "meeting_slots" USING btree ("mode","week_start_utc");--> statement-breakpoint
CREATE INDEX "meeting_slots_location_idx" ON "meeting_slots" USING btree ("latitude","longitude");--> statement-breakpoint
-- The finder filters meeting_slots alone: each slot carries a copy of its meeting's group, audience,
-- mode, place and types. Triggers keep the copies, so no writer (the app, an import, a seed script)
-- can forget them; a slot whose copy is missing has a null audience and is shown to no one.
CREATE FUNCTION "meeting_slots_copy_meeting"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT m.group_id, m.audience, m.mode, m.latitude, m.longitude, m.types
    INTO NEW.group_id, NEW.audience, NEW.mode, NEW.latitude, NEW.longitude, NEW.types
    FROM meetings m WHERE m.id = NEW.meeting_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "meeting_slots_copy_meeting" BEFORE INSERT OR UPDATE OF "meeting_id" ON "meeting_slots"
  FOR EACH ROW EXECUTE FUNCTION "meeting_slots_copy_meeting"();--> statement-breakpoint
CREATE FUNCTION "meetings_copy_to_slots"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE meeting_slots s
     SET group_id = NEW.group_id, audience = NEW.audience, mode = NEW.mode,
         latitude = NEW.latitude, longitude = NEW.longitude, types = NEW.types
   WHERE s.meeting_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "meetings_copy_to_slots" AFTER UPDATE OF "group_id", "audience", "mode", "latitude", "longitude", "types" ON "meetings"
  FOR EACH ROW WHEN (
    OLD.group_id IS DISTINCT FROM NEW.group_id OR OLD.audience IS DISTINCT FROM NEW.audience
    OR OLD.mode IS DISTINCT FROM NEW.mode OR OLD.latitude IS DISTINCT FROM NEW.latitude
    OR OLD.longitude IS DISTINCT FROM NEW.longitude OR OLD.types IS DISTINCT FROM NEW.types
  ) EXECUTE FUNCTION "meetings_copy_to_slots"();--> statement-breakpoint
UPDATE "meeting_slots" s
   SET group_id = m.group_id, audience = m.audience, mode = m.mode,
       latitude = m.latitude, longitude = m.longitude, types = m.types
  FROM "meetings" m
 WHERE m.id = s.meeting_id;
