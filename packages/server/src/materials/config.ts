// Environment of the guidance materials (/tai-lieu): the largest accepted upload and the read rate limit.
import { envInt } from "../platform/env.ts";

export const materialsEnv = {
  maxBytes: envInt(
    "MATERIALS_MAX_BYTES",
    50 * 1024 * 1024,
    "Largest guidance material (file or video) an official may upload, in bytes (held in memory while stored).",
    { min: 1024, max: 1024 * 1024 * 1024 },
  ),
  readRateLimit: envInt(
    "MATERIALS_READ_RATE_LIMIT",
    240,
    "GET /v1/materials and material downloads per client address per minute.",
    { min: 1 },
  ),
};
