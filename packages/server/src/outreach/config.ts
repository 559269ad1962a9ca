// Environment of the outreach feature: channel adapters (SMS gateway, Zalo ZNS, SMTP, console), delivery worker
// (batch, lease, retries, per-channel rate limits), shared secrets of callbacks and arrivals, default quiet hours.
import { campaignEnv } from "../campaign/config.ts";
import { envSecret, keysEnv } from "../keys/config.ts";
import {
  type EnvValues,
  envBool,
  envDuration,
  envEnum,
  envInt,
  envOptionalString,
  envString,
  envUrl,
} from "../platform/env.ts";

const QUIET = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

export const outreachEnv = {
  addressKey: envSecret(
    "OUTREACH_ADDRESS_KEY",
    "AES-256-GCM key sealing recipients' numbers and e-mail addresses while a campaign needs them (base64, 32 bytes).",
  ),
  smsAdapter: envEnum(
    "OUTREACH_SMS_ADAPTER",
    "auto",
    "SMS channel: http (brand-name gateway at OUTREACH_SMS_URL), console (demo: prints masked numbers), disabled, or auto (http when OUTREACH_SMS_URL is set, else console unless production).",
    ["auto", "http", "console", "disabled"],
  ),
  smsUrl: envUrl("OUTREACH_SMS_URL", "Brand-name SMS gateway endpoint (JSON POST).", {
    protocols: ["http", "https"],
  }),
  smsAuth: envOptionalString(
    "OUTREACH_SMS_AUTH",
    "Authorization header value for the SMS gateway (e.g. `Bearer <token>` or `Basic <base64>`).",
  ),
  smsBrandName: envString("OUTREACH_SMS_BRAND_NAME", "BLUEZONE", "Registered brand name (sender) of SMS."),
  zaloAdapter: envEnum(
    "OUTREACH_ZALO_ADAPTER",
    "auto",
    "Zalo channel: zns (template messages via OUTREACH_ZALO_URL), console, disabled, or auto (zns when OUTREACH_ZALO_ACCESS_TOKEN is set, else console unless production).",
    ["auto", "zns", "console", "disabled"],
  ),
  zaloUrl: envUrl("OUTREACH_ZALO_URL", "Zalo ZNS template-message endpoint.", {
    protocols: ["http", "https"],
    defaultText: "https://business.openapi.zalo.me/message/template",
  }),
  zaloAccessToken: envOptionalString("OUTREACH_ZALO_ACCESS_TOKEN", "Zalo OA access_token (header)."),
  emailAdapter: envEnum(
    "OUTREACH_EMAIL_ADAPTER",
    "auto",
    "E-mail channel: smtp (OUTREACH_SMTP_URL), console, disabled, or auto (smtp when OUTREACH_SMTP_URL is set, else console unless production).",
    ["auto", "smtp", "console", "disabled"],
  ),
  smtpUrl: envUrl("OUTREACH_SMTP_URL", "SMTP server, e.g. smtps://user:pass@mail.example.vn:465.", {
    protocols: ["smtp", "smtps"],
  }),
  emailFrom: envString(
    "OUTREACH_EMAIL_FROM",
    "Bluezone <no-reply@bluezone.gov.vn>",
    "From of outreach e-mails.",
  ),
  sendTimeoutMs: envDuration("OUTREACH_SEND_TIMEOUT", "10s", "Timeout of one provider request.", {
    min: "100ms",
  }),
  smsRate: envInt(
    "OUTREACH_SMS_RATE",
    200,
    "SMS sent per second by one worker (token bucket; 0 = no limit).",
    {
      min: 0,
    },
  ),
  zaloRate: envInt("OUTREACH_ZALO_RATE", 100, "Zalo messages per second by one worker (0 = no limit).", {
    min: 0,
  }),
  emailRate: envInt("OUTREACH_EMAIL_RATE", 20, "E-mails per second by one worker (0 = no limit).", {
    min: 0,
  }),
  workerEnabled: envBool(
    "OUTREACH_WORKER_ENABLED",
    true,
    "Run the outbox delivery worker in this process (when JOBS_ENABLED).",
  ),
  batchSize: envInt("OUTREACH_BATCH_SIZE", 200, "Outbox messages claimed per batch.", {
    min: 1,
    max: 10_000,
  }),
  pollIntervalMs: envDuration("OUTREACH_POLL_INTERVAL", "1s", "How often an idle delivery worker looks.", {
    min: "10ms",
  }),
  leaseMs: envDuration(
    "OUTREACH_LEASE",
    "2m",
    "Visibility timeout of a claimed batch: a killed worker's messages are re-claimed after it.",
    { min: "1s" },
  ),
  maxAttempts: envInt("OUTREACH_MAX_ATTEMPTS", 6, "Send attempts before a message is marked failed.", {
    min: 1,
    max: 50,
  }),
  retryBaseMs: envDuration(
    "OUTREACH_RETRY_BASE",
    "30s",
    "First retry delay (doubled each attempt, jittered).",
    {
      min: "1ms",
    },
  ),
  retryMaxMs: envDuration("OUTREACH_RETRY_MAX", "1h", "Longest retry delay."),
  callbackSecret: envOptionalString(
    "OUTREACH_CALLBACK_SECRET",
    "Shared secret providers send in X-Outreach-Secret with delivery reports and inbound SMS (unset: those routes answer 404).",
  ),
  arrivalsApiKeys: envOptionalString(
    "OUTREACH_ARRIVALS_API_KEYS",
    "Comma-separated API keys of telcos and transport operators for POST /v1/outreach/arrivals (unset: route answers 404).",
  ),
  arrivalsRateLimit: envInt("OUTREACH_ARRIVALS_RATE_LIMIT", 60, "Arrival batches per client per minute.", {
    min: 1,
  }),
  arrivalsMaxNumbers: envInt("OUTREACH_ARRIVALS_MAX_NUMBERS", 5000, "Most numbers in one arrival batch.", {
    min: 1,
    max: 50_000,
  }),
  stayDays: envInt(
    "OUTREACH_STAY_DAYS",
    14,
    "A number reported arriving in the same province within this many days of its last report gets no new welcome.",
    { min: 1, max: 365 },
  ),
  arrivalsTemplate: envString(
    "OUTREACH_ARRIVALS_TEMPLATE",
    "Chào mừng bạn đến {{unit}}. Cài Bluezone để được cảnh báo tiếp xúc: {{link}} Soạn TU CHOI để từ chối.",
    "Welcome message template ({{unit}}: province name, {{link}}: install page with src=arrival-<province>).",
  ),
  quietHours: envString(
    "OUTREACH_QUIET_HOURS",
    "21:00-07:00",
    "Default quiet hours (Asia/Ho_Chi_Minh) of new campaigns and of welcome messages; messages wait until they end.",
    { pattern: QUIET },
  ),
  uploadMaxBytes: envInt(
    "OUTREACH_UPLOAD_MAX_BYTES",
    20 * 1024 * 1024,
    "Largest audience CSV upload (bytes).",
    {
      min: 1024,
    },
  ),
} as const;

/** The feature's variables, plus the phone-hash key it shares with campaign/ and KEYS_GENERATE_MISSING. */
export const outreachFeatureEnv = {
  ...outreachEnv,
  phoneHashKey: campaignEnv.phoneHashKey,
  generateMissing: keysEnv.generateMissing,
} as const;

export type OutreachConfig = EnvValues<typeof outreachFeatureEnv>;
