// Check-in feature: venues with CWA-compatible QR codes (posters, table signs), anonymous presence ticks and
// occupancy for owners and scoped officials. The phone's check-ins never reach the server (URL fragment).
import { keysConfigFrom, keysEnv } from "../keys/index.ts";
import { defineFeature } from "../platform/feature.ts";
import { every } from "../platform/jobs/policy.ts";
import { assistedEnv } from "./assisted-keys.ts";
import { ASSISTED_RETENTION_JOB, runAssistedRetention } from "./assisted-retention.ts";
import { registerAssistedRoutes } from "./assisted-routes.ts";
import { checkinEnv } from "./config.ts";
import { registerCheckinRoutes } from "./routes.ts";
import { publishWarningPackages } from "./warnings.ts";

export {
  assistedEnv,
  ensureAssistedSealingKey,
  generateSealingKeyPair,
  SEALING_KEY_FILE,
} from "./assisted-keys.ts";
export { ASSISTED_RETENTION_JOB, runAssistedRetention } from "./assisted-retention.ts";
export { ASSISTED_RELEASE_ACTION } from "./assisted-routes.ts";
export { checkinEnv } from "./config.ts";
export { hashTracingCode, peopleInside, traceLocationInput, type VenueInput, vnDayHours } from "./model.ts";
export { INSTRUCTION_VI, type PosterContent, type PosterFormat, QR_SIDE_CM, renderPoster } from "./poster.ts";
export { CROWD_NOTIFIER_PUBLIC_KEY } from "./public-key.ts";
export { TRACING_CODE_HEADER } from "./schemas.ts";
export { checkInReports, venueFlags, venuePresenceHourly, venues } from "./tables.ts";
export {
  flagReport,
  publishWarningPackages,
  WARNING_REGION,
  WARNINGS_PREFIX,
  type WarningIndex,
} from "./warnings.ts";

/** Name of the hourly job publishing TraceWarningPackages. */
export const CHECKIN_WARNINGS_JOB = "checkin.publish-warnings";

export const checkinFeature = defineFeature({
  name: "checkin",
  env: { ...checkinEnv, ...assistedEnv, ...keysEnv },
  register(app, deps) {
    registerCheckinRoutes(app, deps);
    const keys = keysConfigFrom(deps.config, deps.platform);
    deps.jobs.handle(CHECKIN_WARNINGS_JOB, async () => {
      await publishWarningPackages({ ...deps, keys });
    });
    deps.jobs.schedule({ name: CHECKIN_WARNINGS_JOB, ...every.hours(1, 2) });
    registerAssistedRoutes(app, deps);
    deps.jobs.handle(ASSISTED_RETENTION_JOB, async () => {
      const { deleted } = await runAssistedRetention(deps);
      deps.log.info({ deleted }, "checkin: staff-assisted check-ins past retention deleted");
    });
    deps.jobs.schedule({ name: ASSISTED_RETENTION_JOB, ...every.hours(1, 17) });
  },
});
