// Declaration feature: the electronic health declaration (khai báo y tế, NCOVI / tokhaiyte.vn) and domestic
// travel declaration, follow-ups, per-commune anonymous counts for officials, and the retention job.
import { ensureServerSecret } from "../keys/index.ts";
import type { Db } from "../platform/db/database.ts";
import type { Clock } from "../platform/feature.ts";
import { defineFeature } from "../platform/feature.ts";
import { declarationFeatureEnv } from "./config.ts";
import { retentionCutoff } from "./model.ts";
import { registerDeclarationRoutes } from "./routes.ts";
import { createSealer } from "./seal.ts";
import { deleteExpired, type RetentionCounts } from "./store.ts";
import { cachedUnitLookup } from "./unit-lookup.ts";

export { countDeltas, METRICS, type Metric, suppress } from "./aggregates.ts";
export {
  CONDITIONS,
  DECLARATION_KINDS,
  EXPOSURES,
  GENDERS,
  NATIONALITIES,
  SYMPTOMS,
  TRANSPORTS,
} from "./catalog.ts";
export { type DeclarationConfig, declarationEnv } from "./config.ts";
export { LIMITS, vnDay } from "./model.ts";
export { declarants, declarationCounts, declarationFollowUps, declarations } from "./tables.ts";

/** Name of the periodic retention job. */
export const DECLARATION_RETENTION_JOB = "declaration.retention";

/** Deletes declarations (with follow-ups) older than the retention, and idle declarant keys. Idempotent. */
export async function runDeclarationRetention(deps: {
  db: Db;
  clock: Clock;
  retentionMs: number;
}): Promise<RetentionCounts> {
  return deleteExpired(deps.db, retentionCutoff(deps.clock(), deps.retentionMs));
}

export const declarationFeature = defineFeature({
  name: "declaration",
  env: declarationFeatureEnv,
  async register(app, deps) {
    const { config } = deps;
    const generate =
      config.generateMissing ?? (deps.platform.nodeEnv !== "production" || deps.platform.demoMode);
    const key = await ensureServerSecret(deps.db, "declaration-seal", {
      configured: config.sealKey,
      variable: "DECLARATION_SEAL_KEY",
      generate,
      random: deps.random,
    });
    const sealer = createSealer({
      key,
      previous: config.sealKeyPrevious ? [config.sealKeyPrevious] : [],
      random: deps.random,
    });
    const units = cachedUnitLookup(deps.db, { ttlMs: 10 * 60_000 });
    const ctx = { db: deps.db, clock: deps.clock, random: deps.random, sealer, units, config };
    registerDeclarationRoutes(app, { ctx, config, clock: deps.clock, metrics: deps.metrics });

    const deleted = deps.metrics.counter(
      "declaration_retention_deleted_total",
      "Rows deleted by the declaration retention job",
      ["kind"],
    );
    deps.jobs.handle(DECLARATION_RETENTION_JOB, async () => {
      const counts = await runDeclarationRetention({
        db: deps.db,
        clock: deps.clock,
        retentionMs: config.retentionMs,
      });
      deleted.inc({ kind: "declarations" }, counts.declarations);
      deleted.inc({ kind: "follow_ups" }, counts.followUps);
      deleted.inc({ kind: "declarants" }, counts.declarants);
      deps.log.info(counts, "declaration retention: old declarations deleted");
    });
    deps.jobs.schedule({
      name: DECLARATION_RETENTION_JOB,
      everyMs: config.retentionIntervalMs,
      offsetMs: (20 * 60_000) % config.retentionIntervalMs,
    });
  },
});
