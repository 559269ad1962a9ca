// Test helper: a ready app on a fresh migrated database (createTestDb) with filesystem blobs in a temp dir,
// quiet or captured logs, and a job worker to drain jobs on demand. Use with app.inject().
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../app.ts";
import { FsBlobStore } from "./blob/fs-store.ts";
import { type PlatformConfig, testConfig } from "./config.ts";
import type { Database, Db } from "./db/database.ts";
import { createTestDb } from "./db/test-db.ts";
import type { Env } from "./env.ts";
import type { App, Clock, Feature, RandomBytes } from "./feature.ts";
import { JobRegistry } from "./jobs/registry.ts";
import { JobWorker } from "./jobs/worker.ts";

export interface TestApp {
  app: App;
  database: Database;
  db: Db;
  blobs: FsBlobStore;
  jobs: JobRegistry;
  /** Call `await worker.drain()` to run every due job now. */
  worker: JobWorker;
  /** Captured log lines (JSON strings) when `captureLogs` was set. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  features?: readonly Feature[];
  config?: Partial<PlatformConfig>;
  /** Environment for feature configs (default: empty, so every feature uses its defaults). */
  env?: Env;
  clock?: Clock;
  random?: RandomBytes;
  /** Keep log lines (at LOG_LEVEL info unless config.logLevel says otherwise) in `logs`. */
  captureLogs?: boolean;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDb();
  const dir = mkdtempSync(join(tmpdir(), "bz-test-blobs-"));
  const blobs = new FsBlobStore(dir);
  const logs: string[] = [];
  const config = testConfig({
    blobs: { kind: "fs", dir },
    serveBlobs: true,
    ...(options.captureLogs ? { logLevel: "info" } : {}),
    ...options.config,
  });
  const jobs = new JobRegistry(database.db);
  let app: App;
  try {
    app = await buildApp({
      config,
      database,
      blobs,
      jobs,
      features: options.features ?? [],
      env: options.env ?? {},
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.captureLogs ? { logStream: { write: (line: string) => void logs.push(line) } } : {}),
    });
  } catch (error) {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    database,
    db: database.db,
    blobs,
    jobs,
    worker: new JobWorker({ registry: jobs, leaseMs: 30_000 }),
    logs,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
