// Demo data: deterministic, idempotent (users upserted by e-mail; organisations and requests by slug,
// see prisma/demo). Later issues extend it.
import { hashPassword } from "../app/modules/auth/password.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { seedDemoMatches } from "./demo/seed-matches.ts";
import { seedDemoMessages } from "./demo/seed-messages.ts";
import { seedDemoOrganisations } from "./demo/seed-organisations.ts";

export const DEMO_PASSWORD = "grenzeloos-samenwerken";

export const demoLogins = [
  { name: "Sanne de Vries", email: "sanne@demo.euregio-partners.example", locale: "nl", role: "member" },
  { name: "Jonas Becker", email: "jonas@demo.euregio-partners.example", locale: "de", role: "member" },
  { name: "Marieke Jansen", email: "marieke@demo.euregio-partners.example", locale: "nl", role: "member" },
  { name: "Katrin Hoffmann", email: "katrin@demo.euregio-partners.example", locale: "de", role: "staff" },
  { name: "Admin", email: "admin@demo.euregio-partners.example", locale: "en", role: "admin" },
].map((user) => ({ ...user, password: DEMO_PASSWORD })) as {
  name: string;
  email: string;
  locale: "nl" | "de" | "en";
  role: "member" | "staff" | "admin";
  password: string;
}[];

export async function seedDemoData({
  now = new Date(),
  log = (line: string) => console.info(`[seed] ${line}`),
}: { now?: Date; log?: (line: string) => void } = {}) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const login of demoLogins) {
    const { password: _password, ...user } = login;
    await prisma.user.upsert({
      where: { email: user.email },
      create: { ...user, passwordHash, emailVerifiedAt: new Date("2026-01-01T00:00:00Z") },
      update: { name: user.name, role: user.role, locale: user.locale },
    });
  }
  const summary = await seedDemoOrganisations(now);
  const matches = await seedDemoMatches(now, passwordHash);
  const conversations = await seedDemoMessages(now);
  log(
    `${summary.organisations} demo organisations (${summary.pending} pending), ` +
      `${summary.requests.open} open requests, ${summary.requests.draft} drafts, ${summary.requests.closed} closed; ` +
      (summary.written === 0 ? "already up to date" : `${summary.written} rows written`) +
      `; ${matches} demo matches written; ${conversations} demo conversations written`,
  );
  return summary;
}
