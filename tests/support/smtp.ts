// A real SMTP server for tests (smtp-server), keeping what it receives.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; subject: string; text: string; html: string };

export async function startSmtpServer(
  options: { rejectFirst?: number; onMail?: (mail: ReceivedMail) => void } = {},
) {
  const received: ReceivedMail[] = [];
  let rejectsLeft = options.rejectFirst ?? 0;
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      attempts++;
      simpleParser(stream)
        .then((parsed) => {
          if (rejectsLeft > 0) {
            rejectsLeft--;
            const error = Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 });
            return callback(error);
          }
          const to = [parsed.to]
            .flat()
            .flatMap((address) => address?.value.map((v) => v.address ?? "") ?? []);
          const mail = {
            to,
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
          };
          received.push(mail);
          options.onMail?.(mail);
          callback();
        })
        .catch(callback);
    },
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve((server.server.address() as { port: number }).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts: () => attempts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
