// What the factories tell their caller about each row they insert (the browser tests delete them again).
import type { PrismaClient } from "~/generated/prisma/client.ts";

/** The Prisma client the factories write through: the app's in Vitest, one on E2E_DATABASE_URL in Playwright. */
export type Database = PrismaClient;

export type CreatedRow = { table: "users" | "organisations" | "partnershipRequests"; id: string };

export type Recorder = (row: CreatedRow) => void;

export const recordNothing: Recorder = () => {};
