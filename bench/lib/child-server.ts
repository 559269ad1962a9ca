/**
 * Helpers for benches that run the real server in a child process against PostgreSQL: a throwaway schema,
 * the child started with an environment (reusing lib/publish-server.ts) and its URL once it listens.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { openDatabase, rows, sql } from "@bluezone/server";

const SERVER = fileURLToPath(new URL("./publish-server.ts", import.meta.url));
const CLUSTER_SERVER = fileURLToPath(new URL("./cluster-server.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../..", import.meta.url));

export function benchDatabaseUrl(): string {
  return (
    process.env.BLUEZONE_BENCH_DATABASE_URL ??
    process.env.BLUEZONE_TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test"
  );
}

/** Runs one statement on the database's public schema. */
export async function adminSql(url: string, text: string): Promise<void> {
  const database = await openDatabase({ kind: "postgres", url, poolSize: 1 });
  try {
    await rows(database.db, sql.raw(text));
  } finally {
    await database.close();
  }
}

/** Creates a fresh schema; returns its name and a function that drops it. */
export async function benchSchema(
  url: string,
  prefix: string,
): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(5).toString("hex")}`;
  await adminSql(url, `CREATE SCHEMA "${schema}"`);
  return { schema, drop: () => adminSql(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {}) };
}

/**
 * Starts the whole server in a child process with `env`; resolves with its URL once it listens. "cluster" runs
 * the node:cluster primary with SERVER_WORKERS workers (lib/cluster-server.ts) and resolves once all listen.
 */
export function startChildServer(
  env: NodeJS.ProcessEnv,
  mode: "single" | "cluster" = "single",
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // BENCH_CHILD_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const extra = (process.env.BENCH_CHILD_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(
      process.execPath,
      [...extra, "--import", "tsx", mode === "cluster" ? CLUSTER_SERVER : SERVER],
      {
        cwd: REPO,
        env: { PATH: process.env.PATH, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith('{"url"'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.on("exit", (code) => reject(new Error(`bench server exited (${code}): ${err.slice(-2000)}`)));
  });
}

/** The environment every bench server gets (PostgreSQL schema, quiet, no jobs, no limits), plus `extra`. */
export function benchServerEnv(url: string, schema: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "development",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: "memory://",
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    LOG_LEVEL: "warn",
    JOBS_ENABLED: "false",
    RATE_LIMIT_MAX: "0",
    DOCS_ENABLED: "false",
    METRICS_ENABLED: "false",
    UNITS_SEED: "false",
    WEB_ENABLED: "false",
    ...extra,
  };
}
