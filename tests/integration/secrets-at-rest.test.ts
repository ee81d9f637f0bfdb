// A database dump holds no link that works: mail jobs and the outbox keep mail sealed, delivered
// jobs leave pg-boss within minutes and outbox mails after a week (docs/decisions/0011).
import { describe, expect, it } from "vitest";
import {
  isResetTokenUsable,
  requestPasswordReset,
  signUp,
  verifyEmail,
} from "~/modules/auth/service.server.ts";
import {
  deleteExpiredOutboxMails,
  OUTBOX_EXPIRY_CRON,
  OUTBOX_EXPIRY_QUEUE,
  outboxExpiryWorker,
} from "~/modules/mail/outbox.server.ts";
import { enqueueMail, MAIL_QUEUE } from "~/modules/mail/queue.server.ts";
import { getBoss, startWorkers } from "~/utils/jobs.server.ts";
import type { Mail } from "~/modules/mail/templates.server.ts";
import { inviteMember, previewInvitation } from "~/modules/organisations/service.server.ts";
import { sendRenewalReminders } from "~/modules/requests/jobs.server.ts";
import { checkRenewalToken } from "~/modules/requests/service.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { addMember, createOrganisation, createRequest, createUser, uniqueEmail } from "../factories/index.ts";
import { expectAppError } from "../support/app-error.ts";
import { mailsTo } from "../support/outbox.ts";
import { withOrgAccess } from "../support/access.ts";

const ip = "198.51.100.23";
const DAY = 24 * 60 * 60 * 1000;

function tokenIn(mail: Mail | undefined, pattern: RegExp): string {
  const token = mail?.text.match(pattern)?.[1];
  if (!token) throw new Error(`no link in mail: ${mail?.text}`);
  return token;
}

/** Every row of every table outside PostgreSQL's own schemas, as JSON text, keyed "schema.table". */
async function dumpDatabase(): Promise<Map<string, string>> {
  const tables = await prisma.$queryRaw<{ schema: string; name: string }[]>`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
    WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`;
  const dump = new Map<string, string>();
  for (const { schema, name } of tables) {
    const quoted = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
    const [rows] = await prisma.$queryRawUnsafe<{ text: string }[]>(
      `SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n'), '') AS text FROM ${quoted} t`,
    );
    dump.set(`${schema}.${name}`, rows?.text ?? "");
  }
  return dump;
}

/** Every 32-character window of every run of base32 letters: a token may hide inside a longer run. */
function base32Candidates(text: string): Set<string> {
  const candidates = new Set<string>();
  for (const [run] of text.matchAll(/[a-z2-7]{32,}/g)) {
    for (let start = 0; start + 32 <= run.length; start++) candidates.add(run.slice(start, start + 32));
  }
  return candidates;
}

async function countJobs(table: "job" | "archive", to: string): Promise<number> {
  const [row] = await prisma.$queryRawUnsafe<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM pgboss.${table} WHERE name = $1 AND data->>'to' = $2`,
    MAIL_QUEUE,
    to,
  );
  return row?.count ?? 0;
}

describe("secrets at rest", () => {
  it("leaves no working verification, reset, invitation or renewal token in a dump of every table", async () => {
    const signUpEmail = uniqueEmail("sign-up");
    await signUp(
      { name: "Lotte Jansen", email: signUpEmail, password: "over-de-grens-samen", locale: "nl" },
      ip,
    );
    const resetUser = await createUser({ locale: "de" });
    await requestPasswordReset(resetUser.email, ip);
    const owner = await createUser({ name: "Olga Owner" });
    const organisation = await createOrganisation({ ownerId: owner.id });
    const invitee = await createUser({ locale: "en" });
    await withOrgAccess(owner, organisation, (access) => inviteMember(access, invitee.email, "en"));
    const requestOwner = await createUser({ locale: "nl" });
    await addMember(organisation.id, requestOwner.id, "owner");
    await createRequest({
      organisationId: organisation.id,
      status: "open",
      expiresAt: new Date(Date.now() + 5 * DAY),
    });
    expect(await sendRenewalReminders()).toBeGreaterThanOrEqual(1);

    const verifyToken = tokenIn((await mailsTo(signUpEmail))[0], /verify-email\?token=([a-z2-7]{32})\b/);
    const resetToken = tokenIn((await mailsTo(resetUser.email))[0], /reset-password\?token=([a-z2-7]{32})\b/);
    const invitationToken = tokenIn(
      (await mailsTo(invitee.email))[0],
      /invitations\/accept\?token=([a-z2-7]{32})\b/,
    );
    const renewalToken = tokenIn(
      (await mailsTo(requestOwner.email))[0],
      /requests\/renew\?token=([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/,
    );
    // The checks below do tell a working token: each of these passes them.
    expect(await isResetTokenUsable(resetToken)).toBe(true);
    await expect(previewInvitation(invitationToken, invitee)).resolves.toMatchObject({
      slug: organisation.slug,
    });
    await expect(checkRenewalToken(renewalToken)).resolves.toBeDefined();

    const dump = await dumpDatabase();
    // The mail jobs and the outbox rows are in the dump, only sealed.
    expect(dump.get("pgboss.job")).toContain(invitee.email);
    expect(dump.get("public.outbox_mails")).toContain(invitee.email);
    const text = [...dump.values()].join("\n");
    for (const token of [verifyToken, resetToken, invitationToken, renewalToken]) {
      expect(text).not.toContain(token);
    }
    expect(text).not.toContain("token=");

    const candidates = base32Candidates(text);
    for (const candidate of candidates) {
      expect(await isResetTokenUsable(candidate)).toBe(false);
      await expectAppError(previewInvitation(candidate, invitee), 400);
      await expectAppError(verifyEmail(candidate), 400);
    }
    for (const [candidate] of text.matchAll(/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}/g)) {
      await expectAppError(checkRenewalToken(candidate), 400);
    }
    await expect(verifyEmail(verifyToken)).resolves.toMatchObject({ email: signUpEmail });
  });

  it("takes a delivered mail job out of pg-boss within minutes, and keeps an unsent one a week at most", async () => {
    const to = uniqueEmail("delivered");
    await enqueueMail({ to, subject: "Subject", text: "Text", html: "<p>Text</p>" });
    const [keep] = await prisma.$queryRawUnsafe<{ days: number }[]>(
      `SELECT extract(epoch FROM keep_until - created_on) / 86400 AS days FROM pgboss.job
       WHERE name = $1 AND data->>'to' = $2`,
      MAIL_QUEUE,
      to,
    );
    expect(Number(keep?.days)).toBeCloseTo(7, 2);
    expect((await mailsTo(to)).map((mail) => mail.subject)).toEqual(["Subject"]);

    const boss = await getBoss();
    // What pg-boss's maintenance finds a minute later, run now.
    await prisma.$executeRawUnsafe(
      `UPDATE pgboss.job SET completed_on = completed_on - interval '61 seconds'
       WHERE name = $1 AND data->>'to' = $2`,
      MAIL_QUEUE,
      to,
    );
    await boss.maintain();
    expect(await countJobs("job", to)).toBe(0);
    expect(await countJobs("archive", to)).toBe(1);
    await prisma.$executeRawUnsafe(
      `UPDATE pgboss.archive SET archived_on = archived_on - interval '61 seconds'
       WHERE name = $1 AND data->>'to' = $2`,
      MAIL_QUEUE,
      to,
    );
    await boss.maintain();
    expect(await countJobs("archive", to)).toBe(0);
  });

  it("deletes outbox mails older than a week, hourly on pg-boss", async () => {
    const to = uniqueEmail("outbox");
    await enqueueMail({ to, subject: "Old", text: "Old", html: "<p>Old</p>" });
    await mailsTo(to);
    await enqueueMail({ to, subject: "Recent", text: "Recent", html: "<p>Recent</p>" });
    await mailsTo(to);
    const [old, recent] = await prisma.outboxMail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
    await prisma.outboxMail.update({
      where: { id: old!.id },
      data: { createdAt: new Date(Date.now() - 8 * DAY) },
    });
    await prisma.outboxMail.update({
      where: { id: recent!.id },
      data: { createdAt: new Date(Date.now() - 6 * DAY) },
    });

    expect(await deleteExpiredOutboxMails()).toBeGreaterThanOrEqual(1);
    expect((await mailsTo(to)).map((mail) => mail.subject)).toEqual(["Recent"]);

    await startWorkers([outboxExpiryWorker]);
    const boss = await getBoss();
    const schedules = await boss.getSchedules();
    expect(schedules.find((schedule) => schedule.name === OUTBOX_EXPIRY_QUEUE)?.cron).toBe(
      OUTBOX_EXPIRY_CRON,
    );
    await prisma.outboxMail.update({
      where: { id: recent!.id },
      data: { createdAt: new Date(Date.now() - 8 * DAY) },
    });
    await boss.send(OUTBOX_EXPIRY_QUEUE, {});
    await expect
      .poll(() => prisma.outboxMail.count({ where: { to } }), { timeout: 20_000, interval: 250 })
      .toBe(0);
  });
});
