// `bluezone serve --workers 2` (PostgreSQL only; skipped without BLUEZONE_TEST_DATABASE_URL): both workers answer
// on the shared port, the primary restarts a killed worker, and SIGTERM stops every worker gracefully.
import { type ChildProcess, spawn } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { createTestDb, type Database, testDatabaseUrl, WORKER_HEADER } from "@bluezone/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../../..", import.meta.url));

/** GET on a fresh connection (no keep-alive, so the cluster spreads requests); status and worker header. */
function get(url: string): Promise<{ status: number; worker: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/healthz`, { agent: false, headers: { connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, worker: res.headers[WORKER_HEADER] as string }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe.skipIf(!testDatabaseUrl())("bluezone serve --workers 2", () => {
  let database: Database;
  let primary: ChildProcess;
  let log = "";
  let exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in the primary's output (waits for it). */
  const waitFor = async (pattern: RegExp, from = 0): Promise<RegExpMatchArray> => {
    for (let i = 0; i < 1200; i++) {
      const match = pattern.exec(log.slice(from));
      if (match) return match;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${pattern} in:\n${log}`);
  };

  beforeAll(async () => {
    database = await createTestDb();
    const options = database.options;
    if (options.kind !== "postgres") throw new Error("PostgreSQL expected");
    primary = spawn(process.execPath, ["--import", "tsx", MAIN, "serve", "--workers", "2"], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "test",
        DATABASE_URL: options.url,
        DATABASE_SCHEMA: options.schema,
        DATABASE_POOL_SIZE: "2",
        PORT: "0",
        DATA_DIR: "memory://",
        LOG_LEVEL: "warn",
        UNITS_SEED: "false",
        WEB_ENABLED: "false",
        JOBS_POLL_INTERVAL: "1s",
        SHUTDOWN_TIMEOUT: "5s",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    exited = new Promise((resolve) => primary.on("exit", (code) => resolve(code)));
    primary.stdout?.on("data", (d: Buffer) => {
      log += d.toString();
    });
    primary.stderr?.on("data", (d: Buffer) => {
      log += d.toString();
    });
  });
  afterAll(async () => {
    if (primary && primary.exitCode === null) primary.kill("SIGKILL");
    await database?.close();
  });

  it("serves from both workers, restarts a killed one and stops gracefully", async () => {
    const [, pid1, url] = await waitFor(/worker 1 \(pid (\d+)\) listening at (http:\/\/\S+)/);
    const [, pid2] = await waitFor(/worker 2 \(pid (\d+)\) listening/);
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      const res = await get(url!);
      expect(res.status).toBe(200);
      if (res.worker) seen.add(res.worker);
    }
    expect([...seen].sort()).toEqual(["1", "2"]);

    const mark = log.length;
    process.kill(Number(pid1), "SIGKILL");
    await waitFor(/worker 1 exited \(code null, signal SIGKILL\); restarting/, mark);
    const [, pid3] = await waitFor(/worker 3 \(pid (\d+)\) listening/, mark);
    const after = new Set<string>();
    for (let i = 0; i < 40 && after.size < 2; i++) {
      const res = await get(url!);
      expect(res.status).toBe(200);
      if (res.worker) after.add(res.worker);
    }
    expect([...after].sort()).toEqual(["2", "3"]);

    primary.kill("SIGTERM");
    expect(await exited).toBe(0);
    await waitFor(/all workers stopped/, mark);
    for (const pid of [pid2, pid3]) {
      expect(() => process.kill(Number(pid), 0)).toThrow(); // the worker is gone
    }
  });
});
