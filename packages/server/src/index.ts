// @bluezone/server: startServer (open db, migrate, build app, listen, run jobs, shut down gracefully) and
// the platform API other packages (cli, bench, tests) use.
import type { FastifyInstance } from "fastify";
import { buildApp, loadFeatureConfigs } from "./app.ts";
import { features as defaultFeatures } from "./features.ts";
import { createBlobStore } from "./platform/blob/index.ts";
import type { BlobStore } from "./platform/blob/store.ts";
import { loadConfig, type PlatformConfig } from "./platform/config.ts";
import { type Database, openDatabase } from "./platform/db/database.ts";
import { migrate } from "./platform/db/migrate.ts";
import type { Env } from "./platform/env.ts";
import type { App, Feature } from "./platform/feature.ts";
import { JobRegistry } from "./platform/jobs/registry.ts";
import { JobWorker } from "./platform/jobs/worker.ts";

export { type BuildAppOptions, buildApp, loadFeatureConfigs } from "./app.ts";
export { authFeature, createAccount, ROLES, type Role, requireRole } from "./auth/index.ts";
export {
  type CampaignUnits,
  campaignFeature,
  createCampaignFeature,
  loadCampaignUnits,
  memoryOtpChannel,
  type OtpChannel,
  type Registration,
  writeIngestBatch,
} from "./campaign/index.ts";
export { ensureAssistedSealingKey, SEALING_KEY_FILE } from "./checkin/index.ts";
export {
  CONDITIONS,
  DECLARATION_KINDS,
  DECLARATION_RETENTION_JOB,
  type DeclarationConfig,
  declarationEnv,
  declarationFeature,
  EXPOSURES,
  GENDERS,
  LIMITS as DECLARATION_LIMITS,
  NATIONALITIES,
  runDeclarationRetention,
  SYMPTOMS,
  TRANSPORTS,
} from "./declaration/index.ts";
export {
  type CampaignDemoResult,
  type DemoAccount,
  ensureCampaignDemo,
  ensureDemoAccounts,
} from "./demo/index.ts";
export {
  buildSignedZips,
  EXPORT_JOB,
  ExportBuildPool,
  type ExportConfig,
  type ExportDeps,
  type ExportedBatch,
  type ExportRunResult,
  exportEnv,
  exportFeature,
  exportFilePath,
  exportFiles,
  exportFolder,
  exportOnceFromEnv,
  exportSignatureInfo,
  loadExportConfig,
  runExportOnce,
  splitBatch,
} from "./export/index.ts";
export { features } from "./features.ts";
export {
  type ActiveSigningKey,
  ensureServerSecret,
  ensureSigningKey,
  getActiveSigningKey,
  jwtKeyId,
  type KeysConfig,
  keysEnv,
  listPublicKeys,
  loadKeysConfig,
  type PublicSigningKey,
  rotateSigningKey,
  type SigningKeyPurpose,
} from "./keys/index.ts";
export { materialsFeature } from "./materials/index.ts";
export * as outreach from "./outreach/index.ts";
export {
  INSTALL_POSTER_SIZES,
  type InstallPosterSize,
  LANDING_PATH,
  landingFeature,
  landingUrl,
  parseSource,
  renderInstallPoster,
} from "./outreach/landing.ts";
export * from "./platform/index.ts";
export { type RetentionResult, retentionEnv, retentionFeature, runRetentionOnce } from "./retention/index.ts";
export {
  diagnosisKeys,
  REPORT_TYPE_OF_TEST,
  SUBMISSION_ERRORS,
  submissionEnv,
  submissionFeature,
} from "./submission/index.ts";
export {
  CertificateError,
  certificateJwks,
  type IssueCodeInput,
  type IssuedCode,
  issueCode,
  signCertificate,
  TEST_TYPES,
  type TestType,
  VERIFICATION_ERRORS,
  type VerifiedCertificate,
  verificationEnv,
  verificationFeature,
  verifyCertificate,
} from "./verification/index.ts";

export interface ServerHandle {
  app: App;
  /** e.g. "http://127.0.0.1:8080" (the actual port when PORT=0). */
  url: string;
  database: Database;
  blobs: BlobStore;
  worker: JobWorker | undefined;
  /** Stops accepting requests, finishes in-flight requests and jobs, closes the database. Idempotent. */
  close(): Promise<void>;
}

export interface StartOptions {
  features?: readonly Feature[];
  env?: Env;
  /** Install SIGINT/SIGTERM handlers that close the server (default true). */
  handleSignals?: boolean;
  /** Log destination (default stdout). */
  logStream?: import("pino").DestinationStream;
}

/** Opens the database, migrates it, builds the app, listens, starts the job worker. */
export async function startServer(
  config: PlatformConfig = loadConfig(),
  options: StartOptions = {},
): Promise<ServerHandle> {
  const features = options.features ?? defaultFeatures;
  loadFeatureConfigs(features, options.env ?? process.env); // fail fast, before touching the database
  const database = await openDatabase(
    config.database.kind === "postgres"
      ? {
          kind: "postgres",
          url: config.database.url,
          poolSize: config.database.poolSize,
          schema: config.database.schema,
        }
      : { kind: "pglite", dataDir: config.database.dataDir },
  );
  let app: App;
  const blobs = createBlobStore(config.blobs);
  const jobs = new JobRegistry(database.db);
  try {
    await migrate(database);
    app = await buildApp({
      config,
      database,
      blobs,
      jobs,
      features,
      ...(options.env ? { env: options.env } : {}),
      ...(options.logStream ? { logStream: options.logStream } : {}),
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.close();
    throw error;
  }

  const worker = config.jobs.enabled
    ? new JobWorker({
        registry: jobs,
        pollIntervalMs: config.jobs.pollIntervalMs,
        leaseMs: config.jobs.leaseMs,
        concurrency: config.jobs.concurrency,
        log: app.log.child({ component: "jobs" }),
      })
    : undefined;
  worker?.start();

  const address = (app as unknown as FastifyInstance).server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      const timer = setTimeout(() => {
        app.log.error("shutdown timed out; forcing exit");
        process.exit(1);
      }, config.shutdownTimeoutMs * 2);
      timer.unref();
      try {
        await Promise.all([app.close(), worker?.stop(config.shutdownTimeoutMs)]);
      } finally {
        await database.close();
        clearTimeout(timer);
      }
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    app.log.info({ signal }, "shutting down");
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  if (options.handleSignals !== false) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }

  return { app, url, database, blobs, worker, close };
}
