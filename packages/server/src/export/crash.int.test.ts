// Exactly once under crashes: export-once.ts runs in a child process that is killed with SIGKILL at random
// moments, 25 times, then runs to completion; every accepted key must be in exactly one listed file, and every
// listed file complete and verifiable (protocol verifyExport and openssl).
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FsBlobStore } from "../platform/blob/fs-store.ts";
import { type Database, openDatabase, rows, sql } from "../platform/db/database.ts";
import { migrate } from "../platform/db/migrate.ts";
import { createTestDb, testDatabaseUrl } from "../platform/db/test-db.ts";
import { diagnosisKeys } from "../submission/tables.ts";
import { exportBatches, exportBatchKeys } from "./tables.ts";
import {
  diagnosisKey,
  hex,
  insertDiagnosisKeys,
  type NewDiagnosisKey,
  opensslVerifies,
  readIndex,
  readListedFiles,
} from "./testing.testutil.ts";

const REPO = fileURLToPath(new URL("../../../..", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./export-once.ts", import.meta.url));
const HOUR = 3_600_000;
const T0 = new Date("2025-03-01T00:00:00Z");
const at = (hours: number, minutes = 0) => new Date(T0.getTime() + hours * HOUR + minutes * 60_000);
const KILLS = 25;
const FOLDER = "exposureKeyExport-VN";

interface ChildRun {
  killed: boolean;
  /** ms from "running" to exit (or to the kill). */
  ms: number;
  code: number | null;
  stderr: string;
}

/** Runs export-once.ts; with `killAfterMs`, SIGKILLs it that long after it starts exporting. */
function runChild(env: NodeJS.ProcessEnv, killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
      cwd: REPO,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let started = 0;
    let killed = false;
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout?.on("data", (d: Buffer) => {
      if (started === 0 && d.toString().includes("running")) {
        started = performance.now();
        if (killAfterMs !== undefined) {
          timer = setTimeout(() => {
            killed = child.kill("SIGKILL");
          }, killAfterMs);
        }
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({
        killed: killed && signal === "SIGKILL",
        ms: started ? performance.now() - started : 0,
        code,
        stderr,
      });
    });
  });
}

describe("export under SIGKILL", () => {
  const dir = mkdtempSync(join(tmpdir(), "bz-export-crash-"));
  const blobDir = join(dir, "blobs");
  const blobs = new FsBlobStore(blobDir);
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const keys: NewDiagnosisKey[] = [];
  let pg: Database | undefined;
  let childEnv: NodeJS.ProcessEnv;

  /** The database as the test sees it (PGlite is single-process: opened only while no child runs). */
  async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    if (pg) return fn(pg);
    const db = await openDatabase({ kind: "pglite", dataDir: join(dir, "pglite") });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    const base: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      BLOB_DIR: blobDir,
      EXPORT_MIN_KEYS: "30",
      EXPORT_MAX_KEYS_PER_FILE: "25",
      EXPORT_WORKERS: "0",
      EXPORT_SIGNING_KEY_PEM: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      EXPORT_SIGNING_KEY_KID: "crash-test",
    };
    const url = testDatabaseUrl();
    if (url) {
      pg = await createTestDb();
      childEnv = { ...base, DATABASE_URL: url, DATABASE_SCHEMA: pg.schema };
    } else {
      childEnv = { ...base, DATA_DIR: dir };
      await withDb((db) => migrate(db));
    }
    // 30 hours of uploads, 100 keys an hour, every tenth still valid at upload (embargoed until 02:00 next day).
    for (let h = 0; h < 30; h++) {
      for (let i = 0; i < 100; i++) {
        const embargoed = i % 10 === 0;
        const dayEnd = new Date(Math.ceil(at(h, 1).getTime() / 86_400_000) * 86_400_000 + 2 * HOUR);
        keys.push(
          diagnosisKey(at(h), { availableAt: embargoed ? dayEnd : at(h), daysSinceOnset: (i % 9) - 4 }),
        );
      }
    }
    await withDb((db) => insertDiagnosisKeys(db.db, keys));
  });

  afterAll(async () => {
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes every key exactly once and never lists a partial file", { timeout: 600_000 }, async () => {
    // Calibration: one uninterrupted run (window 00:00-01:00) tells how long a run takes here.
    const first = await runChild({ ...childEnv, EXPORT_NOW: at(1, 6).toISOString() });
    expect(first.code, first.stderr).toBe(0);
    const span = Math.max(50, first.ms * 1.5);

    const runs: ChildRun[] = [];
    for (let i = 0; i < KILLS; i++) {
      // Every run closes the next window (plus anything pending from killed runs), killed at a random moment.
      const now = at(2 + i, 6 + (i % 3)).toISOString();
      const run = await runChild({ ...childEnv, EXPORT_NOW: now }, Math.random() * span);
      if (!run.killed) expect(run.code, run.stderr).toBe(0);
      runs.push(run);
    }
    const killed = runs.filter((r) => r.killed).length;
    expect(killed, `killed ${killed} of ${KILLS} runs mid-export`).toBeGreaterThanOrEqual(KILLS / 3);

    // Then to completion: everything is released by 50:00 (the last embargo ends at 02:00 on day 3).
    const last = await runChild({ ...childEnv, EXPORT_NOW: at(60, 6).toISOString() });
    expect(last.code, last.stderr).toBe(0);

    const listed = await readListedFiles(blobs, publicPem, FOLDER); // throws on a missing or unverifiable file
    for (const f of listed) expect(opensslVerifies(f.exportBin, f.exportSig, publicPem), f.path).toBe(true);

    // Each batch is listed whole: n-of-m for every n in 1..m, with matching batch fields.
    const byEnd = new Map<string, number[]>();
    for (const f of listed) {
      const [, end, n, m] = /\/(\d+)-(\d+)-of-(\d+)\.zip$/.exec(f.path) ?? [];
      expect(Number(n)).toBe(f.file.batchNum);
      expect(Number(m)).toBe(f.file.batchSize);
      expect(String(f.file.endTimestamp)).toBe(end);
      byEnd.set(end!, [...(byEnd.get(end!) ?? []), Number(n)]);
    }
    for (const [end, nums] of byEnd) {
      const size = listed.find((f) => String(f.file.endTimestamp) === end)!.file.batchSize;
      expect(nums, `batch ending ${end}`).toEqual(Array.from({ length: size }, (_, i) => i + 1));
    }
    // No file outside the index (a crashed run's files are finished and listed, not left behind).
    expect(await blobs.list(`${FOLDER}/`)).toEqual(
      [...listed.map((f) => f.path), `${FOLDER}/index.txt`].sort(),
    );
    expect(await readIndex(blobs, FOLDER)).toEqual(listed.map((f) => f.path));

    // Every accepted key exactly once across all listed files; everything else is padding.
    const count = new Map<string, number>();
    for (const f of listed) {
      for (const k of f.file.keys) count.set(hex(k.keyData), (count.get(hex(k.keyData)) ?? 0) + 1);
      expect(f.file.revisedKeys).toEqual([]);
    }
    const missing = keys.filter((k) => !count.has(hex(k.keyData!)));
    expect(
      missing.map((k) => k.availableAt),
      "accepted keys not published",
    ).toEqual([]);
    for (const k of keys) expect(count.get(hex(k.keyData!))).toBe(1);
    for (const n of count.values()) expect(n).toBe(1);

    await withDb(async (db) => {
      const statuses = await db.db.select({ status: exportBatches.status }).from(exportBatches);
      expect(statuses.every((s) => s.status === "published")).toBe(true);
      const [assigned] = await rows<{ n: number }>(
        db.db,
        sql`SELECT count(*)::int AS n FROM ${exportBatchKeys} WHERE kind = 'key'`,
      );
      expect(assigned?.n).toBe(keys.length);
      const unmarked = await rows<{ n: number }>(
        db.db,
        sql`SELECT count(*)::int AS n FROM ${diagnosisKeys} WHERE export_batch_id IS NULL`,
      );
      expect(unmarked[0]?.n).toBe(0);
    });
  });
});
