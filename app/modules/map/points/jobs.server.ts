// The map's worker: every ten minutes, the change log loses its rows older than an hour. Every
// instance is told of each change at its commit (LISTEN/NOTIFY) and checks the version on every
// map request, so an hour is far more than any running instance needs; one that was cut off for
// longer loads its points whole once (changes_from, see snapshot.server.ts).
import { defineQueue, type JobWorker } from "~/utils/jobs.server.ts";
import { pruneMapChanges } from "./snapshot.server.ts";

export const mapChangesKeptSeconds = 60 * 60;

export const mapChangesPruneWorker: JobWorker<object> = {
  queue: defineQueue({ name: "map-changes-prune", options: { policy: "singleton" }, cron: "*/10 * * * *" }),
  handle: async () => {
    await pruneMapChanges(mapChangesKeptSeconds);
  },
};
