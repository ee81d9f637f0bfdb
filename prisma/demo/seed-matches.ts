// Demo matches in every stage, with their history and the notifications they caused, so Sanne,
// Jonas and Marieke find a living platform on first start: an interest waiting for Sanne's answer
// and a connected, recommended partner school; Jonas's interest in a Nijmegen club and an active
// project; Marieke's joint exhibition, a completed and a declined match, and a staff
// recommendation. The partners' contact people are demo users too (same password).
//
// Written once: a match that exists (by its stable id) is left as it is, so what a newcomer does
// with the demo survives a restart; its events and notifications are written only with it.
import type {
  MatchEventType,
  MatchStatus,
  NotificationType,
  Prisma,
} from "../../app/generated/prisma/client.ts";
import { pairFit } from "../../app/modules/matching/candidates.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { demoOrganisations } from "./organisations.ts";
import { demoOrganisationSlug, demoOwners, stableUuid } from "./seed-organisations.ts";

const DAY = 24 * 3_600_000;
const STAFF = "katrin@demo.euregio-partners.example";

/** Partner organisations' contact people: members who acted in the demo matches. */
export const demoContacts = [
  {
    key: "ggs-leegmeer",
    name: "Frank Peters",
    email: "frank.peters@demo.euregio-partners.example",
    locale: "de",
  },
  {
    key: "gs-an-der-schwanenburg",
    name: "Anke Schmitz",
    email: "anke.schmitz@demo.euregio-partners.example",
    locale: "de",
  },
  {
    key: "vv-goffert-zuid",
    name: "Ruud Hendriks",
    email: "ruud.hendriks@demo.euregio-partners.example",
    locale: "nl",
  },
  {
    key: "jongerencentrum-de-rijnbrug",
    name: "Esra Yilmaz",
    email: "esra.yilmaz@demo.euregio-partners.example",
    locale: "nl",
  },
  {
    key: "geschichtsverein-emmerich-rheinufer",
    name: "Wilhelm Terhorst",
    email: "wilhelm.terhorst@demo.euregio-partners.example",
    locale: "de",
  },
  {
    key: "heimatverein-rees-haldern",
    name: "Gisela Brands",
    email: "gisela.brands@demo.euregio-partners.example",
    locale: "de",
  },
  {
    key: "heimatverein-zyfflich-wyler",
    name: "Bernd Janssen",
    email: "bernd.janssen@demo.euregio-partners.example",
    locale: "de",
  },
  {
    key: "tv-emmerich-1861-handball",
    name: "Maik Derksen",
    email: "maik.derksen@demo.euregio-partners.example",
    locale: "de",
  },
  {
    key: "hv-wijchen-72",
    name: "Joost van Dijk",
    email: "joost.vandijk@demo.euregio-partners.example",
    locale: "nl",
  },
] as const;

type Step = { type: MatchEventType; by: "from" | "to" | "staff"; daysAgo: number; note?: string };

type DemoMatch = {
  from: string;
  to: string;
  status: MatchStatus;
  message?: string;
  promotion?: { nl: string; de: string; daysAgo: number };
  steps: Step[];
  /** Notifications for the demo logins (and contacts), with whether they were read. */
  notify: { side: "from" | "to"; type: NotificationType; daysAgo: number; read: boolean; stage?: string }[];
};

export const demoMatches: DemoMatch[] = [
  {
    from: "ggs-leegmeer",
    to: "bs-de-klimop",
    status: "interested",
    message:
      "Liebe Kolleginnen und Kollegen in Wijchen, unsere dritte Klasse lernt Niederländisch und würde gern im Frühjahr einen Tag mit Ihrer Gruppe 6 verbringen – abwechselnd in Emmerich und bei Ihnen. Hätten Sie Interesse?",
    steps: [{ type: "interested", by: "from", daysAgo: 2 }],
    notify: [{ side: "to", type: "interest_received", daysAgo: 2, read: false }],
  },
  {
    from: "bs-de-klimop",
    to: "gs-an-der-schwanenburg",
    status: "connected",
    message: "Wij zoeken een vaste partnerschool in Kleef voor onze groepen 6 en 7. Zullen we kennismaken?",
    promotion: {
      nl: "Twee basisscholen die elkaars taal leren, op een half uur van elkaar: een mooie start voor een buurtaalpartnerschap.",
      de: "Zwei Grundschulen, die die Sprache der anderen lernen, eine halbe Stunde voneinander entfernt: ein guter Start für eine Nachbarsprachen-Partnerschaft.",
      daysAgo: 21,
    },
    steps: [
      { type: "suggested", by: "staff", daysAgo: 21 },
      { type: "promoted", by: "staff", daysAgo: 21 },
      { type: "interested", by: "from", daysAgo: 18 },
      { type: "connected", by: "to", daysAgo: 15 },
    ],
    notify: [
      { side: "from", type: "match_promoted", daysAgo: 21, read: true },
      { side: "to", type: "match_promoted", daysAgo: 21, read: true },
      { side: "to", type: "interest_received", daysAgo: 18, read: true },
      { side: "from", type: "match_connected", daysAgo: 15, read: false },
    ],
  },
  {
    from: "sv-schwanenburg-kleve",
    to: "vv-goffert-zuid",
    status: "interested",
    message:
      "Hallo Nijmegen! Wir planen im Juni ein Jugendturnier (U13) in Kleve und suchen zwei niederländische Mannschaften. Hättet ihr Lust?",
    steps: [{ type: "interested", by: "from", daysAgo: 4 }],
    notify: [{ side: "to", type: "interest_received", daysAgo: 4, read: false }],
  },
  {
    from: "jongerencentrum-de-rijnbrug",
    to: "sv-schwanenburg-kleve",
    status: "active_project",
    steps: [
      { type: "interested", by: "from", daysAgo: 40 },
      { type: "connected", by: "to", daysAgo: 37 },
      { type: "active_project", by: "from", daysAgo: 10 },
    ],
    notify: [
      { side: "to", type: "interest_received", daysAgo: 40, read: true },
      { side: "from", type: "match_connected", daysAgo: 37, read: true },
      { side: "to", type: "match_stage", daysAgo: 10, read: false, stage: "active_project" },
    ],
  },
  {
    from: "historische-kring-nijmegen-benedenstad",
    to: "geschichtsverein-emmerich-rheinufer",
    status: "active_project",
    message:
      "Wij werken aan een tentoonstelling over de Rijnhandel tussen Nijmegen en Emmerik in de negentiende eeuw. Zouden jullie met ons samen een tweetalige tentoonstelling willen maken?",
    steps: [
      { type: "interested", by: "from", daysAgo: 60 },
      { type: "connected", by: "to", daysAgo: 55 },
      { type: "active_project", by: "to", daysAgo: 12 },
    ],
    notify: [
      { side: "from", type: "match_connected", daysAgo: 55, read: true },
      { side: "from", type: "match_stage", daysAgo: 12, read: false, stage: "active_project" },
    ],
  },
  {
    from: "heimatverein-rees-haldern",
    to: "historische-kring-nijmegen-benedenstad",
    status: "completed",
    steps: [
      { type: "interested", by: "from", daysAgo: 200 },
      { type: "connected", by: "to", daysAgo: 195 },
      { type: "active_project", by: "from", daysAgo: 180 },
      { type: "completed", by: "to", daysAgo: 90 },
    ],
    notify: [],
  },
  {
    from: "heimatverein-zyfflich-wyler",
    to: "historische-kring-nijmegen-benedenstad",
    status: "declined",
    steps: [
      { type: "interested", by: "from", daysAgo: 30 },
      { type: "declined", by: "to", daysAgo: 28 },
    ],
    notify: [],
  },
  {
    from: "historische-kring-nijmegen-benedenstad",
    to: "hansegeschichtsverein-wesel",
    status: "suggested",
    promotion: {
      nl: "Beide verenigingen onderzoeken de Hanzesteden aan de Rijn; samen vinden jullie bronnen aan beide kanten van de grens.",
      de: "Beide Vereine erforschen die Hansestädte am Rhein; gemeinsam finden Sie Quellen auf beiden Seiten der Grenze.",
      daysAgo: 3,
    },
    steps: [
      { type: "suggested", by: "staff", daysAgo: 3 },
      { type: "promoted", by: "staff", daysAgo: 3 },
    ],
    notify: [{ side: "from", type: "match_promoted", daysAgo: 3, read: false }],
  },
  {
    from: "tv-emmerich-1861-handball",
    to: "hv-wijchen-72",
    status: "ended",
    steps: [
      { type: "interested", by: "from", daysAgo: 120 },
      { type: "connected", by: "to", daysAgo: 118 },
      { type: "ended", by: "to", daysAgo: 70 },
    ],
    notify: [],
  },
];

/** Writes the demo matches that are missing; returns how many it wrote. */
export async function seedDemoMatches(now: Date, passwordHash: string): Promise<number> {
  const byKey = new Map(demoOrganisations.map((organisation) => [organisation.key, organisation]));
  const slugOf = (key: string) => {
    const organisation = byKey.get(key);
    if (!organisation) throw new Error(`a demo match names an unknown organisation: ${key}`);
    return demoOrganisationSlug(organisation);
  };
  const keys = [...new Set(demoMatches.flatMap((match) => [match.from, match.to]))];
  const organisations = await prisma.organisation.findMany({
    where: { slug: { in: keys.map(slugOf) } },
    select: { id: true, slug: true, name: true },
  });
  const organisationOf = (key: string) => {
    const found = organisations.find((row) => row.slug === slugOf(key));
    if (!found) throw new Error(`the demo organisation ${key} is missing`);
    return found;
  };

  for (const contact of demoContacts) {
    const { key, ...user } = contact;
    const row = await prisma.user.upsert({
      where: { email: user.email },
      create: { ...user, passwordHash, emailVerifiedAt: new Date("2026-01-01T00:00:00Z") },
      update: {},
      select: { id: true },
    });
    await prisma.membership.createMany({
      data: [{ organisationId: organisationOf(key).id, userId: row.id, role: "owner" }],
      skipDuplicates: true,
    });
  }
  const people = await prisma.user.findMany({
    where: { email: { in: [STAFF, ...Object.values(demoOwners), ...demoContacts.map((c) => c.email)] } },
    select: { id: true, email: true },
  });
  const personOf = (key: string) => {
    const email = demoOwners[key] ?? demoContacts.find((contact) => contact.key === key)?.email;
    return people.find((person) => person.email === email)?.id ?? null;
  };
  const staffId = people.find((person) => person.email === STAFF)?.id ?? null;

  let written = 0;
  for (const demo of demoMatches) {
    const id = stableUuid(`match:${demo.from}:${demo.to}`);
    if (await prisma.match.findUnique({ where: { id }, select: { id: true } })) continue;
    const from = organisationOf(demo.from);
    const to = organisationOf(demo.to);
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
    const fit = await pairFit(from.id, null, to.id, null);
    const first = demo.steps[0]!;
    const connected = demo.steps.find((step) => step.type === "connected");
    const closed = ["completed", "declined", "ended"].includes(demo.status) ? demo.steps.at(-1) : undefined;
    const actorOf = (step: Step) =>
      step.by === "staff" ? staffId : personOf(step.by === "from" ? demo.from : demo.to);
    const interested = demo.steps.find((step) => step.type === "interested");
    await prisma.$transaction(async (tx) => {
      // ON CONFLICT DO NOTHING: a pair that has an open match of a newcomer's own is left alone.
      const { count } = await tx.match.createMany({
        data: [
          {
            id,
            fromOrganisationId: from.id,
            toOrganisationId: to.id,
            fromRequestId: fit?.ownRequestId ?? null,
            toRequestId: fit?.partnerRequestId ?? null,
            status: demo.status,
            score: fit?.score ?? 0,
            reasons: (fit?.reasons ?? []) as unknown as Prisma.InputJsonValue,
            distanceKm: fit ? Math.round(fit.distanceKm) : null,
            message: demo.message ?? null,
            fromContactId: interested ? personOf(demo.from) : null,
            toContactId: connected ? personOf(demo.to) : null,
            promotedAt: demo.promotion ? at(demo.promotion.daysAgo) : null,
            promotedById: demo.promotion ? staffId : null,
            promotionNoteNl: demo.promotion?.nl ?? null,
            promotionNoteDe: demo.promotion?.de ?? null,
            connectedAt: connected ? at(connected.daysAgo) : null,
            closedAt: closed ? at(closed.daysAgo) : null,
            createdAt: at(first.daysAgo),
            updatedAt: at(demo.steps.at(-1)!.daysAgo),
          },
        ],
        skipDuplicates: true,
      });
      if (count !== 1) return;
      written += 1;
      await tx.matchEvent.createMany({
        data: demo.steps.map((step, index) => ({
          id: stableUuid(`match-event:${id}:${index}`),
          matchId: id,
          type: step.type,
          actorId: actorOf(step),
          organisationId: step.by === "staff" ? null : step.by === "from" ? from.id : to.id,
          note:
            step.type === "interested"
              ? (demo.message ?? null)
              : step.type === "promoted"
                ? (demo.promotion?.de ?? null)
                : null,
          createdAt: at(step.daysAgo),
        })),
      });
      if (demo.promotion && staffId) {
        await tx.auditLog.create({
          data: {
            actorId: staffId,
            action: "match.promote",
            targetType: "match",
            targetId: id,
            note: demo.promotion.nl,
            createdAt: at(demo.promotion.daysAgo),
          },
        });
      }
      const notifications = demo.notify.flatMap((notification) => {
        const recipient = notification.side === "from" ? from : to;
        const partner = notification.side === "from" ? to : from;
        const userId = personOf(notification.side === "from" ? demo.from : demo.to);
        if (!userId) return [];
        return [
          {
            userId,
            type: notification.type,
            organisationId: recipient.id,
            matchId: id,
            params: {
              partner: partner.name,
              organisation: recipient.name,
              ...(notification.stage ? { stage: notification.stage } : {}),
            },
            path: `/matches/${id}`,
            readAt: notification.read ? at(notification.daysAgo - 0.5) : null,
            // The demo's past needs no mail: only what happens from now on is mailed.
            mailedAt: at(notification.daysAgo),
            createdAt: at(notification.daysAgo),
          },
        ];
      });
      await tx.notification.createMany({ data: notifications });
    });
  }
  return written;
}
