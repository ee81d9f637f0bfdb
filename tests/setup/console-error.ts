// Both Vitest projects: any console.error in a test is a failure, as in the browser tests.
import { beforeAll, vi } from "vitest";

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error in a test: ${args.map(String).join(" ")}`);
  });
});
