// Vitest global setup: one migrated template database per run, shared with each test file.
import type { TestProject } from "vitest/node";
import { createTemplate, dropDatabase, startTestServer } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const template = await createTemplate(server.adminUrl);
  project.provide("adminDatabaseUrl", server.adminUrl);
  project.provide("templateDatabase", template);
  return async () => {
    await dropDatabase(server.adminUrl, template);
    await server.stop();
  };
}
