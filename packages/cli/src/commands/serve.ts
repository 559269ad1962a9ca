/**
 * `bluezone start` (demo: embedded database, demo accounts and keys, printed URLs) and `bluezone serve`
 * (production: configuration from the environment only). Both run until SIGINT/SIGTERM.
 */
import { join } from "node:path";
import {
  ConfigError,
  ensureCampaignDemo,
  ensureDemoAccounts,
  loadConfig,
  type ServerHandle,
  startServer,
} from "@bluezone/server";

export interface ServeOptions {
  demo: boolean;
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
}

/** Starts the server; in demo mode also seeds demo data. Returns the running handle. */
export async function serveCommand(options: ServeOptions): Promise<ServerHandle> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = { ...(options.env ?? process.env) };
  if (options.demo) env.DEMO_MODE ??= "true";
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new Error(`configuration is invalid:\n  ${error.problems.join("\n  ")}`);
    }
    throw error;
  }
  const server = await startServer(config, { env });
  out("");
  out(`Bluezone is running at ${server.url}`);
  out(`  web app (citizens and officials' console): ${server.url}/`);
  out(`  API documentation (OpenAPI): ${server.url}/docs`);
  out(`  health: ${server.url}/healthz   metrics: ${server.url}/metrics`);
  out(
    `  database: ${config.database.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${config.database.dataDir}`}`,
  );
  if (config.demoMode) {
    const file = join(config.dataDir === "memory://" ? "./data" : config.dataDir, "demo-accounts.json");
    const accounts = await ensureDemoAccounts(server.database.db, file);
    out("");
    out(`Demo accounts / Tài khoản dùng thử (saved in ${file}):`);
    for (const a of accounts) {
      out(`  ${a.username.padEnd(10)} ${a.password.padEnd(22)} ${a.description}`);
    }
    const campaign = await ensureCampaignDemo(server.database.db);
    if (campaign.created) {
      out(
        `Campaign demo data: ${campaign.days} days for ${campaign.communes} communes (Hà Nội ${((campaign.cityStartBp ?? 0) / 100).toFixed(2)}% -> ${((campaign.cityEndBp ?? 0) / 100).toFixed(2)}%)`,
      );
    }
  }
  out("");
  out("Press Ctrl+C to stop.");
  return server;
}
