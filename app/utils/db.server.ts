// The one Prisma client of the process (a globalThis singleton, because the Remix build and the
// server entry are bundled separately), running on the pg driver adapter.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; prismaUrl?: string };

export function getPrisma(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the database has not been started");
  if (!globalForPrisma.prisma || globalForPrisma.prismaUrl !== url) {
    const adapter = new PrismaPg({
      connectionString: url,
      max: 10,
      // Planner settings for our own connections: the data sits on SSDs or in memory, so random
      // reads cost little more than sequential ones (the default 4 pushes searches to seq scans),
      // and JIT compilation costs tens of milliseconds on short queries that it cannot repay.
      options: "-c random_page_cost=1.1 -c effective_io_concurrency=200 -c jit=off",
    });
    globalForPrisma.prisma = new PrismaClient({ adapter });
    globalForPrisma.prismaUrl = url;
  }
  return globalForPrisma.prisma;
}

export const prisma = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectPrisma() {
  await globalForPrisma.prisma?.$disconnect();
  globalForPrisma.prisma = undefined;
  globalForPrisma.prismaUrl = undefined;
}
