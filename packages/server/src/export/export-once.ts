// `node --import tsx packages/server/src/export/export-once.ts`: runs the export once in its own process, with
// the platform, keys and EXPORT_* variables of the environment (the crash test kills it at random moments).
// EXPORT_NOW (ISO time, optional) replaces the clock, for tests and replays. Prints "running" when the export
// starts, then one JSON summary line.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { loadKeysConfig } from "../keys/index.ts";
import { createBlobStore } from "../platform/blob/index.ts";
import { loadConfig } from "../platform/config.ts";
import { openDatabase } from "../platform/db/database.ts";
import { migrate } from "../platform/db/migrate.ts";
import type { Env } from "../platform/env.ts";
import { loadExportConfig } from "./config.ts";
import { type ExportRunResult, runExportOnce } from "./run.ts";

/**
 * Opens the configured database (DATABASE_URL or DATA_DIR) and blob store, migrates, runs the export once and
 * closes the database. `onStart` is called right before the export starts (after opening and migrating).
 */
export async function exportOnceFromEnv(
  env: Env = process.env,
  options: { onStart?: () => void } = {},
): Promise<ExportRunResult> {
  const platform = loadConfig(env);
  const config = loadExportConfig(env);
  const fixedNow = env.EXPORT_NOW ? new Date(env.EXPORT_NOW) : undefined;
  if (fixedNow && Number.isNaN(fixedNow.getTime())) throw new Error("EXPORT_NOW: not an ISO date");
  const database = await openDatabase(
    platform.database.kind === "postgres"
      ? { kind: "postgres", url: platform.database.url, schema: platform.database.schema, poolSize: 2 }
      : { kind: "pglite", dataDir: platform.database.dataDir },
  );
  try {
    await migrate(database);
    options.onStart?.();
    return await runExportOnce({
      db: database.db,
      blobs: createBlobStore(platform.blobs),
      config,
      clock: () => fixedNow ?? new Date(),
      random: (n) => new Uint8Array(randomBytes(n)),
      keys: loadKeysConfig(env),
    });
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  exportOnceFromEnv(process.env, { onStart: () => process.stdout.write("running\n") }).then(
    (result) => {
      const summary = {
        planned: result.planned.map((b) => b.batchId),
        published: result.published.map((b) => ({ batchId: b.batchId, keys: b.keys, files: b.files.length })),
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`export failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
