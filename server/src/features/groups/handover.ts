import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

/**
 * Before a member's account is deleted, nothing they looked after is left without someone:
 * - in each group where they are the only facilitator and others remain, the longest-serving
 *   co-facilitator (else the longest-standing member) becomes facilitator;
 * - in each organisation where they are the only admin, the longest-serving facilitator of its
 *   groups becomes admin (if it has none, the organisation waits for an instance admin).
 * Leaving a group by choice still asks the last facilitator to hand over first (groups service);
 * deletion cannot ask, so it hands over this way. Returns what changed, for the tests.
 */
export async function handOverBeforeDeletion(db: Db, memberId: string) {
  const groups = await rows<{ group_id: string; member_id: string }>(
    db,
    sql`
    with lone as (
      select gm.group_id from group_members gm
      where gm.member_id = ${memberId} and gm.status = 'active' and gm.role = 'facilitator'
        and not exists (
          select 1 from group_members o
          where o.group_id = gm.group_id and o.member_id <> gm.member_id
            and o.status = 'active' and o.role = 'facilitator')
    ), heir as (
      select distinct on (o.group_id) o.group_id, o.member_id
      from group_members o join lone on lone.group_id = o.group_id
      where o.member_id <> ${memberId} and o.status = 'active'
      order by o.group_id, (o.role = 'co_facilitator') desc, o.created_at, o.member_id
    )
    update group_members gm set role = 'facilitator', updated_at = now()
    from heir where gm.group_id = heir.group_id and gm.member_id = heir.member_id
    returning gm.group_id, gm.member_id`,
  );

  const organisations = await rows<{ organisation_id: string; member_id: string }>(
    db,
    sql`
    with lone as (
      select oa.organisation_id from organisation_admins oa
      where oa.member_id = ${memberId}
        and not exists (
          select 1 from organisation_admins o
          where o.organisation_id = oa.organisation_id and o.member_id <> oa.member_id)
    ), heir as (
      select distinct on (g.organisation_id) g.organisation_id, gm.member_id
      from groups g
      join lone on lone.organisation_id = g.organisation_id
      join group_members gm on gm.group_id = g.id
      where gm.member_id <> ${memberId} and gm.status = 'active' and gm.role = 'facilitator'
      order by g.organisation_id, gm.updated_at, gm.member_id
    )
    insert into organisation_admins (organisation_id, member_id)
    select organisation_id, member_id from heir
    on conflict do nothing
    returning organisation_id, member_id`,
  );

  return {
    groups: groups.map((r) => ({ groupId: r.group_id, memberId: r.member_id })),
    organisations: organisations.map((r) => ({ organisationId: r.organisation_id, memberId: r.member_id })),
  };
}

/** The rows of a statement, on either driver. */
async function rows<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}
