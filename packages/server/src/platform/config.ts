// The platform's configuration: every environment variable the server core reads, with its default and doc,
// validated once at start (loadConfig throws a ConfigError listing every bad variable).
import { availableParallelism } from "node:os";
import { join } from "node:path";
import {
  ConfigError,
  type Env,
  envBool,
  envDuration,
  envEnum,
  envInt,
  envOptionalBool,
  envOptionalString,
  envString,
  envUrl,
  parseEnv,
} from "./env.ts";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The platform's environment variables. Feature variables live in each feature's config.ts. */
export const platformEnv = {
  nodeEnv: envEnum("NODE_ENV", "development", "Runtime mode; production turns on stricter checks.", [
    "development",
    "production",
    "test",
  ]),
  demoMode: envBool(
    "DEMO_MODE",
    false,
    "Demo deployment: serves blobs itself under /blobs/* and lets the CLI seed demo accounts.",
  ),
  port: envInt("PORT", 8080, "TCP port to listen on (0 picks a free port).", { min: 0, max: 65535 }),
  host: envString(
    "HOST",
    "127.0.0.1",
    "Interface to bind. Loopback by default so a dev server is never exposed by accident; set 0.0.0.0 in containers.",
  ),
  databaseUrl: envUrl(
    "DATABASE_URL",
    "PostgreSQL connection URL. Unset: embedded PGlite stored in DATA_DIR/pglite.",
    { protocols: ["postgres", "postgresql"] },
  ),
  databaseSchema: envString(
    "DATABASE_SCHEMA",
    "public",
    "PostgreSQL schema holding the tables (search_path); lets several deployments or tests share a database.",
    { pattern: /^[a-z_][a-z0-9_]{0,62}$/ },
  ),
  databasePoolSize: envInt("DATABASE_POOL_SIZE", 10, "Connections in the PostgreSQL pool.", {
    min: 1,
    max: 200,
  }),
  dataDir: envString(
    "DATA_DIR",
    "./data",
    'Directory for local state (PGlite database, filesystem blobs). "memory://" keeps the database in memory.',
  ),
  logLevel: envEnum("LOG_LEVEL", "info", "pino log level.", LOG_LEVELS),
  publicBaseUrl: envUrl(
    "PUBLIC_BASE_URL",
    "External base URL of this server (links in QR codes, SMS, e-mails).",
    {
      protocols: ["http", "https"],
      defaultText: "http://localhost:PORT",
    },
  ),
  blobDir: envOptionalString(
    "BLOB_DIR",
    "Directory of the filesystem blob store (used when S3_BUCKET is unset).",
    {
      defaultText: "DATA_DIR/blobs (./data/blobs when DATA_DIR is memory://)",
    },
  ),
  serveBlobs: envOptionalBool(
    "SERVE_BLOBS",
    "Serve the blob store under /blobs/* (for running without a CDN).",
    "true with filesystem blobs or DEMO_MODE, else false",
  ),
  s3Endpoint: envUrl("S3_ENDPOINT", "S3-compatible endpoint (MinIO, R2, ...). Unset: AWS S3.", {
    protocols: ["http", "https"],
  }),
  s3Bucket: envOptionalString(
    "S3_BUCKET",
    "Bucket for exports and other blobs. Setting it selects the S3 store.",
  ),
  s3Region: envString("S3_REGION", "us-east-1", "S3 region."),
  s3AccessKeyId: envOptionalString(
    "S3_ACCESS_KEY_ID",
    "S3 access key id (unset: the AWS SDK's default chain).",
  ),
  s3SecretAccessKey: envOptionalString(
    "S3_SECRET_ACCESS_KEY",
    "S3 secret access key (set with S3_ACCESS_KEY_ID).",
  ),
  s3ForcePathStyle: envBool(
    "S3_FORCE_PATH_STYLE",
    false,
    "Use path-style URLs (needed by MinIO and s3rver).",
  ),
  trustProxy: envString(
    "TRUST_PROXY",
    "false",
    'Trust X-Forwarded-* from: "false", "true" (any hop), a hop count, or comma-separated proxy IPs/CIDRs.',
  ),
  bodyLimit: envInt("BODY_LIMIT_BYTES", 1_048_576, "Largest accepted request body (bytes).", {
    min: 1024,
    max: 104_857_600,
  }),
  rateLimitMax: envInt(
    "RATE_LIMIT_MAX",
    1000,
    "Generous global limit of requests per client per window (features set tighter per-route limits); 0 disables.",
    { min: 0 },
  ),
  rateLimitWindow: envDuration("RATE_LIMIT_WINDOW", "1m", "Window of the global rate limit.", { min: "1s" }),
  docsEnabled: envBool("DOCS_ENABLED", true, "Serve OpenAPI at /docs/json and Swagger UI at /docs."),
  metricsEnabled: envBool("METRICS_ENABLED", true, "Serve Prometheus metrics at /metrics."),
  jobsEnabled: envBool("JOBS_ENABLED", true, "Run a background job worker in this process."),
  jobsPollInterval: envDuration("JOBS_POLL_INTERVAL", "1s", "How often an idle worker looks for due jobs.", {
    min: "10ms",
  }),
  jobsLease: envDuration(
    "JOBS_LEASE",
    "1m",
    "Lease of a claimed job; renewed while it runs, taken over after.",
    {
      min: "1s",
    },
  ),
  jobsConcurrency: envInt("JOBS_CONCURRENCY", 1, "Jobs run at the same time by this process's worker.", {
    min: 1,
    max: 64,
  }),
  jobsRetention: envDuration(
    "JOBS_RETENTION",
    "7d",
    "How long finished jobs (and their dedupe keys) are kept.",
  ),
  shutdownTimeout: envDuration(
    "SHUTDOWN_TIMEOUT",
    "10s",
    "Grace period for in-flight requests and jobs on stop.",
  ),
  workers: envString(
    "SERVER_WORKERS",
    "1",
    'Server processes sharing the port (node:cluster; `bluezone serve --workers N`); "auto" = one per CPU. More than 1 needs PostgreSQL (DATABASE_URL); each worker opens its own DATABASE_POOL_SIZE connections and keeps its own rate-limit counters.',
    { pattern: /^(auto|[1-9][0-9]{0,2})$/ },
  ),
} as const;

export type BlobConfig =
  | { kind: "fs"; dir: string }
  | {
      kind: "s3";
      bucket: string;
      region: string;
      endpoint: string | undefined;
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
      forcePathStyle: boolean;
    };

/** `false`, `true`, a hop count, or a list of trusted proxy addresses (see fastifyTrustProxy in app.ts). */
export type TrustProxy = boolean | number | string[];

/** The validated platform configuration (see platformEnv for the variable behind each field). */
export interface PlatformConfig {
  nodeEnv: "development" | "production" | "test";
  demoMode: boolean;
  port: number;
  host: string;
  /** Either PostgreSQL (URL, pool size, schema) or PGlite in `dataDir` ("memory://" for in-memory). */
  database:
    | { kind: "postgres"; url: string; poolSize: number; schema: string }
    | { kind: "pglite"; dataDir: string };
  dataDir: string;
  logLevel: LogLevel;
  /** Without trailing slash. */
  publicBaseUrl: string;
  blobs: BlobConfig;
  serveBlobs: boolean;
  trustProxy: TrustProxy;
  bodyLimit: number;
  rateLimit: { max: number; windowMs: number };
  docsEnabled: boolean;
  metricsEnabled: boolean;
  jobs: {
    enabled: boolean;
    pollIntervalMs: number;
    leaseMs: number;
    concurrency: number;
    retentionMs: number;
  };
  shutdownTimeoutMs: number;
  /** Server processes (SERVER_WORKERS, "auto" resolved to the CPU count); 1 = no cluster. */
  workers: number;
}

const IP_OR_CIDR = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

/** Parses TRUST_PROXY; null when malformed. */
export function parseTrustProxy(text: string): TrustProxy | null {
  const t = text.trim().toLowerCase();
  if (t === "false" || t === "0" || t === "") return false;
  if (t === "true") return true;
  if (/^\d+$/.test(t)) return Number(t);
  const parts = t.split(",").map((p) => p.trim());
  return parts.every(
    (p) => IP_OR_CIDR.test(p) || p === "loopback" || p === "linklocal" || p === "uniquelocal",
  )
    ? parts
    : null;
}

/** Reads and validates the platform configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): PlatformConfig {
  const { values: v, errors } = parseEnv(platformEnv, env);

  const trustProxy = parseTrustProxy(v.trustProxy ?? "false");
  if (trustProxy === null) {
    errors.push(
      `TRUST_PROXY: expected false, true, a hop count or comma-separated IPs/CIDRs, got "${v.trustProxy}"`,
    );
  }
  if (v.s3Bucket === undefined) {
    for (const name of ["S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"]) {
      if (env[name]?.trim()) errors.push(`${name}: set, but S3_BUCKET is not (set S3_BUCKET to use S3)`);
    }
  }
  if ((v.s3AccessKeyId === undefined) !== (v.s3SecretAccessKey === undefined) && v.s3Bucket !== undefined) {
    errors.push("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither");
  }
  if (v.nodeEnv === "production" && v.publicBaseUrl === undefined) {
    errors.push("PUBLIC_BASE_URL: required when NODE_ENV=production");
  }
  const workers = v.workers === "auto" ? availableParallelism() : Number(v.workers);
  if (workers > 1 && v.databaseUrl === undefined) {
    errors.push(
      `SERVER_WORKERS: ${workers} workers need PostgreSQL (set DATABASE_URL); the embedded PGlite database is single-process`,
    );
  }
  if (errors.length > 0) throw new ConfigError(errors);

  const dataDir = v.dataDir;
  const inMemory = dataDir === "memory://";
  const blobs: BlobConfig =
    v.s3Bucket !== undefined
      ? {
          kind: "s3",
          bucket: v.s3Bucket,
          region: v.s3Region,
          endpoint: v.s3Endpoint,
          accessKeyId: v.s3AccessKeyId,
          secretAccessKey: v.s3SecretAccessKey,
          forcePathStyle: v.s3ForcePathStyle,
        }
      : { kind: "fs", dir: v.blobDir ?? (inMemory ? "./data/blobs" : join(dataDir, "blobs")) };

  return {
    nodeEnv: v.nodeEnv,
    demoMode: v.demoMode,
    port: v.port,
    host: v.host,
    database:
      v.databaseUrl !== undefined
        ? { kind: "postgres", url: v.databaseUrl, poolSize: v.databasePoolSize, schema: v.databaseSchema }
        : { kind: "pglite", dataDir: inMemory ? "memory://" : join(dataDir, "pglite") },
    dataDir,
    logLevel: v.logLevel,
    publicBaseUrl: (v.publicBaseUrl ?? `http://localhost:${v.port}`).replace(/\/+$/, ""),
    blobs,
    serveBlobs: v.serveBlobs ?? (blobs.kind === "fs" || v.demoMode),
    trustProxy: trustProxy ?? false,
    bodyLimit: v.bodyLimit,
    rateLimit: { max: v.rateLimitMax, windowMs: v.rateLimitWindow },
    docsEnabled: v.docsEnabled,
    metricsEnabled: v.metricsEnabled,
    jobs: {
      enabled: v.jobsEnabled,
      pollIntervalMs: v.jobsPollInterval,
      leaseMs: v.jobsLease,
      concurrency: v.jobsConcurrency,
      retentionMs: v.jobsRetention,
    },
    shutdownTimeoutMs: v.shutdownTimeout,
    workers,
  };
}

/** A configuration for tests: in-memory PGlite, quiet logs, no worker; override any field. */
export function testConfig(overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  return {
    ...loadConfig({ NODE_ENV: "test", DATA_DIR: "memory://", LOG_LEVEL: "silent", JOBS_ENABLED: "false" }),
    ...overrides,
  };
}
