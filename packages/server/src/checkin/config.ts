// Environment of the venue check-in feature: the check-in page path on PUBLIC_BASE_URL and the rate limits
// of the anonymous presence ticks and the venue/occupancy reads.
import { envInt, envString } from "../platform/env.ts";

export const checkinEnv = {
  pagePath: envString(
    "CHECKIN_PAGE_PATH",
    "/c/",
    "Path of the web check-in page on PUBLIC_BASE_URL; poster URLs are PUBLIC_BASE_URL + this path + ?v=1#<payload>.",
  ),
  presenceRateLimit: envInt(
    "CHECKIN_PRESENCE_RATE_LIMIT",
    60,
    "POST /v1/presence requests per client address per minute.",
    { min: 1 },
  ),
  presenceMaxBatch: envInt(
    "CHECKIN_PRESENCE_MAX_BATCH",
    1000,
    "Most presence ticks written in one transaction (ticks arriving together are summed per venue and hour).",
    { min: 1, max: 10_000 },
  ),
  presenceConcurrency: envInt(
    "CHECKIN_PRESENCE_CONCURRENCY",
    2,
    "Presence-tick transactions in flight at once per process.",
    { min: 1, max: 32 },
  ),
  readRateLimit: envInt(
    "CHECKIN_READ_RATE_LIMIT",
    120,
    "Venue, poster and occupancy requests per client address per minute.",
    { min: 1 },
  ),
};
