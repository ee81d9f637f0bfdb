import { describe, expect, it } from "vitest";
import { entriesToObject } from "./forms.ts";

describe("entriesToObject", () => {
  it("keeps single values, gathers repeated keys in order and marks files", () => {
    const form = new FormData();
    form.append("name", "Piet");
    form.append("topic", "music");
    form.append("topic", "sports");
    form.append("topic", "history");
    form.append("logo", new File(["x"], "logo.png"));
    expect(entriesToObject(form.entries())).toEqual({
      name: "Piet",
      topic: ["music", "sports", "history"],
      logo: { file: true },
    });
  });

  it("stays linear for a key repeated 200,000 times", () => {
    const entries = Array.from({ length: 200_000 }, (_, index): [string, string] => ["q", String(index)]);
    const object = entriesToObject(entries);
    expect((object.q as string[]).length).toBe(200_000);
    expect((object.q as string[])[199_999]).toBe("199999");
  });

  it("gives a key named __proto__ no power over other objects", () => {
    const object = entriesToObject([["__proto__", "polluted"]]);
    expect(object.__proto__).toBe("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
