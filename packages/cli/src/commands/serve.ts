/**
 * `bluezone start` (demo: embedded database, demo accounts and keys, printed URLs) and `bluezone serve`
 * (production: configuration from the environment only; `--workers N` / SERVER_WORKERS runs N processes with
 * node:cluster, PostgreSQL only). Both run until SIGINT/SIGTERM.
 */
import type { Server } from "node:http";
import { join } from "node:path";
import {
  announceWorker,
  ConfigError,
  ensureAssistedSealingKey,
  ensureCampaignDemo,
  ensureDemoAccounts,
  isClusterWorker,
  loadConfig,
  migrate,
  openDatabase,
  type PlatformConfig,
  startCluster,
  startServer,
} from "@bluezone/server";

export interface ServeOptions {
  demo: boolean;
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
  /** Overrides SERVER_WORKERS ("auto" or a count). */
  workers?: string;
}

/** What a running `serve` gives its caller: the URL and a graceful stop (all workers in cluster mode). */
export interface ServeHandle {
  url: string;
  workers: number;
  close(): Promise<void>;
}

function databaseOptions(config: PlatformConfig) {
  return config.database.kind === "postgres"
    ? {
        kind: "postgres" as const,
        url: config.database.url,
        poolSize: 2,
        schema: config.database.schema,
      }
    : { kind: "pglite" as const, dataDir: config.database.dataDir };
}

/** Starts the server (or, with several workers, the cluster primary); in demo mode also seeds demo data. */
export async function serveCommand(options: ServeOptions): Promise<ServeHandle> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = { ...(options.env ?? process.env) };
  if (options.demo) env.DEMO_MODE ??= "true";
  if (options.workers !== undefined) env.SERVER_WORKERS = options.workers;
  let config: PlatformConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new Error(`configuration is invalid:\n  ${error.problems.join("\n  ")}`);
    }
    throw error;
  }

  if (isClusterWorker()) {
    // A worker of `serve --workers N`: a whole server; the primary prints the banner.
    const server = await startServer(config, { env });
    announceWorker((server.app as unknown as { server: Server }).server, server.url);
    return { url: server.url, workers: 1, close: server.close };
  }

  let handle: ServeHandle;
  let db: Parameters<typeof ensureDemoAccounts>[0];
  let closeDb = async () => {};
  if (config.workers > 1) {
    // Migrate once before forking (workers would queue on the advisory lock otherwise).
    const database = await openDatabase(databaseOptions(config));
    await migrate(database);
    const cluster = await startCluster({
      workers: config.workers,
      env,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      log: (line) => out(`[cluster] ${line}`),
    });
    handle = { url: cluster.url, workers: config.workers, close: cluster.close };
    db = database.db;
    closeDb = () => database.close();
  } else {
    const server = await startServer(config, { env });
    handle = { url: server.url, workers: 1, close: server.close };
    db = server.database.db;
  }
  try {
    printBanner(out, config, handle);
    if (config.demoMode) await seedDemo(out, config, db);
  } finally {
    await closeDb();
  }
  out("");
  out("Press Ctrl+C to stop.");
  return handle;
}

function printBanner(out: (line: string) => void, config: PlatformConfig, handle: ServeHandle): void {
  const url = handle.url;
  out("");
  out(`Bluezone is running at ${url}${handle.workers > 1 ? ` (${handle.workers} worker processes)` : ""}`);
  out(`  web app (citizens and officials' console): ${url}/`);
  out(`  API documentation (OpenAPI): ${url}/docs`);
  out(`  health: ${url}/healthz   metrics: ${url}/metrics`);
  out(
    `  database: ${config.database.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${config.database.dataDir}`}`,
  );
}

async function seedDemo(
  out: (line: string) => void,
  config: PlatformConfig,
  db: Parameters<typeof ensureDemoAccounts>[0],
): Promise<void> {
  const file = join(config.dataDir === "memory://" ? "./data" : config.dataDir, "demo-accounts.json");
  const accounts = await ensureDemoAccounts(db, file);
  out("");
  out(`Demo accounts / Tài khoản dùng thử (saved in ${file}):`);
  for (const a of accounts) {
    out(`  ${a.username.padEnd(10)} ${a.password.padEnd(22)} ${a.description}`);
  }
  const sealing = await ensureAssistedSealingKey(
    db,
    config.dataDir === "memory://" ? "./data" : config.dataDir,
  );
  out(`Health authority sealing key (staff-assisted check-ins): private key in ${sealing.file}`);
  const campaign = await ensureCampaignDemo(db);
  if (campaign.created) {
    out(
      `Campaign demo data: ${campaign.days} days for ${campaign.communes} communes (Hà Nội ${((campaign.cityStartBp ?? 0) / 100).toFixed(2)}% -> ${((campaign.cityEndBp ?? 0) / 100).toFixed(2)}%)`,
    );
  }
}
