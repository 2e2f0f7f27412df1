import { inArray } from "drizzle-orm";
import type { Db } from "./client.ts";
import { organisations, safetyProfessionals, safetyResponders, safetyServices } from "./schema.ts";

/**
 * Demo safety: river (who runs Harbour) is a trained responder for Harbour and for the community, so
 * the queue has someone in it; sam_h holds a professional role (peer specialist) in Open Door; each
 * organisation recommends a few professional services. The numbers are fictional (UK 020 7946 0xxx
 * and US 555-01xx are reserved for drama), so nobody is sent to a real stranger by the demo.
 */
export async function seedDemoSafety(db: Db, ids: Map<string, string>) {
  const river = ids.get("river");
  const sam = ids.get("sam_h");
  if (!river || !sam) return;
  const orgs = await db
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.slug, ["harbour-peer-recovery", "open-door-recovery-collective", "camino-claro"]));
  const org = (slug: string) => orgs.find((o) => o.slug === slug)?.id;
  const harbour = org("harbour-peer-recovery");
  const openDoor = org("open-door-recovery-collective");
  const camino = org("camino-claro");
  if (!harbour || !openDoor || !camino) return;

  await db.insert(safetyResponders).values([
    { organisationId: harbour, memberId: river, grantedBy: river },
    { organisationId: null, memberId: river, grantedBy: null },
  ]);
  await db
    .insert(safetyProfessionals)
    .values({ organisationId: openDoor, memberId: sam, title: "Certified peer specialist", grantedBy: sam });
  await db.insert(safetyServices).values([
    {
      organisationId: harbour,
      name: "Quayside Counselling Service",
      kind: "counselling",
      description:
        "Free one-to-one counselling for people in recovery and their families, with evening slots. Self-referral by phone.",
      languages: ["en"],
      cost: "free",
      phone: "020 7946 0123",
      address: "14 Quayside Lane, London",
      country: "GB",
      createdBy: river,
    },
    {
      organisationId: harbour,
      name: "Harbour Needle and Syringe Programme",
      kind: "harm_reduction",
      description: "Clean equipment, naloxone kits and training, no questions asked. Walk in, weekdays 10:00–18:00.",
      languages: ["en"],
      cost: "free",
      phone: "020 7946 0456",
      country: "GB",
      createdBy: river,
    },
    {
      organisationId: openDoor,
      name: "Fresh Start Outpatient Program",
      kind: "treatment",
      description:
        "Intensive outpatient treatment for alcohol and opioid use, with medication for opioid use disorder.",
      languages: ["en", "es"],
      cost: "sliding_scale",
      phone: "(555) 010-4477",
      address: "Brooklyn, New York",
      country: "US",
      createdBy: sam,
    },
    {
      organisationId: camino,
      name: "Centro de Orientación Amanecer",
      kind: "counselling",
      description: "Orientación psicológica para personas en recuperación y sus familias. Primera cita gratuita.",
      languages: ["es"],
      cost: "sliding_scale",
      address: "Ciudad de México",
      country: "MX",
      createdBy: ids.get("luz") ?? null,
    },
  ]);
}
