// Environment of the install landing page (/cai-dat), its captive-portal variant and the install posters:
// the store links and the rate limit of the anonymous visit counter.
import { envInt, envString } from "../platform/env.ts";

export const landingEnv = {
  iosUrl: envString(
    "OUTREACH_IOS_URL",
    "https://apps.apple.com/vn/app/bluezone/id1508062685",
    "App Store link of the Bluezone app on the install page, the captive-portal page and posters.",
    { pattern: /^https:\/\/\S+$/ },
  ),
  androidUrl: envString(
    "OUTREACH_ANDROID_URL",
    "https://play.google.com/store/apps/details?id=com.mic.bluezone",
    "Google Play link of the Bluezone app; the page adds `referrer=src%3D<source>` so the app can read its source.",
    { pattern: /^https:\/\/\S+$/ },
  ),
  visitRateLimit: envInt(
    "OUTREACH_LANDING_RATE_LIMIT",
    30,
    "POST /v1/outreach/landing-visits and GET /cai-dat/wifi requests per client address per minute.",
    { min: 1 },
  ),
};
