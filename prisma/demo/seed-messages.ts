// Demo conversations: Sanne's connected partner school (Basisschool De Klimop ↔ Grundschule an
// der Schwanenburg) and Marieke's exhibition project (Historische Kring Nijmegen-Benedenstad ↔
// Geschichtsverein Emmerich Rheinufer) have a few messages in Dutch and German; the newest message
// to each of them is unread, so the header shows it on first sign-in.
//
// Written once: a thread that exists (by its stable id) is left as it is, so what a newcomer writes
// survives a restart; its messages, read marks and notifications are written only with it.
import { prisma } from "../../app/utils/db.server.ts";
import { demoContacts } from "./seed-matches.ts";
import { demoOwners, stableUuid } from "./seed-organisations.ts";

const MINUTE = 60_000;

type DemoMessage = { by: "from" | "to"; language: "nl" | "de"; body: string; minutesAgo: number };

const conversations: { from: string; to: string; messages: DemoMessage[] }[] = [
  {
    from: "bs-de-klimop",
    to: "gs-an-der-schwanenburg",
    messages: [
      {
        by: "from",
        language: "nl",
        body: "Beste collega's in Kleef,\n\nfijn dat we verbonden zijn! Onze groepen 6 en 7 (samen 48 leerlingen) leren sinds dit jaar Duits. Zullen we in het voorjaar een eerste ontmoeting plannen?",
        minutesAgo: 14 * 24 * 60,
      },
      {
        by: "to",
        language: "de",
        body: "Liebe Kolleginnen und Kollegen in Wijchen,\n\nsehr gern! Unsere dritte und vierte Klasse lernt Niederländisch. Wie wäre ein gemeinsamer Tag im Tiergarten Kleve Ende April? Unser Programm: https://www.tiergarten-kleve.de",
        minutesAgo: 13 * 24 * 60,
      },
      {
        by: "from",
        language: "nl",
        body: "Dat klinkt goed. Wij kunnen op dinsdag 21 of donderdag 23 april. Wij nemen de bus en twee ouders mee.",
        minutesAgo: 12 * 24 * 60,
      },
      {
        by: "to",
        language: "de",
        body: "Donnerstag, der 23. April, passt uns gut. Ich schicke Ihnen nächste Woche einen Ablaufplan. Viele Grüße, Anke Schmitz",
        minutesAgo: 90,
      },
    ],
  },
  {
    from: "historische-kring-nijmegen-benedenstad",
    to: "geschichtsverein-emmerich-rheinufer",
    messages: [
      {
        by: "from",
        language: "nl",
        body: "Goedemiddag! Voor de tentoonstelling over de Rijnhandel hebben wij twaalf vrachtbrieven uit 1860 gevonden. Hebben jullie foto's van de haven van Emmerik uit die tijd?",
        minutesAgo: 9 * 24 * 60,
      },
      {
        by: "to",
        language: "de",
        body: "Guten Tag aus Emmerich! Ja, unser Archiv hat etwa dreißig Fotografien des Rheinhafens. Wir scannen sie bis Ende des Monats. Sollen die Texte der Ausstellung zweisprachig nebeneinander stehen?",
        minutesAgo: 8 * 24 * 60,
      },
      {
        by: "from",
        language: "nl",
        body: "Ja, Nederlands en Duits naast elkaar. Wij stellen een opzet voor de panelen voor.",
        minutesAgo: 7 * 24 * 60,
      },
      {
        by: "to",
        language: "de",
        body: "Die Scans sind fertig. Wann können wir uns in Nijmegen treffen, um die Auswahl zu besprechen?",
        minutesAgo: 3 * 60,
      },
    ],
  },
];

/** Writes the demo conversations that are missing; returns how many it wrote. */
export async function seedDemoMessages(now: Date): Promise<number> {
  const people = await prisma.user.findMany({
    where: { email: { in: [...Object.values(demoOwners), ...demoContacts.map((c) => c.email)] } },
    select: { id: true, email: true },
  });
  const personOf = (key: string) => {
    const email = demoOwners[key] ?? demoContacts.find((contact) => contact.key === key)?.email;
    return people.find((person) => person.email === email)?.id ?? null;
  };
  let written = 0;
  for (const conversation of conversations) {
    const matchId = stableUuid(`match:${conversation.from}:${conversation.to}`);
    const match = await prisma.match.findUnique({
      where: { id: matchId },
      select: {
        fromOrganisationId: true,
        toOrganisationId: true,
        fromOrganisation: { select: { name: true } },
        toOrganisation: { select: { name: true } },
        thread: { select: { id: true } },
      },
    });
    // The match was a newcomer's own before the demo's, or already has its conversation.
    if (!match || match.thread) continue;
    const threadId = stableUuid(`thread:${matchId}`);
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE);
    const last = conversation.messages.at(-1)!;
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.thread.createMany({
        data: [
          {
            id: threadId,
            kind: "match",
            matchId,
            openedById: personOf(conversation.from),
            lastMessageAt: at(last.minutesAgo),
            createdAt: at(conversation.messages[0]!.minutesAgo + 5),
          },
        ],
        skipDuplicates: true,
      });
      if (count !== 1) return;
      written += 1;
      await tx.message.createMany({
        data: conversation.messages.map((message, index) => ({
          id: stableUuid(`message:${threadId}:${index}`),
          threadId,
          authorId: personOf(message.by === "from" ? conversation.from : conversation.to),
          organisationId: message.by === "from" ? match.fromOrganisationId : match.toOrganisationId,
          body: message.body,
          language: message.language,
          clientKey: `demo-${threadId}-${index}`,
          createdAt: at(message.minutesAgo),
        })),
      });
      // Both sides read everything but the last message; its writer read it by writing it.
      const lastWriter = personOf(last.by === "from" ? conversation.from : conversation.to);
      const reader = personOf(last.by === "from" ? conversation.to : conversation.from);
      const before = conversation.messages.at(-2)!;
      await tx.threadRead.createMany({
        data: [
          ...(lastWriter ? [{ threadId, userId: lastWriter, readAt: at(last.minutesAgo) }] : []),
          ...(reader ? [{ threadId, userId: reader, readAt: at(before.minutesAgo - 1) }] : []),
        ],
        skipDuplicates: true,
      });
      if (reader) {
        const recipientOrganisation = last.by === "from" ? match.toOrganisation : match.fromOrganisation;
        const writerOrganisation = last.by === "from" ? match.fromOrganisation : match.toOrganisation;
        await tx.notification.create({
          data: {
            id: stableUuid(`notification:${threadId}:last`),
            userId: reader,
            type: "message_received",
            organisationId: last.by === "from" ? match.toOrganisationId : match.fromOrganisationId,
            matchId,
            path: `/messages/${threadId}`,
            params: {
              partner: writerOrganisation.name,
              organisation: recipientOrganisation.name,
              threadId,
              messageId: stableUuid(`message:${threadId}:${conversation.messages.length - 1}`),
            },
            createdAt: at(last.minutesAgo),
            // Demo mail is not sent about the past.
            mailedAt: now,
          },
        });
      }
    });
  }
  return written;
}
