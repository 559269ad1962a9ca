// Environment of the health declaration feature: retention, the sealing key of identifying fields, small-count
// suppression of the officials' figures, per-declarant limits and the public endpoints' rate limits.
import { envSecret, keysEnv } from "../keys/index.ts";
import { type EnvValues, envDuration, envInt } from "../platform/env.ts";

export const declarationEnv = {
  retentionMs: envDuration(
    "DECLARATION_RETENTION",
    "28d",
    "Declarations and their follow-up entries are deleted this long after they were made (anonymous daily counts are kept).",
    { min: "1d", max: "365d" },
  ),
  retentionIntervalMs: envDuration(
    "DECLARATION_RETENTION_INTERVAL",
    "1h",
    "How often the declaration retention job runs.",
    { min: "1m", max: "1d" },
  ),
  sealKey: envSecret(
    "DECLARATION_SEAL_KEY",
    "AES-256-GCM key sealing the identifying and health answers of declarations at rest (base64, 32 bytes).",
  ),
  sealKeyPrevious: envSecret(
    "DECLARATION_SEAL_KEY_PREVIOUS",
    "The previous DECLARATION_SEAL_KEY after a rotation: still opens rows sealed before it (base64, 32 bytes).",
  ),
  minCount: envInt(
    "DECLARATION_STATS_MIN_COUNT",
    5,
    "Officials' figures between 1 and this minus one are suppressed (shown as null); 1 shows every count.",
    { min: 1, max: 100 },
  ),
  statsMaxDays: envInt("DECLARATION_STATS_MAX_DAYS", 92, "Longest date range of one statistics request.", {
    min: 1,
    max: 366,
  }),
  maxPerDeclarant: envInt(
    "DECLARATION_MAX_PER_DECLARANT",
    40,
    "Most declarations one declarant key may hold at a time.",
    { min: 1, max: 1000 },
  ),
  submitRateLimit: envInt(
    "DECLARATION_SUBMIT_RATE_LIMIT",
    10,
    "POST /v1/declarations requests per client address per minute.",
    { min: 1 },
  ),
  readRateLimit: envInt(
    "DECLARATION_READ_RATE_LIMIT",
    60,
    "Requests per client address per minute to a citizen's own declarations (list, read, follow-up, delete).",
    { min: 1 },
  ),
} as const;

/** The feature's variables plus KEYS_GENERATE_MISSING (a missing seal key is generated only where allowed). */
export const declarationFeatureEnv = { ...declarationEnv, generateMissing: keysEnv.generateMissing } as const;

export type DeclarationConfig = EnvValues<typeof declarationEnv>;
