import { and, desc, eq, gt, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { members, sessions } from "../../db/schema.ts";

export type MemberRow = typeof members.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type MemberChanges = Partial<Omit<typeof members.$inferInsert, "id" | "createdAt">>;

/** SQL for accounts: members and their sessions. */
export const accountsStore = {
  findMemberByHandle(db: Db, handle: string) {
    return db.query.members.findFirst({ where: sql`lower(${members.handle}) = ${handle.toLowerCase()}` });
  },

  findMemberById(db: Db, id: string) {
    return db.query.members.findFirst({ where: eq(members.id, id) });
  },

  /** Inserts the member, or returns null when the handle is taken (whatever its case). */
  async insertMember(db: Db, values: { handle: string; passphraseHash: string }) {
    const rows = await db.insert(members).values(values).onConflictDoNothing().returning();
    return rows[0] ?? null;
  },

  async updateMember(db: Db, id: string, changes: MemberChanges) {
    const rows = await db
      .update(members)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(members.id, id))
      .returning();
    return rows[0];
  },

  /** Deletes the member; sessions and their own access log go with them (ON DELETE CASCADE). */
  async deleteMember(db: Db, id: string) {
    await db.delete(members).where(eq(members.id, id));
  },

  async insertSession(db: Db, values: typeof sessions.$inferInsert) {
    const rows = await db.insert(sessions).values(values).returning();
    return rows[0] as SessionRow;
  },

  /** The live session for a token hash, with its member's handle. */
  async findLiveSession(db: Db, tokenHash: string, idleSince: Date) {
    const rows = await db
      .select({ session: sessions, handle: members.handle })
      .from(sessions)
      .innerJoin(members, eq(members.id, sessions.memberId))
      .where(
        and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date()), gt(sessions.lastSeenAt, idleSince)),
      )
      .limit(1);
    return rows[0] ?? null;
  },

  async touchSession(db: Db, id: string) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  },

  listSessions(db: Db, memberId: string) {
    return db.select().from(sessions).where(eq(sessions.memberId, memberId)).orderBy(desc(sessions.lastSeenAt));
  },

  /** Deletes one of the member's sessions; false if there was no such session of theirs. */
  async deleteSession(db: Db, memberId: string, sessionId: string) {
    const rows = await db
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.memberId, memberId)))
      .returning({ id: sessions.id });
    return rows.length > 0;
  },

  async deleteSessionByTokenHash(db: Db, tokenHash: string) {
    const rows = await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ id: sessions.id });
    return rows[0]?.id ?? null;
  },

  /** Ends every session of the member, or every one but `keep`. Returns the ended ids. */
  async deleteSessionsOf(db: Db, memberId: string, keep?: string) {
    const where = keep ? and(eq(sessions.memberId, memberId), ne(sessions.id, keep)) : eq(sessions.memberId, memberId);
    const rows = await db.delete(sessions).where(where).returning({ id: sessions.id });
    return rows.map((r) => r.id);
  },

  async deleteExpiredSessions(db: Db, idleSince: Date) {
    await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleSince)));
  },
};
