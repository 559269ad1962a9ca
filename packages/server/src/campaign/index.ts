// Campaign feature: app installs (anonymous, re-installs counted once, phone by OTP as a keyed hash), rollups per
// unit and day, subscribers, targets, the 17:00 snapshot, agencies, weekly XLSX/PDF reports - all scoped by unit.
import { keysConfigFrom } from "../keys/config.ts";
import { ensureServerSecret } from "../keys/secrets.ts";
import { defineFeature } from "../platform/feature.ts";
import { every } from "../platform/jobs/policy.ts";
import type { JobContext } from "../platform/jobs/registry.ts";
import { loadUnitsDataset } from "../units/dataset.ts";
import { createUnitIndex } from "../units/unit-index.ts";
import { campaignFeatureEnv } from "./config.ts";
import type { CampaignContext } from "./context.ts";
import { addDays, localDay, NATIONAL_CODE, weekStart } from "./coverage.ts";
import { takeSnapshot } from "./figures-store.ts";
import { IngestQueue } from "./ingest-queue.ts";
import { consoleOtpChannel, disabledOtpChannel, type OtpChannel } from "./otp-channel.ts";
import { generateReport } from "./reports.ts";
import { registerAdminRoutes } from "./routes-admin.ts";
import { registerAgencyOfficerRoutes } from "./routes-agency.ts";
import { registerAppRoutes } from "./routes-app.ts";
import { registerFigureRoutes } from "./routes-figures.ts";
import { registerReportRoutes } from "./routes-reports.ts";
import { type CampaignUnits, campaignUnits } from "./units.ts";

export { campaignEnv } from "./config.ts";
export { coverageBasisPoints, formatBasisPoints, localDay, NATIONAL_CODE } from "./coverage.ts";
export { type Registration, writeIngestBatch } from "./ingest-store.ts";
export { memoryOtpChannel, type OtpChannel } from "./otp-channel.ts";
export { type CampaignUnits, campaignUnits } from "./units.ts";

/** Name of the generated HMAC secret in server_secrets. */
export const PHONE_SECRET_NAME = "campaign.phone-hmac";
export const SNAPSHOT_JOB = "campaign.snapshot";
export const WEEKLY_REPORTS_JOB = "campaign.weekly-reports";

let unitsCache: CampaignUnits | undefined;
/** The campaign's view of the committed units data (built once per process). */
export function loadCampaignUnits(): CampaignUnits {
  if (!unitsCache) {
    const dataset = loadUnitsDataset();
    unitsCache = campaignUnits(createUnitIndex(dataset.units, dataset.mapping));
  }
  return unitsCache;
}

/** The feature; `otpChannel` replaces the configured one (tests, or an SMS adapter from outreach/). */
export function createCampaignFeature(options: { otpChannel?: OtpChannel } = {}) {
  return defineFeature({
    name: "campaign",
    env: campaignFeatureEnv,
    async register(app, deps) {
      const keys = keysConfigFrom(deps.config, deps.platform);
      const secret = await ensureServerSecret(deps.db, PHONE_SECRET_NAME, {
        configured: deps.config.phoneHashKey,
        variable: "CAMPAIGN_PHONE_HASH_KEY",
        generate: keys.generateMissing,
        random: deps.random,
      });
      const channelSetting =
        deps.config.otpChannel === "auto"
          ? deps.platform.nodeEnv === "production" && !deps.platform.demoMode
            ? "disabled"
            : "console"
          : deps.config.otpChannel;
      const batchSize = deps.metrics.histogram(
        "campaign_ingest_batch_size",
        "Events per ingest transaction.",
        [],
        [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
      );
      const ctx: CampaignContext = {
        db: deps.db,
        units: loadCampaignUnits(),
        queue: new IngestQueue({
          db: deps.db,
          clock: deps.clock,
          maxBatch: deps.config.ingestMaxBatch,
          concurrency: deps.config.ingestConcurrency,
          onBatch: (size) => batchSize.observe(size),
        }),
        secret,
        otp: options.otpChannel ?? (channelSetting === "console" ? consoleOtpChannel() : disabledOtpChannel),
        config: deps.config,
        clock: deps.clock,
        random: deps.random,
        blobs: deps.blobs,
        metrics: deps.metrics,
        log: deps.log,
      };
      app.addHook("onClose", async () => ctx.queue.drained());
      registerAppRoutes(app, ctx);
      registerFigureRoutes(app, ctx);
      registerAdminRoutes(app, ctx);
      registerAgencyOfficerRoutes(app, ctx);
      registerReportRoutes(app, ctx);

      // 17:00 Asia/Ho_Chi_Minh: the day's CoverageSnapshot of every unit (kept forever; idempotent).
      deps.jobs.handle(SNAPSHOT_JOB, async (_payload, job: JobContext) => {
        const day = localDay(job.job.runAt);
        const written = await takeSnapshot(deps.db, day, deps.clock());
        deps.log.info({ day, units: written }, "coverage snapshot taken");
      });
      deps.jobs.schedule({ name: SNAPSHOT_JOB, ...every.day({ atUtcHour: 10 }) });

      // Mondays 17:05: last week's reports of the nation and every province (communes: on demand).
      deps.jobs.handle(
        WEEKLY_REPORTS_JOB,
        async (_payload, job: JobContext) => {
          const week = addDays(weekStart(localDay(job.job.runAt)), -7);
          for (const code of [NATIONAL_CODE, ...ctx.units.children(NATIONAL_CODE).map((p) => p.code)]) {
            if (job.signal.aborted) throw new Error("stopped");
            await generateReport(ctx, code, week, null);
          }
          deps.log.info({ week }, "weekly reports generated");
        },
        { maxAttempts: 3 },
      );
      if (deps.config.weeklyReports) {
        // Weekly period aligned on Monday 10:05 UTC (the Unix epoch was a Thursday: +4 days).
        deps.jobs.schedule({
          name: WEEKLY_REPORTS_JOB,
          everyMs: 7 * 86_400_000,
          offsetMs: 4 * 86_400_000 + 10 * 3_600_000 + 5 * 60_000,
        });
      }
    },
  });
}

export const campaignFeature = createCampaignFeature();
