import { randomBytes } from "node:crypto";
import { type GroupCreate, MeetingInput } from "@kinship/contracts/directory";
import type { Db } from "../db/client.ts";
import { groupMembers, groups, organisationAdmins, organisations } from "../db/schema.ts";
import { saveMeeting } from "../features/meetings/store.ts";

/** Factories that persist real directory rows straight to the database; each takes overrides. */

export async function makeOrganisation(db: Db, opts: { adminId?: string; name?: string } = {}) {
  const name = opts.name ?? `Harbour Peers ${randomBytes(2).toString("hex")}`;
  const [org] = await db
    .insert(organisations)
    .values({ name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(2).toString("hex")}` })
    .returning();
  if (!org) throw new Error("organisation not created");
  if (opts.adminId) await db.insert(organisationAdmins).values({ organisationId: org.id, memberId: opts.adminId });
  return org;
}

export async function makeGroup(
  db: Db,
  organisationId: string,
  overrides: Partial<Omit<GroupCreate, "organisationId">> & { facilitatorId?: string } = {},
) {
  const { facilitatorId, ...fields } = overrides;
  const [group] = await db
    .insert(groups)
    .values({
      organisationId,
      name: "Evening Harbour Group",
      focus: "alcohol",
      format: "twelve_step",
      languages: ["en"],
      confidentialityAgreement: "What is said here stays here.",
      ...fields,
    })
    .returning();
  if (!group) throw new Error("group not created");
  if (facilitatorId) await addToGroup(db, group.id, facilitatorId, "facilitator");
  return group;
}

export async function addToGroup(
  db: Db,
  groupId: string,
  memberId: string,
  role: "member" | "co_facilitator" | "facilitator" = "member",
  status: "active" | "requested" = "active",
) {
  await db.insert(groupMembers).values({ groupId, memberId, role, status, agreementAcceptedAt: new Date() });
}

/** A weekly in-person meeting in London on Mondays at 19:00 unless overridden. */
export async function makeMeeting(
  db: Db,
  group: { id: string; name: string },
  overrides: Partial<MeetingInput> & { slug?: string } = {},
) {
  const { slug, ...fields } = overrides;
  const input = MeetingInput.parse({
    name: "Monday Night Hope",
    mode: "in_person",
    days: [1],
    startTime: "19:00",
    endTime: "20:00",
    timeZone: "Europe/London",
    locationName: "St Mary's Hall",
    formattedAddress: "12 Harbour Street, London, UK",
    latitude: 51.5072,
    longitude: -0.1276,
    types: ["O", "D"],
    languages: ["en"],
    ...fields,
  });
  const { row } = await saveMeeting(db, { groupId: group.id, groupName: group.name, slug }, input);
  return row;
}
