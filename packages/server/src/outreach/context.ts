// What the outreach routes, jobs and worker share, built once when the feature registers (or by the standalone
// worker process): secrets, the address sealer, channel adapters chosen from the configuration.
import { createHmac } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { CampaignUnits } from "../campaign/units.ts";
import { ensureServerSecret } from "../keys/secrets.ts";
import type { PlatformConfig } from "../platform/config.ts";
import type { Db } from "../platform/db/database.ts";
import type { Clock, RandomBytes } from "../platform/feature.ts";
import {
  type ChannelAdapter,
  consoleAdapter,
  httpSmsAdapter,
  smtpAdapter,
  zaloZnsAdapter,
} from "./channels.ts";
import type { OutreachConfig } from "./config.ts";
import type { Channel } from "./model.ts";
import { type AddressSealer, addressSealer } from "./seal.ts";
import { OutboxWorker } from "./worker.ts";

/** Same name as campaign/index.ts PHONE_SECRET_NAME: numbers are hashed under the campaign's phone key. */
export const PHONE_SECRET_NAME = "campaign.phone-hmac";
export const ADDRESS_SECRET_NAME = "outreach.address-key";
export const ZALO_DEFAULT_URL = "https://business.openapi.zalo.me/message/template";

export interface OutreachSecrets {
  /** Key of recipient hashes (the campaign feature's phone hash key). */
  phoneKey: Uint8Array;
  sealer: AddressSealer;
  /** Key of opt-out link signatures (derived from the address key). */
  optOutKey: Uint8Array;
}

export async function loadSecrets(
  db: Db,
  config: OutreachConfig,
  platform: Pick<PlatformConfig, "nodeEnv" | "demoMode">,
  random: RandomBytes,
): Promise<OutreachSecrets> {
  const generate = config.generateMissing ?? (platform.nodeEnv !== "production" || platform.demoMode);
  const phoneKey = await ensureServerSecret(db, PHONE_SECRET_NAME, {
    configured: config.phoneHashKey,
    variable: "CAMPAIGN_PHONE_HASH_KEY",
    generate,
    random,
  });
  const addressKey = await ensureServerSecret(db, ADDRESS_SECRET_NAME, {
    configured: config.addressKey,
    variable: "OUTREACH_ADDRESS_KEY",
    generate,
    random,
  });
  return {
    phoneKey,
    sealer: addressSealer(addressKey.subarray(0, 32), random),
    optOutKey: new Uint8Array(createHmac("sha256", addressKey).update("outreach optout link").digest()),
  };
}

/** The adapters the configuration selects ("auto": the real one when configured, console unless production). */
export function createAdapters(
  config: OutreachConfig,
  platform: Pick<PlatformConfig, "nodeEnv" | "demoMode">,
  print: (line: string) => void,
): Partial<Record<Channel, ChannelAdapter>> {
  const demoAllowed = platform.nodeEnv !== "production" || platform.demoMode;
  const adapters: Partial<Record<Channel, ChannelAdapter>> = {};
  const timeoutMs = config.sendTimeoutMs;
  const sms =
    config.smsAdapter === "auto"
      ? config.smsUrl
        ? "http"
        : demoAllowed
          ? "console"
          : "disabled"
      : config.smsAdapter;
  if (sms === "http") {
    if (!config.smsUrl) throw new Error("OUTREACH_SMS_ADAPTER=http needs OUTREACH_SMS_URL");
    adapters.sms = httpSmsAdapter({
      url: config.smsUrl,
      authorization: config.smsAuth,
      brandName: config.smsBrandName,
      timeoutMs,
    });
  } else if (sms === "console") adapters.sms = consoleAdapter("sms", print);
  const zalo =
    config.zaloAdapter === "auto"
      ? config.zaloAccessToken
        ? "zns"
        : demoAllowed
          ? "console"
          : "disabled"
      : config.zaloAdapter;
  if (zalo === "zns") {
    if (!config.zaloAccessToken)
      throw new Error("OUTREACH_ZALO_ADAPTER=zns needs OUTREACH_ZALO_ACCESS_TOKEN");
    adapters.zalo = zaloZnsAdapter({
      url: config.zaloUrl ?? ZALO_DEFAULT_URL,
      accessToken: config.zaloAccessToken,
      timeoutMs,
    });
  } else if (zalo === "console") adapters.zalo = consoleAdapter("zalo", print);
  const email =
    config.emailAdapter === "auto"
      ? config.smtpUrl
        ? "smtp"
        : demoAllowed
          ? "console"
          : "disabled"
      : config.emailAdapter;
  if (email === "smtp") {
    if (!config.smtpUrl) throw new Error("OUTREACH_EMAIL_ADAPTER=smtp needs OUTREACH_SMTP_URL");
    adapters.email = smtpAdapter({ url: config.smtpUrl, from: config.emailFrom, timeoutMs });
  } else if (email === "console") adapters.email = consoleAdapter("email", print);
  return adapters;
}

export const optOutUrlOf = (publicBaseUrl: string) =>
  `${publicBaseUrl.replace(/\/+$/, "")}/v1/outreach/optout`;

/** A delivery worker configured from the environment. */
export function createOutboxWorker(input: {
  db: Db;
  config: OutreachConfig;
  secrets: OutreachSecrets;
  adapters: Partial<Record<Channel, ChannelAdapter>>;
  publicBaseUrl: string;
  clock: Clock;
  log?: FastifyBaseLogger;
  onResult?: ConstructorParameters<typeof OutboxWorker>[0]["onResult"];
}): OutboxWorker {
  const { config } = input;
  return new OutboxWorker({
    db: input.db,
    adapters: input.adapters,
    sealer: input.secrets.sealer,
    optOutKey: input.secrets.optOutKey,
    optOutUrl: optOutUrlOf(input.publicBaseUrl),
    clock: input.clock,
    batchSize: config.batchSize,
    leaseMs: config.leaseMs,
    maxAttempts: config.maxAttempts,
    retry: { baseMs: config.retryBaseMs, maxMs: config.retryMaxMs },
    rates: { sms: config.smsRate, zalo: config.zaloRate, email: config.emailRate },
    pollIntervalMs: config.pollIntervalMs,
    ...(input.log ? { log: input.log } : {}),
    ...(input.onResult ? { onResult: input.onResult } : {}),
  });
}

export interface OutreachContext {
  db: Db;
  units: CampaignUnits;
  config: OutreachConfig;
  secrets: OutreachSecrets;
  publicBaseUrl: string;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Wakes the local delivery worker after messages were queued. */
  poke(): void;
}
