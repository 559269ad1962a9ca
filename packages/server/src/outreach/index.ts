// Outreach feature: campaigns (SMS, Zalo ZNS, e-mail) repeated on a schedule until installed or opted out, an
// outbox with a leased delivery worker, retries and rate limits, channel adapters, opt-out, arrival welcomes.
import { loadCampaignUnits } from "../campaign/index.ts";
import { defineFeature } from "../platform/feature.ts";
import { every } from "../platform/jobs/policy.ts";
import { outreachFeatureEnv } from "./config.ts";
import { createAdapters, createOutboxWorker, loadSecrets, type OutreachContext } from "./context.ts";
import { planRound } from "./planning.ts";
import { registerOutreachRoutes } from "./routes.ts";
import { planDueRounds } from "./store.ts";
import type { OutboxWorker } from "./worker.ts";

export type { ChannelAdapter, OutboundMessage, SendResult } from "./channels.ts";
export { httpSmsAdapter } from "./channels.ts";
export { outreachEnv, outreachFeatureEnv } from "./config.ts";
export { campaignSource, installLink, normalizeAddress, recipientHash } from "./model.ts";
export { addressSealer } from "./seal.ts";
export { addRecipients, insertCampaign, setCampaignStatus } from "./store.ts";
export { OutboxWorker } from "./worker.ts";

export const PLAN_JOB = "outreach.plan";

/** Plans every due round now (the scheduler job's body; tests call it with their clock). */
export async function planOutreach(ctx: Pick<OutreachContext, "db" | "units" | "publicBaseUrl">, now: Date) {
  return planDueRounds(ctx.db, now, (campaign) =>
    planRound(campaign, {
      now,
      unitName: ctx.units.get(campaign.unitCode)?.name ?? campaign.unitCode,
      publicBaseUrl: ctx.publicBaseUrl,
    }),
  );
}

/**
 * The feature. `adapters` replaces the configured channel adapters (tests); the delivery worker starts when
 * the server listens (JOBS_ENABLED and OUTREACH_WORKER_ENABLED) and is handed to `onWorker`.
 * The landing page, posters and materials are separate plugins living in this folder (landing*, poster*,
 * materials*) and registered on their own.
 */
export function createOutreachFeature(
  options: {
    adapters?: Parameters<typeof createOutboxWorker>[0]["adapters"];
    /** Receives the delivery worker (tests drain it instead of starting it). */
    onWorker?: (worker: OutboxWorker) => void;
  } = {},
) {
  return defineFeature({
    name: "outreach",
    env: outreachFeatureEnv,
    async register(app, deps) {
      const secrets = await loadSecrets(deps.db, deps.config, deps.platform, deps.random);
      const print = (line: string) => deps.log.info({ component: "outreach-console" }, line);
      const adapters = options.adapters ?? createAdapters(deps.config, deps.platform, print);
      const messages = deps.metrics.counter(
        "outreach_messages_total",
        "Outbox messages by channel and result.",
        ["channel", "result"],
      );
      const worker: OutboxWorker = createOutboxWorker({
        db: deps.db,
        config: deps.config,
        secrets,
        adapters,
        publicBaseUrl: deps.platform.publicBaseUrl,
        clock: deps.clock,
        log: deps.log,
        onResult: (channel, result, n) => messages.inc({ channel, result }, n),
      });
      options.onWorker?.(worker);
      const ctx: OutreachContext = {
        db: deps.db,
        units: loadCampaignUnits(),
        config: deps.config,
        secrets,
        publicBaseUrl: deps.platform.publicBaseUrl,
        clock: deps.clock,
        log: deps.log,
        poke: () => worker.poke(),
      };
      registerOutreachRoutes(app, ctx);

      deps.jobs.handle(PLAN_JOB, async () => {
        const planned = await planOutreach(ctx, deps.clock());
        for (const p of planned) deps.log.info(p, "outreach round planned");
        if (planned.length > 0) worker.poke();
      });
      deps.jobs.schedule({ name: PLAN_JOB, ...every.minutes(1) });

      if (deps.platform.jobs.enabled && deps.config.workerEnabled) {
        app.addHook("onListen", async () => worker.start());
      }
      app.addHook("onClose", async () => worker.stop());
    },
  });
}

export const outreachFeature = createOutreachFeature();
