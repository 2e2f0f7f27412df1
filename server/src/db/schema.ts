import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const visibility = pgEnum("visibility", ["private", "mentor", "group", "public"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** A member's account and profile. Every profile field has its own visibility, private by default. */
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    handle: text("handle").notNull(),
    passphraseHash: text("passphrase_hash").notNull(),
    email: text("email"),
    displayName: text("display_name"),
    displayNameVisibility: visibility("display_name_visibility").notNull().default("private"),
    pronouns: text("pronouns"),
    pronounsVisibility: visibility("pronouns_visibility").notNull().default("private"),
    recoveryFocus: text("recovery_focus"),
    recoveryFocusVisibility: visibility("recovery_focus_visibility").notNull().default("private"),
    timeZone: text("time_zone"),
    timeZoneVisibility: visibility("time_zone_visibility").notNull().default("private"),
    language: text("language"),
    languageVisibility: visibility("language_visibility").notNull().default("private"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("members_handle_lower_idx").on(sql`lower(${t.handle})`)],
);

/** Server-side sessions; only a SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    device: text("device").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_member_idx").on(t.memberId)],
);

/** Who viewed which sensitive record of a member (never its content); the member reads it. */
export const accessLog = pgTable(
  "access_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    viewerId: uuid("viewer_id").references(() => members.id, { onDelete: "set null" }),
    viewerRole: text("viewer_role").notNull(),
    recordType: text("record_type").notNull(),
    recordId: text("record_id"),
    reason: text("reason").notNull(),
    viewedAt: timestamp("viewed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("access_log_member_idx").on(t.memberId, t.viewedAt)],
);

/** Facts about this installation, such as whether the demo content was loaded once. */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
