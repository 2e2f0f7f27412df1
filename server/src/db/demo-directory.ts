import type { GroupCreate, MeetingInput } from "@kinship/contracts/directory";
import { MeetingInput as MeetingSchema } from "@kinship/contracts/directory";
import { saveMeeting } from "../features/meetings/store.ts";
import type { Db } from "./client.ts";
import { groupMembers, groups, organisationAdmins, organisations } from "./schema.ts";

type DemoMeeting = Partial<MeetingInput> &
  Pick<MeetingInput, "name" | "mode" | "startTime" | "timeZone"> & { slug: string };
type DemoGroup = Omit<GroupCreate, "organisationId" | "description" | "guidelines" | "membership" | "languages"> &
  Partial<GroupCreate> & {
    people: Record<string, "member" | "co_facilitator" | "facilitator" | "requested">;
    meetings: DemoMeeting[];
  };
type DemoOrganisation = {
  slug: string;
  name: string;
  kind: "peer_run" | "clinic";
  description: string;
  website?: string;
  admins: string[];
  groups: DemoGroup[];
};

const AGREEMENT =
  "Who you see here, what is said here, when you leave here, let it stay here. I will not share anyone's name or story outside the group.";
const AGREEMENT_ES =
  "Lo que se ve aquí, lo que se dice aquí, se queda aquí. No compartiré el nombre ni la historia de nadie fuera del grupo.";

/** Demo organisations, groups and meetings in several cities and zones, so the finder is worth exploring. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    slug: "harbour-peer-recovery",
    name: "Harbour Peer Recovery Network",
    kind: "peer_run",
    description:
      "A peer-run network of recovery groups across the UK and Ireland. Everyone here has been where you are; nobody here is a professional.",
    admins: ["river"],
    groups: [
      {
        name: "Evening Harbour Group",
        description:
          "A warm, open discussion group for anyone who wants to stop drinking. Newcomers are always welcome.",
        focus: "alcohol",
        format: "twelve_step",
        languages: ["en"],
        guidelines: "Share from your own experience. No cross-talk. Phones on silent.",
        confidentialityAgreement: AGREEMENT,
        people: { river: "facilitator", sam_h: "member" },
        meetings: [
          {
            slug: "monday-night-hope-london",
            name: "Monday Night Hope",
            mode: "in_person",
            days: [1, 4],
            startTime: "19:00",
            endTime: "20:30",
            timeZone: "Europe/London",
            locationName: "St Mary's Church Hall",
            formattedAddress: "12 Harbour Street, London E1 6AA, UK",
            region: "East London",
            latitude: 51.5155,
            longitude: -0.0722,
            locationNotes: "Side door on the left; the hall is up one short ramp.",
            types: ["O", "D", "BE", "X"],
            languages: ["en"],
          },
          {
            slug: "saturday-morning-step-study-london",
            name: "Saturday Morning Step Study",
            mode: "hybrid",
            days: [6],
            startTime: "10:00",
            endTime: "11:00",
            timeZone: "Europe/London",
            locationName: "Canal Side Community Centre",
            formattedAddress: "3 Wharf Road, London N1 7GR, UK",
            region: "Islington",
            latitude: 51.5326,
            longitude: -0.0969,
            conferenceUrl: "https://meet.example.org/saturday-step-study",
            linkAudience: "signed_in",
            types: ["C", "ST", "XB"],
            languages: ["en"],
          },
        ],
      },
      {
        name: "Northern Lights SMART Recovery",
        description: "Practical tools for change, SMART style: motivation, urges, thoughts and balance.",
        focus: "narcotics",
        format: "smart",
        languages: ["en"],
        confidentialityAgreement: AGREEMENT,
        people: { river: "co_facilitator" },
        meetings: [
          {
            slug: "manchester-smart-tuesday",
            name: "Tuesday Tools for Change",
            mode: "in_person",
            days: [2],
            startTime: "18:30",
            endTime: "20:00",
            timeZone: "Europe/London",
            locationName: "Ancoats Library, Room 2",
            formattedAddress: "25 Great Ancoats Street, Manchester M4 5AB, UK",
            region: "Manchester",
            latitude: 53.4839,
            longitude: -2.2285,
            types: ["O", "D", "A"],
            languages: ["en"],
          },
          {
            slug: "edinburgh-smart-thursday",
            name: "Thursday SMART Circle",
            mode: "in_person",
            days: [4],
            startTime: "19:30",
            endTime: "21:00",
            timeZone: "Europe/London",
            locationName: "Leith Community Hub",
            formattedAddress: "8 Great Junction Street, Edinburgh EH6 5LA, UK",
            region: "Edinburgh",
            latitude: 55.9727,
            longitude: -3.1724,
            types: ["O", "A", "X"],
            languages: ["en"],
          },
        ],
      },
      {
        name: "Dublin Women in Recovery",
        description: "A women's meeting for recovery from any substance. Child-friendly on Sundays.",
        focus: "alcohol",
        format: "open_discussion",
        languages: ["en"],
        confidentialityAgreement: AGREEMENT,
        people: {},
        meetings: [
          {
            slug: "dublin-women-sunday",
            name: "Sunday Women's Circle",
            mode: "in_person",
            days: [0],
            startTime: "11:00",
            endTime: "12:15",
            timeZone: "Europe/Dublin",
            locationName: "Liberties Family Resource Centre",
            formattedAddress: "40 Thomas Street, Dublin D08 W3K6, Ireland",
            region: "Dublin 8",
            latitude: 53.3434,
            longitude: -6.2804,
            types: ["W", "CF", "D", "O"],
            languages: ["en"],
          },
        ],
      },
      {
        name: "Family & Friends Circle",
        description:
          "For people who love someone in addiction. A closed group: ask to join and a facilitator will reply.",
        focus: "family_friends",
        format: "open_discussion",
        membership: "closed",
        languages: ["en"],
        confidentialityAgreement: AGREEMENT,
        people: { river: "facilitator", sam_h: "requested" },
        meetings: [
          {
            slug: "family-friends-online-wednesday",
            name: "Wednesday Family Circle (online)",
            mode: "online",
            days: [3],
            startTime: "20:00",
            endTime: "21:00",
            timeZone: "Europe/London",
            conferenceUrl: "https://meet.example.org/family-circle",
            linkAudience: "admitted",
            types: ["C", "D"],
            languages: ["en"],
          },
          {
            slug: "family-friends-members-catch-up",
            name: "Members' catch-up",
            audience: "members",
            mode: "online",
            days: [5],
            startTime: "12:30",
            endTime: "13:00",
            timeZone: "Europe/London",
            conferenceUrl: "https://meet.example.org/family-catch-up",
            linkAudience: "admitted",
            types: ["C"],
            languages: ["en"],
          },
        ],
      },
    ],
  },
  {
    slug: "open-door-recovery-collective",
    name: "Open Door Recovery Collective",
    kind: "peer_run",
    description: "Peer-led meetings in North America, in person and online, for every path to recovery.",
    admins: ["sam_h"],
    groups: [
      {
        name: "Brooklyn Fresh Start",
        description: "Open discussion for people in recovery from alcohol and drugs. Coffee is on us.",
        focus: "narcotics",
        format: "twelve_step",
        languages: ["en", "es"],
        confidentialityAgreement: AGREEMENT,
        people: { sam_h: "facilitator", luz: "member" },
        meetings: [
          {
            slug: "brooklyn-fresh-start-daily",
            name: "Fresh Start at Noon",
            mode: "in_person",
            days: [1, 2, 3, 4, 5],
            startTime: "12:00",
            endTime: "13:00",
            timeZone: "America/New_York",
            locationName: "Atlantic Avenue Community Room",
            formattedAddress: "450 Atlantic Avenue, Brooklyn, NY 11217, USA",
            region: "Brooklyn",
            latitude: 40.6862,
            longitude: -73.9822,
            types: ["O", "D", "BE", "X"],
            languages: ["en"],
          },
        ],
      },
      {
        name: "Chance to Change (Gambling)",
        description: "For anyone whose gambling has stopped being fun. Online, so you can join from anywhere.",
        focus: "gambling",
        format: "secular",
        languages: ["en"],
        confidentialityAgreement: AGREEMENT,
        people: { sam_h: "facilitator", river: "member" },
        meetings: [
          {
            slug: "chance-to-change-online",
            name: "Chance to Change",
            mode: "online",
            days: [0, 3],
            startTime: "21:00",
            endTime: "22:00",
            timeZone: "America/New_York",
            conferenceUrl: "https://meet.example.org/chance-to-change",
            conferencePhone: "+1 555 0100 200",
            linkAudience: "signed_in",
            types: ["O", "A", "D"],
            languages: ["en"],
          },
        ],
      },
      {
        name: "Lakeside Dharma Recovery",
        description: "Meditation and inquiry on a Buddhist-inspired path of recovery from all addictions.",
        focus: "other",
        format: "recovery_dharma",
        languages: ["en"],
        confidentialityAgreement: AGREEMENT,
        people: {},
        meetings: [
          {
            slug: "chicago-dharma-monday",
            name: "Monday Sit and Share",
            mode: "hybrid",
            days: [1],
            startTime: "18:00",
            endTime: "19:15",
            timeZone: "America/Chicago",
            locationName: "Lakeview Meditation Space",
            formattedAddress: "3220 N Broadway, Chicago, IL 60657, USA",
            region: "Chicago",
            latitude: 41.9399,
            longitude: -87.6446,
            conferenceUrl: "https://meet.example.org/lakeside-dharma",
            linkAudience: "public",
            types: ["MED", "O", "11"],
            languages: ["en"],
          },
          {
            slug: "toronto-dharma-saturday",
            name: "Saturday Morning Dharma",
            mode: "in_person",
            days: [6],
            startTime: "09:30",
            endTime: "11:00",
            timeZone: "America/Toronto",
            locationName: "Annex Friends House",
            formattedAddress: "60 Lowther Avenue, Toronto, ON M5R 1C7, Canada",
            region: "Toronto",
            latitude: 43.6707,
            longitude: -79.3996,
            types: ["MED", "O"],
            languages: ["en"],
          },
          {
            slug: "san-francisco-dharma-wednesday",
            name: "Mission Street Sangha",
            mode: "in_person",
            days: [3],
            startTime: "19:00",
            endTime: "20:30",
            timeZone: "America/Los_Angeles",
            locationName: "Mission Neighborhood Centre",
            formattedAddress: "362 Capp Street, San Francisco, CA 94110, USA",
            region: "San Francisco",
            latitude: 37.7641,
            longitude: -122.4177,
            types: ["MED", "O", "LGBTQ"],
            languages: ["en"],
          },
        ],
      },
      {
        name: "Co-occurring Voices",
        description: "Recovery from addiction alongside depression, anxiety or other mental health conditions.",
        focus: "mental_health",
        format: "open_discussion",
        languages: ["en"],
        confidentialityAgreement: AGREEMENT,
        people: { sam_h: "co_facilitator" },
        meetings: [
          {
            slug: "co-occurring-voices-online",
            name: "Both Sides of the Story",
            mode: "online",
            days: [2, 5],
            startTime: "17:00",
            endTime: "18:00",
            timeZone: "America/Los_Angeles",
            conferenceUrl: "https://meet.example.org/both-sides",
            linkAudience: "signed_in",
            types: ["DD", "O", "D"],
            languages: ["en"],
          },
        ],
      },
    ],
  },
  {
    slug: "camino-claro",
    name: "Clínica Camino Claro",
    kind: "clinic",
    description:
      "Una clínica comunitaria que acoge grupos de apoyo entre pares en español, presenciales y en línea. Peer support groups in Spanish.",
    admins: ["luz"],
    groups: [
      {
        name: "Grupo Amanecer",
        description: "Un grupo abierto de apoyo mutuo para dejar el alcohol y otras sustancias. Todos son bienvenidos.",
        focus: "alcohol",
        format: "twelve_step",
        languages: ["es"],
        guidelines: "Hablamos desde nuestra propia experiencia. Sin consejos no pedidos.",
        confidentialityAgreement: AGREEMENT_ES,
        people: { luz: "facilitator" },
        meetings: [
          {
            slug: "amanecer-ciudad-de-mexico",
            name: "Amanecer Roma Norte",
            mode: "in_person",
            days: [1, 3, 5],
            startTime: "19:00",
            endTime: "20:30",
            timeZone: "America/Mexico_City",
            locationName: "Casa de la Comunidad",
            formattedAddress: "Calle Orizaba 101, Roma Norte, 06700 Ciudad de México, CDMX, México",
            region: "Ciudad de México",
            latitude: 19.4194,
            longitude: -99.1617,
            types: ["O", "D", "S", "BE"],
            languages: ["es"],
          },
          {
            slug: "amanecer-madrid",
            name: "Amanecer Lavapiés",
            mode: "in_person",
            days: [2],
            startTime: "20:00",
            endTime: "21:30",
            timeZone: "Europe/Madrid",
            locationName: "Centro Cívico Lavapiés",
            formattedAddress: "Calle del Ave María 10, 28012 Madrid, España",
            region: "Madrid",
            latitude: 40.4087,
            longitude: -3.7013,
            types: ["O", "S", "X"],
            languages: ["es"],
          },
        ],
      },
      {
        name: "Mujeres en Camino",
        description: "Un espacio seguro para mujeres en recuperación, en línea desde cualquier país.",
        focus: "narcotics",
        format: "open_discussion",
        languages: ["es"],
        confidentialityAgreement: AGREEMENT_ES,
        people: { luz: "facilitator" },
        meetings: [
          {
            slug: "mujeres-en-camino-en-linea",
            name: "Mujeres en Camino (en línea)",
            mode: "online",
            days: [4],
            startTime: "20:00",
            endTime: "21:00",
            timeZone: "America/Argentina/Buenos_Aires",
            conferenceUrl: "https://meet.example.org/mujeres-en-camino",
            linkAudience: "signed_in",
            types: ["W", "S", "C"],
            languages: ["es"],
          },
          {
            slug: "mujeres-en-camino-buenos-aires",
            name: "Mujeres en Camino Palermo",
            mode: "hybrid",
            days: [6],
            startTime: "17:00",
            endTime: "18:30",
            timeZone: "America/Argentina/Buenos_Aires",
            locationName: "Centro Cultural Palermo",
            formattedAddress: "Av. Santa Fe 3500, C1425 Buenos Aires, Argentina",
            region: "Buenos Aires",
            latitude: -34.5875,
            longitude: -58.4131,
            conferenceUrl: "https://meet.example.org/mujeres-palermo",
            linkAudience: "signed_in",
            types: ["W", "S", "D"],
            languages: ["es"],
          },
        ],
      },
      {
        name: "Sydney Harbour Secular Recovery",
        description:
          "A secular, science-informed group on the other side of the world. Friendly to night owls elsewhere.",
        focus: "other",
        format: "secular",
        languages: ["en"],
        confidentialityAgreement: AGREEMENT,
        people: {},
        meetings: [
          {
            slug: "sydney-secular-friday",
            name: "Friday Night Secular",
            mode: "hybrid",
            days: [5],
            startTime: "18:00",
            endTime: "19:30",
            timeZone: "Australia/Sydney",
            locationName: "Surry Hills Neighbourhood Centre",
            formattedAddress: "405 Crown Street, Surry Hills NSW 2010, Australia",
            region: "Sydney",
            latitude: -33.8876,
            longitude: 151.2109,
            conferenceUrl: "https://meet.example.org/sydney-secular",
            linkAudience: "public",
            types: ["A", "O", "D"],
            languages: ["en"],
          },
        ],
      },
    ],
  },
];

/** Insert the demo directory; members are looked up by handle (they were seeded just before). */
export async function seedDemoDirectory(db: Db, memberIds: Map<string, string>) {
  const id = (handle: string) => {
    const found = memberIds.get(handle);
    if (!found) throw new Error(`demo member ${handle} missing`);
    return found;
  };
  for (const o of DEMO_ORGANISATIONS) {
    const [org] = await db
      .insert(organisations)
      .values({ slug: o.slug, name: o.name, kind: o.kind, description: o.description, website: o.website ?? null })
      .returning();
    if (!org) throw new Error("demo organisation not created");
    for (const admin of o.admins)
      await db.insert(organisationAdmins).values({ organisationId: org.id, memberId: id(admin) });
    for (const g of o.groups) {
      const { people, meetings, ...fields } = g;
      const [group] = await db
        .insert(groups)
        .values({ ...fields, organisationId: org.id })
        .returning();
      if (!group) throw new Error("demo group not created");
      for (const [handle, role] of Object.entries(people)) {
        await db.insert(groupMembers).values({
          groupId: group.id,
          memberId: id(handle),
          role: role === "requested" ? "member" : role,
          status: role === "requested" ? "requested" : "active",
          agreementAcceptedAt: new Date(),
          requestMessage: role === "requested" ? "My brother is in early recovery and I don't know how to help." : null,
        });
      }
      for (const { slug, ...meeting } of meetings) {
        await saveMeeting(db, { groupId: group.id, groupName: group.name, slug }, MeetingSchema.parse(meeting));
      }
    }
  }
}
