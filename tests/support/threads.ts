// Threads for the realtime tests, straight in the database until the messaging module's own
// factories land: a connected match between a Dutch and a German organisation with one member each,
// its thread, and messages inserted as the send will insert them (the trigger announces each).
import { randomBytes, randomUUID } from "node:crypto";
import type { Database, Factories } from "../factories/index.ts";

export function threadHelpers(db: Database, factories: Pick<Factories, "createUser" | "createOrganisation">) {
  /** Two organisations, a member of each, their connected match and its thread. */
  async function createConnectedThread(options: { names?: [string, string] } = {}) {
    const [dutchName, germanName] = options.names ?? ["Nederlandse lid", "Deutsches Mitglied"];
    const dutchMember = await factories.createUser({ name: dutchName });
    const germanMember = await factories.createUser({ name: germanName, locale: "de" });
    const dutch = await factories.createOrganisation({ ownerId: dutchMember.id });
    const german = await factories.createOrganisation({ country: "DE", ownerId: germanMember.id });
    const match = await db.match.create({
      data: {
        fromOrganisationId: dutch.id,
        toOrganisationId: german.id,
        status: "connected",
        score: 80,
        connectedAt: new Date(),
        fromContactId: dutchMember.id,
        toContactId: germanMember.id,
      },
    });
    const thread = await db.thread.create({ data: { kind: "match", matchId: match.id } });
    return { thread, match, dutch, german, dutchMember, germanMember };
  }

  /** A staff thread with one organisation (whose owner is returned). */
  async function createStaffThread(openedById: string) {
    const member = await factories.createUser();
    const organisation = await factories.createOrganisation({ ownerId: member.id });
    const thread = await db.thread.create({
      data: { kind: "staff", organisationId: organisation.id, openedById },
    });
    return { thread, organisation, member };
  }

  return { createConnectedThread, createStaffThread };
}

/** The INSERT the send makes (a unique client key per message), for a pg client or pool. */
export const insertMessageSql = `
  INSERT INTO messages (id, thread_id, author_id, organisation_id, body, client_key)
  VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`;

export function messageValues(threadId: string, authorId: string, organisationId: string, body = "Hallo!") {
  return [randomUUID(), threadId, authorId, organisationId, body, `key-${randomBytes(8).toString("hex")}`];
}
