// Environment of the campaign feature: phone-hash secret, OTP channel and lifetimes, ingest batching, rate
// limits of the app-facing endpoints, agency compliance target and report generation, with defaults.
import { envSecret, keysEnv } from "../keys/index.ts";
import { envBool, envDuration, envEnum, envInt } from "../platform/env.ts";

export const campaignEnv = {
  phoneHashKey: envSecret(
    "CAMPAIGN_PHONE_HASH_KEY",
    "HMAC-SHA256 key under which confirmed phone numbers, device hashes and OTPs are stored (base64, >= 32 bytes).",
  ),
  otpChannel: envEnum(
    "CAMPAIGN_OTP_CHANNEL",
    "auto",
    "How OTPs reach phones: console (prints the OTP, never the number; demo), disabled, or auto (console unless NODE_ENV=production without DEMO_MODE).",
    ["auto", "console", "disabled"],
  ),
  otpTtlMs: envDuration("CAMPAIGN_OTP_TTL", "10m", "Lifetime of a phone confirmation OTP.", {
    min: "1m",
    max: "1h",
  }),
  otpMaxAttempts: envInt("CAMPAIGN_OTP_MAX_ATTEMPTS", 5, "Wrong OTPs before the challenge is void.", {
    min: 1,
    max: 20,
  }),
  otpResendMs: envDuration(
    "CAMPAIGN_OTP_RESEND_INTERVAL",
    "60s",
    "Minimum time between two OTPs for one install.",
    {
      min: "0s",
    },
  ),
  installRateLimit: envInt(
    "CAMPAIGN_INSTALL_RATE_LIMIT",
    120,
    "POST /v1/installs and heartbeats per client address per minute (phones behind one NAT share it).",
    { min: 1 },
  ),
  phoneRateLimit: envInt(
    "CAMPAIGN_PHONE_RATE_LIMIT",
    10,
    "Phone confirmation requests (send and confirm) per client address per minute.",
    { min: 1 },
  ),
  ingestMaxBatch: envInt(
    "CAMPAIGN_INGEST_MAX_BATCH",
    500,
    "Most registrations/heartbeats written in one transaction (concurrent requests are grouped).",
    { min: 1, max: 10_000 },
  ),
  ingestConcurrency: envInt(
    "CAMPAIGN_INGEST_CONCURRENCY",
    1,
    "Ingest transactions in flight at once per process. Every batch updates the same counter rows (VN, the province), so a second transaction mostly waits for the first's row locks and halves the batches; 1 measured best, with one process or several (bench/campaign-ingest.ts).",
    { min: 1, max: 32 },
  ),
  agencyTargetPercent: envInt(
    "CAMPAIGN_AGENCY_TARGET",
    90,
    "Staff compliance (joined / headcount, percent) an agency without its own target should reach.",
    { min: 1, max: 100 },
  ),
  weeklyReports: envBool(
    "CAMPAIGN_WEEKLY_REPORTS",
    true,
    "Generate every province's and the national weekly report on Monday 17:00 (Asia/Ho_Chi_Minh).",
  ),
} as const;

/** The feature's variables plus the keys variables (KEYS_GENERATE_MISSING) it shares. */
export const campaignFeatureEnv = { ...campaignEnv, ...keysEnv } as const;
