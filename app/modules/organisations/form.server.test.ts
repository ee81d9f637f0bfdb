// The organisation form's body: the logo and the text fields come through, a logo over 1 MB is
// refused with its field error as soon as the parser has read past 1 MB, and text parts stay small.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { answerOf, formMessages } from "../../../tests/support/answer.ts";
import { handleOrganisationForm } from "./form.server.ts";
import { MAX_LOGO_BYTES } from "./logo.server.ts";

const schema = z.object({ name: z.string().min(1) });
const url = "http://localhost/en/organisations/new";

function post(fields: Record<string, string | File>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return new Request(url, { method: "POST", body });
}

const file = (bytes: number, name = "logo.png") =>
  new File([new Uint8Array(bytes)], name, { type: "image/png" });

/** Runs the form and tells what the route's body was handed, if it was called at all. */
async function submit(request: Request) {
  let handed: { name: string; logo: Uint8Array | null } | null = null;
  const answer = await answerOf(
    handleOrganisationForm(request, schema, async (input, logo) => {
      handed = { name: input.name, logo };
      return { ok: true as const };
    }),
  );
  return {
    ...answer,
    body: formMessages(answer.body),
    handed: handed as { name: string; logo: Uint8Array | null } | null,
  };
}

describe("the organisation form's body", () => {
  it("hands the route the typed fields and a logo of up to 1 MB", async () => {
    const { status, handed } = await submit(post({ name: "Harmonie", logo: file(MAX_LOGO_BYTES) }));
    expect(status).toBe(200);
    expect(handed?.name).toBe("Harmonie");
    expect(handed?.logo?.byteLength).toBe(MAX_LOGO_BYTES);
  });

  it("hands no logo when none was chosen, or when a file comes under another name", async () => {
    const empty = await submit(post({ name: "Harmonie", logo: new File([], "") }));
    expect(empty.handed).toEqual({ name: "Harmonie", logo: null });
    const elsewhere = await submit(post({ name: "Harmonie", picture: file(10) }));
    expect(elsewhere.handed).toEqual({ name: "Harmonie", logo: null });
    const urlencoded = await submit(
      new Request(url, { method: "POST", body: new URLSearchParams({ name: "Harmonie" }) }),
    );
    expect(urlencoded.handed).toEqual({ name: "Harmonie", logo: null });
  });

  it("answers a logo over 1 MB with 413 and the logo's field error, and saves nothing", async () => {
    const { status, body, handed } = await submit(post({ name: "Harmonie", logo: file(MAX_LOGO_BYTES + 1) }));
    expect(status).toBe(413);
    expect(body).toMatchObject({
      formError: "common:validation.formHasErrors",
      fieldErrors: { logo: "organisations:logo.tooLarge" },
    });
    expect(handed).toBeNull();
  });

  it("refuses the logo while it streams in, without waiting for the rest of the body", async () => {
    const boundary = "euregio-boundary";
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="logo.png"\r\n` +
        "Content-Type: image/png\r\n\r\n",
    );
    let sent = 0;
    // 64 KB at a time up to just over 1 MB, then a body that never ends.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent > MAX_LOGO_BYTES) return new Promise<void>(() => {});
        controller.enqueue(new Uint8Array(64 * 1024));
        sent += 64 * 1024;
      },
    });
    const request = new Request(url, {
      method: "POST",
      body,
      duplex: "half",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    const { status, body: answer } = await submit(request);
    expect(status).toBe(413);
    expect(answer.fieldErrors).toEqual({ logo: "organisations:logo.tooLarge" });
  });

  it("answers a text part over 64 KB with 413, and a broken body with 400", async () => {
    const long = await submit(post({ name: "x".repeat(64 * 1024 + 1) }));
    expect(long.status).toBe(413);
    expect(long.body.formError).toBe("common:errors.badRequestText");
    expect(long.handed).toBeNull();

    const broken = await submit(
      new Request(url, {
        method: "POST",
        body: "--nothing\r\nnot a part",
        headers: { "Content-Type": "multipart/form-data; boundary=nothing" },
      }),
    );
    expect(broken.status).toBe(400);
    expect(broken.handed).toBeNull();
  });
});
