import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  conductAcceptances,
  forumModerators,
  forumPosts,
  forumReports,
  forumThreads,
  groupMembers,
  groups,
  mediationMessages,
  mediations,
  memberBlocks,
  members,
  memberTrust,
  moderationActions,
  moderationAppeals,
  moderationAudit,
  moderationReports,
  organisationAdmins,
  organisationModerators,
  organisations,
} from "../../db/schema.ts";

export type ActionRow = typeof moderationActions.$inferSelect;
export type AppealRow = typeof moderationAppeals.$inferSelect;
export type ModerationReportRow = typeof moderationReports.$inferSelect;
export type MediationRow = typeof mediations.$inferSelect;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
/** The organisation of a scope: null for the public community. */
export const orgOf = (scope: string) => (scope === "community" ? null : scope);
export const scopeOf = (organisationId: string | null) => organisationId ?? "community";

/** SQL for moderation. */
export const moderationStore = {
  async memberByHandle(db: Db, handle: string) {
    const rows = await db
      .select({ id: members.id, handle: members.handle })
      .from(members)
      .where(sql`lower(${members.handle}) = ${handle.toLowerCase()}`)
      .limit(1);
    return rows[0] ?? null;
  },

  async handlesOf(db: Db, ids: (string | null)[]) {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (wanted.length === 0) return new Map<string, string>();
    const rows = await db
      .select({ id: members.id, handle: members.handle })
      .from(members)
      .where(inArray(members.id, wanted));
    return new Map(rows.map((r) => [r.id, r.handle]));
  },

  // ─── Scopes ───

  /** Where a member stands with a scope; null when the organisation does not exist. */
  async standing(db: Db, memberId: string, scope: string) {
    if (scope === "community") {
      const rows = await db.select().from(forumModerators).where(eq(forumModerators.memberId, memberId)).limit(1);
      return { moderator: rows.length > 0, admin: rows.length > 0, name: "Community" };
    }
    const result = await db.execute(sql`
      select o.name,
             exists(select 1 from organisation_admins a where a.organisation_id = o.id and a.member_id = ${memberId}) as admin,
             exists(select 1 from organisation_moderators m where m.organisation_id = o.id and m.member_id = ${memberId}) as moderator
        from organisations o where o.id = ${scope}`);
    const row = rowsOf<{ name: string; admin: boolean; moderator: boolean }>(result)[0];
    return row ? { moderator: row.moderator || row.admin, admin: row.admin, name: row.name } : null;
  },

  /**
   * Does the member belong to the scope at all? Everyone is in the community; an organisation's
   * moderators reach only people of its groups (now or before) or reported to it.
   */
  async tiedToScope(db: Db, memberId: string, scope: string) {
    if (scope === "community") return true;
    const result = await db.execute(sql`
      select exists(select 1 from group_members gm join groups g on g.id = gm.group_id
                     where g.organisation_id = ${scope} and gm.member_id = ${memberId})
          or exists(select 1 from moderation_reports r where r.organisation_id = ${scope} and r.subject_id = ${memberId})
          or exists(select 1 from moderation_actions a where a.organisation_id = ${scope} and a.member_id = ${memberId})
          as tied`);
    return rowsOf<{ tied: boolean }>(result)[0]?.tied === true;
  },

  /** Every scope the member moderates, with its open reports and appeals. */
  async scopesOf(db: Db, memberId: string) {
    const result = await db.execute(sql`
      with mine as (
        select null::uuid as org, true as admin where exists(select 1 from forum_moderators where member_id = ${memberId})
        union
        select o.id, bool_or(a.member_id is not null) from organisations o
          left join organisation_admins a on a.organisation_id = o.id and a.member_id = ${memberId}
          left join organisation_moderators m on m.organisation_id = o.id and m.member_id = ${memberId}
         where a.member_id is not null or m.member_id is not null
         group by o.id
      )
      select mine.org, mine.admin, coalesce(o.name, 'Community') as name,
        (select count(*)::int from moderation_reports r where r.organisation_id is not distinct from mine.org and r.status in ('open','reviewing'))
        + (select count(*)::int from forum_reports fr join forum_posts p on p.id = fr.post_id join forum_boards b on b.id = p.board_id
            left join groups g on g.id = b.group_id
           where fr.status in ('open','reviewing') and coalesce(b.organisation_id, g.organisation_id) is not distinct from mine.org) as open_reports,
        (select count(*)::int from moderation_appeals ap join moderation_actions ac on ac.id = ap.action_id
          where ap.status = 'open' and ac.organisation_id is not distinct from mine.org) as open_appeals
      from mine left join organisations o on o.id = mine.org
      order by mine.org nulls first, o.name`);
    return rowsOf<{ org: string | null; admin: boolean; name: string; open_reports: number; open_appeals: number }>(
      result,
    );
  },

  /** Moderators of a scope, admins first. */
  async moderatorsOf(db: Db, scope: string) {
    if (scope === "community") {
      const rows = await db
        .select({ handle: members.handle })
        .from(forumModerators)
        .innerJoin(members, eq(members.id, forumModerators.memberId))
        .orderBy(members.handle);
      return rows.map((r) => ({ handle: r.handle, admin: true }));
    }
    const result = await db.execute(sql`
      select m.handle, bool_or(src = 'admin') as admin from (
        select member_id, 'admin' as src from organisation_admins where organisation_id = ${scope}
        union all select member_id, 'moderator' from organisation_moderators where organisation_id = ${scope}
      ) x join members m on m.id = x.member_id group by m.handle order by admin desc, m.handle`);
    return rowsOf<{ handle: string; admin: boolean }>(result);
  },

  async addModerator(db: Db, scope: string, memberId: string) {
    if (scope === "community") await db.insert(forumModerators).values({ memberId }).onConflictDoNothing();
    else await db.insert(organisationModerators).values({ organisationId: scope, memberId }).onConflictDoNothing();
  },

  async removeModerator(db: Db, scope: string, memberId: string) {
    if (scope === "community") {
      const rows = await db.delete(forumModerators).where(eq(forumModerators.memberId, memberId)).returning();
      return rows.length > 0;
    }
    const rows = await db
      .delete(organisationModerators)
      .where(and(eq(organisationModerators.organisationId, scope), eq(organisationModerators.memberId, memberId)))
      .returning();
    return rows.length > 0;
  },

  async communityModeratorCount(db: Db) {
    const rows = await db.select({ n: sql<number>`count(*)::int` }).from(forumModerators);
    return Number(rows[0]?.n ?? 0);
  },

  // ─── Conduct ───

  async conductOf(db: Db, memberId: string) {
    const rows = await db.select().from(conductAcceptances).where(eq(conductAcceptances.memberId, memberId)).limit(1);
    return rows[0] ?? null;
  },

  async acceptConduct(db: Db, memberId: string, version: string) {
    const now = new Date();
    await db
      .insert(conductAcceptances)
      .values({ memberId, version, acceptedAt: now })
      .onConflictDoUpdate({ target: conductAcceptances.memberId, set: { version, acceptedAt: now } });
  },

  // ─── Reports ───

  /**
   * A room message as the reporter saw it: the room's meeting, group and organisation, the reporter's
   * seat, and the message, if it is one the reporter could read (said since they joined, to them).
   */
  async roomMessageFor(db: Db, roomId: string, seq: number, memberId: string) {
    const result = await db.execute(sql`
      select r.id as room_id, mt.name as meeting_name, g.id as group_id, g.organisation_id,
             rm.joined_seq, rm.status as seat_status,
             e.sender_id, e.payload, e.created_at, e.audience
        from rooms r
        join meetings mt on mt.id = r.meeting_id
        join groups g on g.id = mt.group_id
        join room_members rm on rm.room_id = r.id and rm.member_id = ${memberId}
        join room_events e on e.room_id = r.id and e.seq = ${seq}
       where r.id = ${roomId}`);
    return (
      rowsOf<{
        room_id: string;
        meeting_name: string;
        group_id: string;
        organisation_id: string;
        joined_seq: number;
        seat_status: string;
        sender_id: string | null;
        payload: { kind?: string; from?: string; text?: string };
        created_at: string | Date;
        audience: string;
      }>(result)[0] ?? null
    );
  },

  /** Up to `count` messages the reporter could read just before the reported one. */
  async roomContextBefore(db: Db, roomId: string, seq: number, fromSeq: number, memberId: string, count: number) {
    const result = await db.execute(sql`
      select e.seq, e.payload, e.created_at from room_events e
       where e.room_id = ${roomId} and e.seq < ${seq} and e.seq > ${fromSeq} and e.kind = 'message'
         and e.audience in ('room', 'everyone', ${memberId})
       order by e.seq desc limit ${count}`);
    return rowsOf<{ seq: number; payload: { from?: string; text?: string }; created_at: string | Date }>(
      result,
    ).reverse();
  },

  async insertReport(db: Db, values: typeof moderationReports.$inferInsert) {
    const rows = await db.insert(moderationReports).values(values).returning();
    return rows[0] as ModerationReportRow;
  },

  reportsBy(db: Db, memberId: string) {
    return db
      .select()
      .from(moderationReports)
      .where(eq(moderationReports.reporterId, memberId))
      .orderBy(desc(moderationReports.createdAt));
  },

  /** Open and in-review reports of a scope: forum posts and room messages and members, oldest first. */
  async queue(db: Db, scope: string) {
    const org = orgOf(scope);
    const result = await db.execute(sql`
      select 'post' as type, r.id, r.reason, r.status, r.created_at,
             case when p.anonymous then null else m.handle end as subject_handle, t.title as where_
        from forum_reports r
        join forum_posts p on p.id = r.post_id
        join forum_threads t on t.id = p.thread_id
        join forum_boards b on b.id = p.board_id
        left join groups g on g.id = b.group_id
        left join members m on m.id = p.author_id
       where r.status in ('open', 'reviewing')
         and coalesce(b.organisation_id, g.organisation_id) is not distinct from ${org}::uuid
      union all
      select mr.kind::text, mr.id, mr.reason, mr.status, mr.created_at, m.handle,
             coalesce(mr.meeting_name, gg.name, '')
        from moderation_reports mr
        join members m on m.id = mr.subject_id
        left join groups gg on gg.id = mr.group_id
       where mr.status in ('open', 'reviewing') and mr.organisation_id is not distinct from ${org}::uuid
       order by created_at limit 200`);
    return rowsOf<{
      type: "post" | "room_message" | "member";
      id: string;
      reason: string;
      status: string;
      created_at: string | Date;
      subject_handle: string | null;
      where_: string;
    }>(result);
  },

  /** A forum report with its post, thread, author and the scope its board belongs to. */
  async forumReport(db: Db, reportId: string) {
    const result = await db.execute(sql`
      select r.id, r.reason, r.note, r.status, r.created_at, r.post_id, p.thread_id, p.seq, p.author_id, p.anonymous,
             t.title, coalesce(b.organisation_id, g.organisation_id) as organisation_id
        from forum_reports r
        join forum_posts p on p.id = r.post_id
        join forum_threads t on t.id = p.thread_id
        join forum_boards b on b.id = p.board_id
        left join groups g on g.id = b.group_id
       where r.id = ${reportId}`);
    return (
      rowsOf<{
        id: string;
        reason: string;
        note: string;
        status: string;
        created_at: string | Date;
        post_id: string;
        thread_id: string;
        seq: number;
        author_id: string | null;
        anonymous: boolean;
        title: string;
        organisation_id: string | null;
      }>(result)[0] ?? null
    );
  },

  /** The reported post and up to three before it in its thread, with whether each is hidden. */
  async postContext(db: Db, threadId: string, seq: number) {
    const result = await db.execute(sql`
      select p.id, p.seq, p.body, p.anonymous, p.deleted_at, p.created_at, m.handle,
             exists(select 1 from moderation_actions a where a.post_id = p.id and a.kind = 'hide' and a.revoked_at is null) as hidden
        from forum_posts p left join members m on m.id = p.author_id
       where p.thread_id = ${threadId} and p.seq <= ${seq} and p.seq >= ${seq - 3}
       order by p.seq`);
    return rowsOf<{
      id: string;
      seq: number;
      body: string;
      anonymous: boolean;
      deleted_at: string | null;
      created_at: string | Date;
      handle: string | null;
      hidden: boolean;
    }>(result);
  },

  async moderationReport(db: Db, id: string) {
    const rows = await db.select().from(moderationReports).where(eq(moderationReports.id, id)).limit(1);
    return rows[0] ?? null;
  },

  /** Reports on a member's account in a scope (forum posts they wrote, room messages, the member). */
  async reportsOn(db: Db, memberId: string, scope: string) {
    const org = orgOf(scope);
    const result = await db.execute(sql`
      select 'post' as type, r.id, r.reason, r.status, r.created_at
        from forum_reports r join forum_posts p on p.id = r.post_id join forum_boards b on b.id = p.board_id
        left join groups g on g.id = b.group_id
       where p.author_id = ${memberId} and coalesce(b.organisation_id, g.organisation_id) is not distinct from ${org}::uuid
      union all
      select kind::text, id, reason, status, created_at from moderation_reports
       where subject_id = ${memberId} and organisation_id is not distinct from ${org}::uuid
      order by created_at desc limit 50`);
    return rowsOf<{
      type: "post" | "room_message" | "member";
      id: string;
      reason: string;
      status: string;
      created_at: string | Date;
    }>(result);
  },

  async setForumReportStatus(db: Db, id: string, status: "reviewing" | "resolved" | "dismissed") {
    await db.update(forumReports).set({ status, updatedAt: new Date() }).where(eq(forumReports.id, id));
  },

  async setModerationReportStatus(db: Db, id: string, status: "reviewing" | "resolved" | "dismissed") {
    await db.update(moderationReports).set({ status, updatedAt: new Date() }).where(eq(moderationReports.id, id));
  },

  // ─── Actions ───

  async insertAction(db: Db, values: typeof moderationActions.$inferInsert) {
    const rows = await db.insert(moderationActions).values(values).returning();
    return rows[0] as ActionRow;
  },

  async action(db: Db, id: string) {
    const rows = await db.select().from(moderationActions).where(eq(moderationActions.id, id)).limit(1);
    return rows[0] ?? null;
  },

  actionsOn(db: Db, memberId: string, scope: string) {
    const org = orgOf(scope);
    return db
      .select()
      .from(moderationActions)
      .where(
        and(
          eq(moderationActions.memberId, memberId),
          sql`${moderationActions.organisationId} is not distinct from ${org}::uuid`,
        ),
      )
      .orderBy(desc(moderationActions.createdAt))
      .limit(50);
  },

  async hiddenPostAction(db: Db, postId: string) {
    const rows = await db
      .select()
      .from(moderationActions)
      .where(
        and(
          eq(moderationActions.postId, postId),
          eq(moderationActions.kind, "hide"),
          sql`${moderationActions.revokedAt} is null`,
        ),
      )
      .limit(1);
    return rows[0] ?? null;
  },

  async revokeAction(db: Db, id: string) {
    await db.update(moderationActions).set({ revokedAt: new Date() }).where(eq(moderationActions.id, id));
  },

  /** Anything that changes how a post shows must bump its thread's version (thread pages are cached). */
  async bumpThreadOfPost(db: Db, postId: string) {
    await db
      .update(forumThreads)
      .set({ version: sql`${forumThreads.version} + 1` })
      .where(
        eq(forumThreads.id, sql`(select ${forumPosts.threadId} from ${forumPosts} where ${forumPosts.id} = ${postId})`),
      );
  },

  /** Actions on a member with their appeals and the post they hid, newest first. */
  async noticesOf(db: Db, memberId: string) {
    return db
      .select({
        action: moderationActions,
        appeal: moderationAppeals,
        threadId: forumPosts.threadId,
        threadTitle: forumThreads.title,
      })
      .from(moderationActions)
      .leftJoin(moderationAppeals, eq(moderationAppeals.actionId, moderationActions.id))
      .leftJoin(forumPosts, eq(forumPosts.id, moderationActions.postId))
      .leftJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
      .where(eq(moderationActions.memberId, memberId))
      .orderBy(desc(moderationActions.createdAt));
  },

  async appealOf(db: Db, actionId: string) {
    const rows = await db.select().from(moderationAppeals).where(eq(moderationAppeals.actionId, actionId)).limit(1);
    return rows[0] ?? null;
  },

  async insertAppeal(db: Db, values: typeof moderationAppeals.$inferInsert) {
    const rows = await db.insert(moderationAppeals).values(values).onConflictDoNothing().returning();
    return rows[0] ?? null;
  },

  async appeal(db: Db, id: string) {
    const rows = await db
      .select({ appeal: moderationAppeals, action: moderationActions })
      .from(moderationAppeals)
      .innerJoin(moderationActions, eq(moderationActions.id, moderationAppeals.actionId))
      .where(eq(moderationAppeals.id, id))
      .limit(1);
    return rows[0] ?? null;
  },

  openAppeals(db: Db, scope: string) {
    const org = orgOf(scope);
    return db
      .select({ appeal: moderationAppeals, action: moderationActions })
      .from(moderationAppeals)
      .innerJoin(moderationActions, eq(moderationActions.id, moderationAppeals.actionId))
      .where(
        and(
          eq(moderationAppeals.status, "open"),
          sql`${moderationActions.organisationId} is not distinct from ${org}::uuid`,
        ),
      )
      .orderBy(moderationAppeals.createdAt)
      .limit(200);
  },

  /** Decides an open appeal once; false if someone else decided it first. */
  async decideAppeal(
    db: Db,
    id: string,
    values: { status: "upheld" | "overturned"; decidedById: string; decisionNote: string },
  ) {
    const rows = await db
      .update(moderationAppeals)
      .set({ ...values, decidedAt: new Date() })
      .where(and(eq(moderationAppeals.id, id), eq(moderationAppeals.status, "open")))
      .returning();
    return rows.length > 0;
  },

  // ─── Audit ───

  auditOf(db: Db, scope: string) {
    const org = orgOf(scope);
    return db
      .select()
      .from(moderationAudit)
      .where(sql`${moderationAudit.organisationId} is not distinct from ${org}::uuid`)
      .orderBy(desc(moderationAudit.createdAt))
      .limit(500);
  },

  // ─── Trust ───

  async setTrust(db: Db, memberId: string, level: number | null, setById: string, reason: string) {
    if (level === null) {
      await db.delete(memberTrust).where(eq(memberTrust.memberId, memberId));
      return;
    }
    await db
      .insert(memberTrust)
      .values({ memberId, level, setById, reason })
      .onConflictDoUpdate({ target: memberTrust.memberId, set: { level, setById, reason, updatedAt: new Date() } });
  },

  async trustOverride(db: Db, memberId: string) {
    const rows = await db.select().from(memberTrust).where(eq(memberTrust.memberId, memberId)).limit(1);
    return rows[0] ?? null;
  },

  /** Does the member moderate any scope at all? */
  async moderatesSomewhere(db: Db, memberId: string) {
    const result = await db.execute(sql`
      select exists(select 1 from forum_moderators where member_id = ${memberId})
          or exists(select 1 from organisation_admins where member_id = ${memberId})
          or exists(select 1 from organisation_moderators where member_id = ${memberId}) as yes`);
    return !!rowsOf<{ yes: boolean }>(result)[0]?.yes;
  },

  // ─── Blocks ───

  blocksBy(db: Db, memberId: string) {
    return db
      .select({ handle: members.handle, kind: memberBlocks.kind, createdAt: memberBlocks.createdAt })
      .from(memberBlocks)
      .innerJoin(members, eq(members.id, memberBlocks.blockedId))
      .where(eq(memberBlocks.blockerId, memberId))
      .orderBy(members.handle);
  },

  async setBlock(db: Db, blockerId: string, blockedId: string, kind: "block" | "mute") {
    await db
      .insert(memberBlocks)
      .values({ blockerId, blockedId, kind })
      .onConflictDoUpdate({ target: [memberBlocks.blockerId, memberBlocks.blockedId], set: { kind } });
  },

  async removeBlock(db: Db, blockerId: string, blockedId: string) {
    await db
      .delete(memberBlocks)
      .where(and(eq(memberBlocks.blockerId, blockerId), eq(memberBlocks.blockedId, blockedId)));
  },

  // ─── Mediation ───

  /** Where a member stands with a group for mediation. */
  async mediationStanding(db: Db, memberId: string, groupId: string) {
    const result = await db.execute(sql`
      select g.organisation_id, g.name,
             exists(select 1 from group_members gm where gm.group_id = g.id and gm.member_id = ${memberId} and gm.status = 'active') as in_group,
             (exists(select 1 from organisation_admins a where a.organisation_id = g.organisation_id and a.member_id = ${memberId})
              or exists(select 1 from group_members gm join groups og on og.id = gm.group_id
                         where og.organisation_id = g.organisation_id and og.id <> g.id and gm.member_id = ${memberId}
                           and gm.status = 'active' and gm.role in ('facilitator', 'co_facilitator'))) as facilitator_elsewhere
        from groups g where g.id = ${groupId}`);
    const row = rowsOf<{ organisation_id: string; name: string; in_group: boolean; facilitator_elsewhere: boolean }>(
      result,
    )[0];
    return row
      ? {
          organisationId: row.organisation_id,
          groupName: row.name,
          inGroup: row.in_group,
          facilitatorElsewhere: row.facilitator_elsewhere,
        }
      : null;
  },

  async insertMediation(db: Db, values: typeof mediations.$inferInsert) {
    const rows = await db.insert(mediations).values(values).returning();
    return rows[0] as MediationRow;
  },

  async mediation(db: Db, id: string) {
    const rows = await db
      .select({ mediation: mediations, groupName: groups.name })
      .from(mediations)
      .innerJoin(groups, eq(groups.id, mediations.groupId))
      .where(eq(mediations.id, id))
      .limit(1);
    return rows[0] ?? null;
  },

  mediationsOf(db: Db, memberId: string) {
    return db
      .select({ mediation: mediations, groupName: groups.name })
      .from(mediations)
      .innerJoin(groups, eq(groups.id, mediations.groupId))
      .where(
        sql`${mediations.requesterId} = ${memberId} or ${mediations.otherId} = ${memberId} or ${mediations.mediatorId} = ${memberId}`,
      )
      .orderBy(desc(mediations.createdAt));
  },

  /** Open requests in organisations where the member facilitates another group or is an admin. */
  async mediationsAvailableTo(db: Db, memberId: string) {
    return db
      .select({ mediation: mediations, groupName: groups.name })
      .from(mediations)
      .innerJoin(groups, eq(groups.id, mediations.groupId))
      .where(
        and(
          eq(mediations.status, "open"),
          sql`${mediations.requesterId} <> ${memberId} and ${mediations.otherId} <> ${memberId}`,
          sql`not exists(select 1 from ${groupMembers} gm where gm.group_id = ${mediations.groupId} and gm.member_id = ${memberId} and gm.status = 'active')`,
          sql`(exists(select 1 from ${organisationAdmins} a where a.organisation_id = ${mediations.organisationId} and a.member_id = ${memberId})
               or exists(select 1 from group_members gm join groups og on og.id = gm.group_id
                          where og.organisation_id = ${mediations.organisationId} and og.id <> ${mediations.groupId}
                            and gm.member_id = ${memberId} and gm.status = 'active' and gm.role in ('facilitator', 'co_facilitator')))`,
        ),
      )
      .orderBy(mediations.createdAt);
  },

  /** Takes an open mediation; false if someone else took it first. */
  async takeMediation(db: Db, id: string, mediatorId: string) {
    const rows = await db
      .update(mediations)
      .set({ status: "active", mediatorId, openedAt: new Date() })
      .where(and(eq(mediations.id, id), eq(mediations.status, "open")))
      .returning();
    return rows.length > 0;
  },

  async closeMediation(db: Db, id: string, outcome: string) {
    await db.update(mediations).set({ status: "closed", outcome, closedAt: new Date() }).where(eq(mediations.id, id));
  },

  mediationMessagesOf(db: Db, id: string) {
    return db
      .select({
        id: mediationMessages.id,
        body: mediationMessages.body,
        createdAt: mediationMessages.createdAt,
        from: members.handle,
      })
      .from(mediationMessages)
      .leftJoin(members, eq(members.id, mediationMessages.authorId))
      .where(eq(mediationMessages.mediationId, id))
      .orderBy(mediationMessages.createdAt);
  },

  async insertMediationMessage(db: Db, values: typeof mediationMessages.$inferInsert) {
    await db.insert(mediationMessages).values(values);
  },

  organisationName: async (db: Db, id: string) =>
    (await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)))[0]?.name ??
    null,
};
