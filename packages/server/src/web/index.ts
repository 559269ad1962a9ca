// Web feature: serves the built Preact PWA (packages/web/dist, WEB_DIST_DIR) at / with SPA fallback to
// index.html for the app's routes; /v1, /docs, /metrics, /healthz and /blobs stay the server's own.
import { resolve } from "node:path";
import { defineFeature } from "../platform/feature.ts";
import { webEnv } from "./config.ts";
import { registerWebRoutes } from "./routes.ts";

export { DEFAULT_WEB_DIST_DIR, webEnv } from "./config.ts";
export { isServerPath, SERVER_PATH_PREFIXES, webTarget } from "./model.ts";

export const webFeature = defineFeature({
  name: "web",
  env: webEnv,
  async register(app, deps) {
    if (!deps.config.enabled) return;
    await registerWebRoutes(app, {
      distDir: resolve(deps.config.distDir),
      https: deps.platform.publicBaseUrl.startsWith("https:"),
    });
  },
});
