DROP INDEX "meeting_slots_week_idx";--> statement-breakpoint
CREATE INDEX "meeting_slots_duration_idx" ON "meeting_slots" USING btree ("duration_minutes");--> statement-breakpoint
-- The finder's ordered walks (features/meetings/finder.ts, soonestFirst): by UTC week minute for
-- weekly meetings and by date for one-offs, each carrying every column the filters read, so a page
-- of a broad search is read from the index alone instead of from every matching row.
CREATE INDEX "meeting_slots_next_idx" ON "meeting_slots" USING btree ("week_start_utc")
  INCLUDE ("meeting_id", "day", "start_minute", "duration_minutes", "utc_offset_minutes", "on_date",
           "group_id", "audience", "mode", "latitude", "longitude", "types", "search");--> statement-breakpoint
CREATE INDEX "meeting_slots_one_off_idx" ON "meeting_slots" USING btree ("on_date", "start_minute")
  INCLUDE ("meeting_id", "day", "duration_minutes", "utc_offset_minutes", "week_start_utc",
           "group_id", "audience", "mode", "latitude", "longitude", "types", "search")
  WHERE "on_date" IS NOT NULL;
