// Environment of the submission feature: accepted health authorities, the publish validation limits of the
// reference key server, check-in report count, privacy settings (embargo, truncation, padding, chaff), revision tokens.
import { envSecret, keysEnv } from "../keys/index.ts";
import { envDuration, envInt, envString } from "../platform/env.ts";
import { certificateEnv } from "../verification/config.ts";

export const submissionEnv = {
  healthAuthorityIds: envString(
    "SUBMISSION_HEALTH_AUTHORITY_IDS",
    "vn.bluezone",
    "Comma-separated healthAuthorityID values /v1/publish accepts.",
    { pattern: /^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$/ },
  ),
  maxKeys: envInt("SUBMISSION_MAX_KEYS", 30, "Most keys in one publish request.", { min: 1, max: 1000 }),
  maxCheckInReports: envInt(
    "SUBMISSION_MAX_CHECK_IN_REPORTS",
    200,
    "Most checkInProtectedReports in one publish request (stored only with confirmed/likely certificates).",
    { min: 0, max: 2000 },
  ),
  maxSameStartKeys: envInt(
    "SUBMISSION_MAX_SAME_START_KEYS",
    3,
    "Most keys of one request with the same rollingStartNumber.",
    { min: 1, max: 144 },
  ),
  maxKeyAgeMs: envDuration(
    "SUBMISSION_MAX_KEY_AGE",
    "15d",
    "Keys whose validity ended longer ago are refused.",
    { min: "1d", max: "30d" },
  ),
  maxSymptomOnsetDays: envInt(
    "SUBMISSION_MAX_SYMPTOM_ONSET_DAYS",
    14,
    "Keys further than this many days from the symptom onset are dropped (with a warning).",
    { min: 1, max: 28 },
  ),
  maxOnsetAgeMs: envDuration(
    "SUBMISSION_MAX_ONSET_AGE",
    "28d",
    "A certificate's symptom onset older than this (or in the future) is ignored.",
    { min: "1d" },
  ),
  embargoDelayMs: envDuration(
    "SUBMISSION_EMBARGO_DELAY",
    "2h",
    "Keys still valid at upload are exported this long after the end of their UTC day.",
    { max: "1d" },
  ),
  createdAtWindowMs: envDuration(
    "SUBMISSION_CREATED_AT_WINDOW",
    "1h",
    "Upload times are stored truncated to this window.",
    { min: "1m", max: "1d" },
  ),
  responsePaddedSize: envInt(
    "SUBMISSION_RESPONSE_PADDED_SIZE",
    3072,
    "Publish responses (real and chaff) are padded to this many characters.",
    { min: 0, max: 65_536 },
  ),
  chaffMaxDelayMs: envDuration(
    "SUBMISSION_CHAFF_MAX_DELAY",
    "2s",
    "Upper bound of the delay that makes chaff responses as slow as real ones (0 = answer at once).",
  ),
  revisionTokenKey: envSecret(
    "SUBMISSION_REVISION_TOKEN_KEY",
    "AES-256-GCM key of revision tokens (base64, 32 bytes).",
  ),
  revisionTokenTtlMs: envDuration(
    "SUBMISSION_REVISION_TOKEN_TTL",
    "30d",
    "How long a revision token can revise the keys it lists.",
    { min: "1d" },
  ),
  publishRateLimit: envInt(
    "SUBMISSION_PUBLISH_RATE_LIMIT",
    30,
    "/v1/publish requests per client address per minute.",
    { min: 1 },
  ),
} as const;

/** The feature's variables plus the certificate identity and keys variables it shares with verification/. */
export const submissionFeatureEnv = { ...submissionEnv, ...certificateEnv, ...keysEnv } as const;
