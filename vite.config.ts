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
  optimizeDeps: {
    // Only what the browser runs is pre-bundled, and it is named here: discovery is off. Vite's scan
    // reads the route files before Remix strips their loaders and actions, so it found Prisma,
    // nodemailer, pg-boss, sharp and others as the first pages were opened, pre-bundled them for the
    // browser and reloaded every open tab, once losing a half-filled form. MapLibre is only
    // imported lazily, which a scan would miss anyway.
    noDiscovery: true,
    include: [
      "react",
      "react/jsx-runtime",
      "react/jsx-dev-runtime",
      "react-dom/client",
      "@remix-run/react",
      "@conform-to/react",
      "@conform-to/dom",
      "maplibre-gl",
    ],
  },
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
