// Environment of the web feature: whether this server serves the built web app, and where the build is.
import { fileURLToPath } from "node:url";
import { envBool, envString } from "../platform/env.ts";

/** packages/web/dist of this checkout (what `npm run build:web` writes). */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL("../../../web/dist", import.meta.url));

export const webEnv = {
  enabled: envBool(
    "WEB_ENABLED",
    true,
    "Serve the web app (citizen pages and officials' console) at / with SPA fallback; false for an API-only server.",
  ),
  distDir: {
    ...envString(
      "WEB_DIST_DIR",
      DEFAULT_WEB_DIST_DIR,
      "Directory of the built web app (vite build output); when it has no index.html, / explains how to build it.",
    ),
    // Documented as the checkout-relative path, not this machine's absolute one.
    defaultText: "packages/web/dist",
  },
} as const;
