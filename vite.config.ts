import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// Loader and action data are typed as single fetch sends them (Dates stay Dates; ADR 0014).
declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000 },
  build: {
    target: "es2022",
    // The translation runtime's small modules (config, catalog, registry, …) travel as one chunk
    // instead of five files of a few hundred bytes each: every page loads all of them.
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          id.includes("/app/modules/i18n/") && !id.endsWith(".json") ? "i18n" : undefined,
      },
    },
  },
  // Server-only native packages: the client dependency scan must not try to bundle them. MapLibre is
  // only imported lazily, which the scan misses: named here, the first map in development does not
  // make Vite re-bundle and reload the page.
  optimizeDeps: { exclude: ["@node-rs/argon2"], include: ["maplibre-gl"] },
  plugins: [
    remix({
      // BUILD_DIR lets parallel test runs keep separate builds.
      buildDirectory: process.env.BUILD_DIR ?? "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        // Routes come from app/routes.ts (still the file conventions, through @remix-run/fs-routes).
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
});
