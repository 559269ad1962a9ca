// Landing feature (outreach): the install page's data and QR, the captive-portal page /cai-dat/wifi, anonymous
// visit counters per outreach source, and install posters - so the dashboard can tell which measure works.
import { defineFeature } from "../platform/feature.ts";
import { landingEnv } from "./landing-config.ts";
import { registerLandingRoutes } from "./landing-routes.ts";

export { landingEnv } from "./landing-config.ts";
export { LANDING_PATH } from "./landing-routes.ts";
export { landingVisits } from "./landing-tables.ts";
export { INSTALL_POSTER_SIZES, type InstallPosterSize, renderInstallPoster } from "./poster-install.ts";
export { attributeSources, landingUrl, MEASURES, type Measure, parseSource } from "./source.ts";

export const landingFeature = defineFeature({
  name: "landing",
  env: landingEnv,
  register(app, deps) {
    registerLandingRoutes(app, deps);
  },
});
