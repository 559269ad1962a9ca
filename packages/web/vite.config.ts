// Vite build of the Bluezone PWA: Preact JSX through Vite's own transformer (no Babel preset), output in
// packages/web/dist (served by the server's web feature); the dev server proxies the API to a running server.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const apiTarget = process.env.BLUEZONE_API_URL ?? "http://127.0.0.1:8080";
const proxied = ["/v1", "/blobs", "/healthz", "/docs", "/metrics"];

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsDir: "assets",
  },
  server: {
    proxy: Object.fromEntries(proxied.map((prefix) => [prefix, { target: apiTarget, changeOrigin: false }])),
  },
});
