// Environment of the verification feature: code and token lifetimes, the code HMAC secret, issuing quotas,
// rate limits, and the certificate's issuer / audience / lifetime (shared with submission/ as certificateEnv).
import { envSecret, keysEnv } from "../keys/index.ts";
import { envDuration, envInt, envString } from "../platform/env.ts";

/** The certificate JWT's identity; submission/ reads the same variables to verify certificates. */
export const certificateEnv = {
  certificateIssuer: envString(
    "VERIFICATION_CERTIFICATE_ISSUER",
    "bluezone-verification",
    "`iss` of verification certificates (the key server accepts only this issuer).",
  ),
  certificateAudience: envString(
    "VERIFICATION_CERTIFICATE_AUDIENCE",
    "bluezone-keys",
    "`aud` of verification certificates (the key server accepts only this audience).",
  ),
} as const;

export const verificationEnv = {
  ...certificateEnv,
  codeTtlMs: envDuration("VERIFICATION_CODE_TTL", "15m", "Lifetime of the short (8-digit) code.", {
    min: "1m",
    max: "1h",
  }),
  longCodeTtlMs: envDuration(
    "VERIFICATION_LONG_CODE_TTL",
    "24h",
    "Lifetime of the long (16-character) code sent in SMS links.",
    { min: "1h", max: "7d" },
  ),
  tokenTtlMs: envDuration("VERIFICATION_TOKEN_TTL", "24h", "Lifetime of the token /v1/verify returns.", {
    min: "1m",
    max: "14d",
  }),
  certificateTtlMs: envDuration(
    "VERIFICATION_CERTIFICATE_TTL",
    "15m",
    "Lifetime of a verification certificate.",
    { min: "1m", max: "1d" },
  ),
  certificateKid: envString(
    "VERIFICATION_CERTIFICATE_KID",
    "bluezone-certificate",
    "Key id (kid prefix) of generated certificate signing keys.",
    { pattern: /^[A-Za-z0-9._-]{1,64}$/ },
  ),
  codeSecret: envSecret(
    "VERIFICATION_CODE_SECRET",
    "HMAC-SHA256 key under which codes and long codes are stored (base64, >= 32 bytes).",
  ),
  officerDailyQuota: envInt(
    "VERIFICATION_OFFICER_DAILY_QUOTA",
    300,
    "Codes one officer may issue per 24 hours.",
    { min: 1 },
  ),
  realmDailyQuota: envInt(
    "VERIFICATION_REALM_DAILY_QUOTA",
    10_000,
    "Codes one realm (the officers' unit) may issue per 24 hours.",
    { min: 1 },
  ),
  maxDateAgeDays: envInt(
    "VERIFICATION_MAX_DATE_AGE_DAYS",
    14,
    "Oldest symptom or test date accepted when issuing a code, in days before the officer's today.",
    { min: 1, max: 60 },
  ),
  defaultTzOffsetMinutes: envInt(
    "VERIFICATION_DEFAULT_TZ_OFFSET",
    420,
    "Officer's UTC offset in minutes when the request has no tzOffset (420 = Asia/Ho_Chi_Minh).",
    { min: -720, max: 840 },
  ),
  verifyRateLimit: envInt(
    "VERIFICATION_VERIFY_RATE_LIMIT",
    10,
    "/v1/verify and /v1/certificate requests per client address per minute.",
    { min: 1 },
  ),
  retentionMs: envDuration(
    "VERIFICATION_RETENTION",
    "2d",
    "How long expired codes and tokens are kept (for status checks and quotas) before they are purged.",
    { min: "1d" },
  ),
  responsePaddedSize: envInt(
    "VERIFICATION_RESPONSE_PADDED_SIZE",
    1024,
    "Verify and certificate responses are padded to this many characters.",
    { min: 0, max: 65_536 },
  ),
} as const;

/** The feature's variables plus the signing key variables (validated at start with everything else). */
export const verificationFeatureEnv = { ...verificationEnv, ...keysEnv } as const;
