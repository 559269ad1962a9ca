// The outbox delivery worker as a process of its own (scale delivery apart from the API, or run it in tests
// that kill it): `tsx src/outreach/worker-process.ts [--until-empty]`, configured from the environment
// (DATABASE_URL / DATABASE_SCHEMA or DATA_DIR, OUTREACH_*). SIGTERM/SIGINT stop it after the current batch.
import { randomBytes } from "node:crypto";
import { loadConfig } from "../platform/config.ts";
import { openDatabase, rows, sql } from "../platform/db/database.ts";
import { readEnv } from "../platform/env.ts";
import { outreachFeatureEnv } from "./config.ts";
import { createAdapters, createOutboxWorker, loadSecrets } from "./context.ts";

const platform = loadConfig(process.env);
const config = readEnv(outreachFeatureEnv, process.env);
const database = await openDatabase(
  platform.database.kind === "postgres"
    ? { kind: "postgres", url: platform.database.url, poolSize: 4, schema: platform.database.schema }
    : { kind: "pglite", dataDir: platform.database.dataDir },
);
const random = (n: number) => new Uint8Array(randomBytes(n));
const secrets = await loadSecrets(database.db, config, platform, random);
const worker = createOutboxWorker({
  db: database.db,
  config,
  secrets,
  adapters: createAdapters(config, platform, (line) => process.stdout.write(`${line}\n`)),
  publicBaseUrl: platform.publicBaseUrl,
  clock: () => new Date(),
});
process.stdout.write("outreach worker ready\n");

if (process.argv.includes("--until-empty")) {
  // Deliver until no message is queued or leased (leases of a killed worker are waited out).
  for (;;) {
    await worker.drain();
    const [left] = await rows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM outreach_outbox WHERE status IN ('queued', 'sending')`,
    );
    if (!left || left.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await worker.stop();
  await database.close();
} else {
  worker.start();
  const stop = async () => {
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
