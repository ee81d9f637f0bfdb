import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2022" },
  // Server-only native packages: the client dependency scan must not try to bundle them. MapLibre is
  // only imported lazily, which the scan misses: named here, the first map in development does not
  // make Vite re-bundle and reload the page.
  optimizeDeps: { exclude: ["@node-rs/argon2"], include: ["maplibre-gl"] },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx"],
      // BUILD_DIR lets parallel test runs keep separate builds.
      buildDirectory: process.env.BUILD_DIR ?? "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
});
