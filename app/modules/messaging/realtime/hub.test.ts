import { describe, expect, it } from "vitest";
import { parseAnnouncement, reconnectDelay } from "./hub.server.ts";

const thread = "0b7c8f0e-8d4a-4a53-9d5e-7a3f9f3f1a11";
const message = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

describe("the trigger's announcement", () => {
  it("reads the thread and message ids", () => {
    expect(parseAnnouncement(JSON.stringify({ threadId: thread, messageId: message }))).toEqual({
      type: "message",
      threadId: thread,
      messageId: message,
    });
  });

  it("ignores anything else", () => {
    for (const payload of [undefined, "", "not json", "42", '{"threadId":1}', `{"threadId":"${thread}"}`])
      expect(parseAnnouncement(payload)).toBeNull();
    expect(parseAnnouncement(JSON.stringify({ threadId: "x", messageId: message }))).toBeNull();
  });
});

describe("reconnecting", () => {
  it("waits 1 s, then twice as long each time, at most 30 s, with up to a fifth more", () => {
    expect(
      [0, 1, 2, 3, 4, 5, 6, 30].map((attempt) => reconnectDelay(attempt, 1000, 30_000, () => 0)),
    ).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(reconnectDelay(0, 1000, 30_000, () => 0.999)).toBeLessThanOrEqual(1200);
  });
});
