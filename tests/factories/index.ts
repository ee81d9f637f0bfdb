// The one set of test factories, for both runners: Vitest binds it to the app's Prisma client (the
// exports below); the browser tests bind it to a client on their own database and delete what it
// made after each test (tests/e2e/support/fixtures.ts).
import { prisma } from "~/utils/db.server.ts";
import { notificationFactories } from "./notifications.ts";
import { organisationFactories } from "./organisations.ts";
import { recordNothing, type Database, type Recorder } from "./record.ts";
import { requestFactories } from "./requests.ts";
import { userFactories } from "./users.ts";

export function createFactories(db: Database, record: Recorder = recordNothing) {
  return {
    ...userFactories(db, record),
    ...organisationFactories(db, record),
    ...requestFactories(db, record),
    ...notificationFactories(db),
  };
}

export type Factories = ReturnType<typeof createFactories>;

export const {
  createUser,
  createSession,
  createOrganisation,
  addMember,
  createRequest,
  createOpenRequest,
  createNotification,
} = createFactories(prisma);

export { municipalityCodes, organisationInput, type OrganisationOptions } from "./organisations.ts";
export type { CreatedRow, Database, Recorder } from "./record.ts";
export { token } from "./requests.ts";
export { TEST_PASSWORD, uniqueEmail, type UserOptions } from "./users.ts";
