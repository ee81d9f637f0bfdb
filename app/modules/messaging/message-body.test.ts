import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { isSafeLink, MessageBody, translatorUrl } from "./message-body.tsx";

const html = (text: string) => renderToStaticMarkup(createElement(MessageBody, { text }));

describe("message text", () => {
  it("links http(s) addresses and e-mail addresses, opening safely in a new tab", () => {
    const out = html("Zie https://www.euregio.eu/projecten of mail info@klimop.nl");
    expect(out).toContain('href="https://www.euregio.eu/projecten"');
    expect(out).toContain('href="mailto:info@klimop.nl"');
    expect(out).toContain('rel="noopener noreferrer nofollow ugc"');
    expect(out).toContain('target="_blank"');
  });

  it("keeps javascript:, data: and other schemes as text", () => {
    for (const text of [
      "javascript:alert(1)",
      "javascript://example.com/%0aalert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "vbscript:msgbox(1)",
    ]) {
      expect(html(text)).not.toMatch(/href="(?!https:\/\/)/);
      expect(html(text)).not.toContain('href="javascript');
    }
    expect(html("javascript:alert(1)")).not.toContain("<a");
    expect(isSafeLink("javascript://x.example", "url")).toBe(false);
    expect(isSafeLink("www.example.org", "url")).toBe(true);
  });

  it("shows HTML as text: tags are escaped, never parsed", () => {
    const out = html('<script>alert(1)</script><img src=x onerror="alert(2)"><svg onload=alert(3)>');
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<svg");
    expect(out).toContain("&lt;script&gt;");
  });

  it("puts the text into the translator's address, encoded", () => {
    const url = new URL(translatorUrl("Guten Tag & bis bald", "de", "nl"));
    expect(url.hostname).toBe("translate.google.com");
    expect(url.searchParams.get("text")).toBe("Guten Tag & bis bald");
    expect(url.searchParams.get("sl")).toBe("de");
    expect(url.searchParams.get("tl")).toBe("nl");
  });
});
