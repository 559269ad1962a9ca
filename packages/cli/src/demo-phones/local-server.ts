/**
 * The real server in-process for the demo: PGlite in memory, blobs in a temp folder, demo mode, and a clock
 * the caller drives (shared with the phones). Jobs run on demand (export, retention) on that same clock.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type App,
  authFeature,
  type BlobStore,
  buildApp,
  type Clock,
  createAccount,
  type Db,
  type Env,
  type ExportRunResult,
  exportFeature,
  FsBlobStore,
  loadConfig,
  loadExportConfig,
  loadKeysConfig,
  migrate,
  openDatabase,
  type RetentionResult,
  readEnv,
  retentionEnv,
  retentionFeature,
  runExportOnce,
  runRetentionOnce,
  submissionFeature,
  verificationFeature,
} from "@bluezone/server";
import { InjectHttp, type JsonApi } from "./api.ts";

/** The features the scene needs (officials' login, codes and certificates, publish, export, retention). */
export const SCENE_FEATURES = [
  authFeature,
  verificationFeature,
  submissionFeature,
  exportFeature,
  retentionFeature,
] as const;

/** Feature environment of the in-process demo server: defaults, except a cheaper password hash. */
export const DEMO_SERVER_ENV: Env = { DEMO_MODE: "true", AUTH_SCRYPT_COST: "12" };

/** Base URL the in-process server answers to (nothing listens there: requests go through app.inject). */
export const IN_PROCESS_BASE_URL = "http://bluezone.local";

/** The export and retention jobs of a server, run now on its clock. */
export interface ServerJobs {
  /** runExportOnce: closes every due hourly window and publishes it (index.txt + signed zips). */
  exportNow(): Promise<ExportRunResult>;
  /** runRetentionOnce: deletes keys, codes, tokens, batches and files older than RETENTION_PERIOD. */
  retentionNow(): Promise<RetentionResult>;
}

export function serverJobs(deps: { db: Db; blobs: BlobStore; clock: Clock; env: Env }): ServerJobs {
  const random = (n: number) => new Uint8Array(randomBytes(n));
  const exportDeps = {
    db: deps.db,
    blobs: deps.blobs,
    clock: deps.clock,
    random,
    config: loadExportConfig(deps.env),
    keys: loadKeysConfig(deps.env),
  };
  const retention = readEnv(retentionEnv, deps.env);
  return {
    exportNow: () => runExportOnce(exportDeps),
    retentionNow: () =>
      runRetentionOnce({ db: deps.db, blobs: deps.blobs, clock: deps.clock, config: retention }),
  };
}

export interface LocalServer extends ServerJobs {
  app: App;
  db: Db;
  blobs: BlobStore;
  /** The phones' Http (app.inject under IN_PROCESS_BASE_URL). */
  http: InjectHttp;
  /** The officer's API (app.inject). */
  api: JsonApi;
  baseUrl: string;
  /** `<baseUrl>/blobs`: where index.txt and the export zips are served. */
  blobBaseUrl: string;
  /** A health-authority officer account (unit 01, Hà Nội) created for this run; the password is never shown. */
  officer: { username: string; password: string };
  close(): Promise<void>;
}

/** Starts the real server in this process (no socket) on `clock`. Close it when done. */
export async function startLocalServer(options: { clock: Clock }): Promise<LocalServer> {
  const dir = mkdtempSync(join(tmpdir(), "bluezone-demo-phones-"));
  const env: Env = { ...DEMO_SERVER_ENV, DATA_DIR: "memory://", BLOB_DIR: dir };
  const config = loadConfig({
    ...env,
    LOG_LEVEL: "silent",
    JOBS_ENABLED: "false",
    PUBLIC_BASE_URL: IN_PROCESS_BASE_URL,
    SERVE_BLOBS: "true",
  });
  const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  const blobs = new FsBlobStore(dir);
  const cleanup = async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
  let app: App;
  try {
    await migrate(database);
    app = await buildApp({ config, database, blobs, features: SCENE_FEATURES, env, clock: options.clock });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const officer = { username: "health", password: randomBytes(12).toString("base64url") };
  await createAccount(
    database.db,
    { ...officer, role: "health_authority", unitCode: "01" },
    { scryptCost: Number(env.AUTH_SCRYPT_COST) },
  );
  const http = new InjectHttp(app, IN_PROCESS_BASE_URL);
  return {
    ...serverJobs({ db: database.db, blobs, clock: options.clock, env }),
    app,
    db: database.db,
    blobs,
    http,
    api: http.api(),
    baseUrl: IN_PROCESS_BASE_URL,
    blobBaseUrl: `${IN_PROCESS_BASE_URL}/blobs`,
    officer,
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}
