import { randomBytes } from "node:crypto";
import type { OrganisationCreate, OrganisationUpdate } from "@kinship/contracts/directory";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, NotFound } from "../../platform/errors.ts";
import { isOrganisationAdmin } from "./access.ts";
import { canEditOrganisation, canManageOrganisationAdmins, canSeeOrganisationAdmins } from "./policy.ts";
import { presentAdmin, presentOrganisation } from "./presenters.ts";
import { groupsStore as store } from "./store.ts";

const NO_ORGANISATION = "There's no such organisation.";
const ADMINS_ONLY = "Only the organisation's admins can do that.";

/** A readable URL name from an organisation's name: "Harbour Peers" → "harbour-peers". */
export function organisationSlug(name: string) {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60)
    .replace(/-$/, "");
  return base || "organisation";
}

/** Organisations and their admins. */
export function createOrganisationsService({ db }: { db: Db }) {
  async function found(actor: Actor | null, id: string) {
    const row = await store.findOrganisation(db, id, actor?.memberId ?? null);
    if (!row) throw new NotFound(NO_ORGANISATION);
    return row;
  }

  async function requireAdmin(actor: Actor, id: string, allowed: (isAdmin: boolean) => boolean) {
    const row = await found(actor, id);
    if (!allowed(row.viewerIsAdmin)) throw new Forbidden(ADMINS_ONLY);
    return row;
  }

  return {
    /** Creates the organisation with a unique slug; its creator becomes its first admin. */
    async create(actor: Actor, input: OrganisationCreate) {
      const base = organisationSlug(input.name);
      const id = await db.transaction(async (tx) => {
        const candidates = [base, `${base}-2`, `${base}-3`];
        for (let attempt = 0; attempt < 8; attempt++) {
          const slug = candidates[attempt] ?? `${base}-${randomBytes(3).toString("hex")}`;
          const org = await store.insertOrganisation(tx, {
            slug,
            name: input.name,
            kind: input.kind,
            description: input.description,
            website: input.website ?? null,
          });
          if (!org) continue;
          await store.insertAdmin(tx, org.id, actor.memberId);
          return org.id;
        }
        throw new Conflict("We couldn't find a free web address for that name. Please try a different name.", "name");
      });
      return this.get(actor, id);
    },

    async list(actor: Actor | null) {
      const rows = await store.listOrganisations(db, actor?.memberId ?? null);
      return { items: rows.map((r) => presentOrganisation(r.organisation, r.groupCount, r.viewerIsAdmin)) };
    },

    async get(actor: Actor | null, id: string) {
      const row = await found(actor, id);
      return presentOrganisation(row.organisation, row.groupCount, row.viewerIsAdmin);
    },

    /** Changes the details; the slug stays, so links to the organisation keep working. */
    async update(actor: Actor, id: string, changes: OrganisationUpdate) {
      await requireAdmin(actor, id, canEditOrganisation);
      if (Object.keys(changes).length > 0) await store.updateOrganisation(db, id, changes);
      return this.get(actor, id);
    },

    async admins(actor: Actor, id: string) {
      await requireAdmin(actor, id, canSeeOrganisationAdmins);
      return { items: (await store.listAdmins(db, id)).map(presentAdmin) };
    },

    async addAdmin(actor: Actor, id: string, handle: string) {
      await requireAdmin(actor, id, canManageOrganisationAdmins);
      const member = await store.memberIdByHandle(db, handle);
      if (!member) throw new NotFound("There's no member with that handle.");
      const added = await store.insertAdmin(db, id, member.id);
      if (!added) throw new Conflict(`${member.handle} is already an admin here.`, "handle");
      return presentAdmin({ handle: member.handle, since: added.createdAt });
    },

    /** Removes an admin (themselves included), but never the last one: someone must look after it. */
    async removeAdmin(actor: Actor, id: string, handle: string) {
      await requireAdmin(actor, id, canManageOrganisationAdmins);
      const member = await store.memberIdByHandle(db, handle);
      await db.transaction(async (tx) => {
        await store.lockOrganisation(tx, id);
        const admins = await store.listAdmins(tx, id);
        if (!member || !admins.some((a) => a.memberId === member.id)) {
          throw new NotFound("That member isn't an admin of this organisation.");
        }
        if (admins.length === 1) {
          throw new Conflict(
            "An organisation needs at least one admin. Please add another admin before this one steps down.",
          );
        }
        await store.deleteAdmin(tx, id, member.id);
      });
    },

    isAdmin: (actor: Actor | null, organisationId: string) => isOrganisationAdmin(db, actor, organisationId),
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
