// What the campaign routes and jobs share: database, units, the ingest queue, the keyed-hash secret, the OTP
// channel, config, clock, randomness and blobs - built once when the feature registers.
import type { FastifyBaseLogger } from "fastify";
import type { BlobStore } from "../platform/blob/store.ts";
import type { Db } from "../platform/db/database.ts";
import type { EnvValues } from "../platform/env.ts";
import type { Clock, RandomBytes } from "../platform/feature.ts";
import type { Metrics } from "../platform/metrics.ts";
import type { campaignEnv } from "./config.ts";
import type { IngestQueue } from "./ingest-queue.ts";
import type { OtpChannel } from "./otp-channel.ts";
import type { CampaignUnits } from "./units.ts";

export type CampaignConfig = EnvValues<typeof campaignEnv>;

export interface CampaignContext {
  db: Db;
  units: CampaignUnits;
  queue: IngestQueue;
  /** Key of the HMACs stored instead of phone numbers, device hashes and OTPs. */
  secret: Uint8Array;
  otp: OtpChannel;
  config: CampaignConfig;
  clock: Clock;
  random: RandomBytes;
  blobs: BlobStore;
  metrics: Metrics;
  log: FastifyBaseLogger;
}
