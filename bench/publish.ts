/**
 * Bench: POST /v1/publish throughput on PostgreSQL. The real server runs in a child process on 127.0.0.1 (random
 * port, fresh schema); autocannon sends uploads of 14 fresh keys, each with its own valid certificate (signed
 * beforehand with the server's certificate key, as /v1/certificate would). Baseline = plain single-row INSERTs
 * of the same keys into a copy of diagnosis_keys, same concurrency, same run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bytesToBase64, computeTekMacBase64 } from "@bluezone/protocol";
import {
  type Database,
  getActiveSigningKey,
  openDatabase,
  rows,
  signCertificate,
  sql,
} from "@bluezone/server";
import autocannon, { type Result as AutocannonResult } from "autocannon";
import { formatRate } from "./lib/measure.ts";
import { cpuByCommand, cpuDeltaMs, processCpuMs } from "./lib/process-cpu.ts";
import type { Benchmark, BenchOptions, BenchResult } from "./lib/types.ts";

const KEYS_PER_UPLOAD = 14;
// Concurrent connections of both the load and the baseline (BENCH_PUBLISH_CONNECTIONS to try others).
const CONNECTIONS = Number(process.env.BENCH_PUBLISH_CONNECTIONS ?? 32);
/**
 * CWA check-in reports each upload carries (BENCH_PUBLISH_CHECKINS, default 0): measures check-in report
 * ingest, which rides on the publish request; the baseline then also INSERTs them one row at a time.
 */
const CHECKINS_PER_UPLOAD = Number(process.env.BENCH_PUBLISH_CHECKINS ?? 0);
const TARGET_UPLOADS_PER_SECOND = 2_000;
const TARGET_P99_MS = 50;
const SERVER = fileURLToPath(new URL("./lib/publish-server.ts", import.meta.url));
const REPO = fileURLToPath(new URL("..", import.meta.url));

interface Upload {
  /** Random check-in reports (locationIdHash 32, iv 16, record 16, mac 32 bytes). */
  reports: Uint8Array[][];
  keys: {
    keyData: Uint8Array;
    rollingStartIntervalNumber: number;
    rollingPeriod: number;
    transmissionRiskLevel: number;
  }[];
  body: string;
}

function databaseUrl(): string {
  return (
    process.env.BLUEZONE_BENCH_DATABASE_URL ??
    process.env.BLUEZONE_TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/test"
  );
}

/** Runs one statement on the database's public schema (creating / dropping the bench schema). */
async function admin(url: string, text: string): Promise<void> {
  const database = await openDatabase({ kind: "postgres", url, poolSize: 1 });
  try {
    await rows(database.db, sql.raw(text));
  } finally {
    await database.close();
  }
}

/** Starts the server child; resolves with its URL once it listens. */
function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // BENCH_CHILD_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const extra = (process.env.BENCH_CHILD_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...extra, "--import", "tsx", SERVER], {
      cwd: REPO,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
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
    child.on("exit", (code) =>
      reject(new Error(`publish bench server exited (${code}): ${err.slice(-2000)}`)),
    );
  });
}

/** Uploads of 14 keys (one per day, the last still valid), each with a fresh certificate binding its tekmac. */
async function makeUploads(database: Database, count: number): Promise<Upload[]> {
  const key = await getActiveSigningKey(database.db, "certificate");
  const now = new Date();
  const today = Math.floor(now.getTime() / 600_000 / 144) * 144;
  const uploads: Upload[] = [];
  for (let u = 0; u < count; u++) {
    const keys = Array.from({ length: KEYS_PER_UPLOAD }, (_, d) => ({
      keyData: new Uint8Array(randomBytes(16)),
      rollingStartIntervalNumber: today - (KEYS_PER_UPLOAD - 1 - d) * 144,
      rollingPeriod: 144,
      transmissionRiskLevel: d % 8,
    }));
    const hmacKey = new Uint8Array(randomBytes(32));
    const reports = Array.from({ length: CHECKINS_PER_UPLOAD }, () =>
      [32, 16, 16, 32].map((n) => new Uint8Array(randomBytes(n))),
    );
    const certificate = await signCertificate(
      key,
      {
        reportType: "confirmed",
        symptomOnsetInterval: today - 3 * 144,
        tekmac: computeTekMacBase64(keys, hmacKey),
        trisk: [],
      },
      { issuer: "bluezone-verification", audience: "bluezone-keys", now, ttlMs: 30 * 60_000 },
    );
    const body = JSON.stringify({
      temporaryExposureKeys: keys.map((k) => ({
        key: bytesToBase64(k.keyData),
        rollingStartNumber: k.rollingStartIntervalNumber,
        rollingPeriod: k.rollingPeriod,
        transmissionRisk: k.transmissionRiskLevel,
      })),
      healthAuthorityID: "vn.bluezone",
      verificationPayload: certificate,
      hmacKey: bytesToBase64(hmacKey),
      ...(reports.length
        ? {
            checkInProtectedReports: reports.map(([locationIdHash, iv, encryptedCheckInRecord, mac]) => ({
              locationIdHash: bytesToBase64(locationIdHash!),
              iv: bytesToBase64(iv!),
              encryptedCheckInRecord: bytesToBase64(encryptedCheckInRecord!),
              mac: bytesToBase64(mac!),
            })),
          }
        : {}),
    });
    uploads.push({ keys, reports, body });
  }
  return uploads;
}

async function publish(url: string, uploads: Upload[]): Promise<AutocannonResult> {
  let next = 0;
  return autocannon({
    url: `${url}/v1/publish`,
    connections: CONNECTIONS,
    amount: uploads.length,
    timeout: 30,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: [{ setupRequest: (request) => ({ ...request, body: uploads[next++]?.body ?? "{}" }) }],
  });
}

/** Baseline: the same keys as plain autocommit single-row INSERTs, CONNECTIONS uploads at a time. */
async function insertSingleRows(database: Database, uploads: Upload[]): Promise<number> {
  const pool = database.pool!;
  const now = new Date();
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let u = next++; u < uploads.length; u = next++) {
      for (const k of uploads[u]!.keys) {
        await pool.query(
          `INSERT INTO baseline_keys (key_data, rolling_start_interval_number, rolling_period, transmission_risk,
             report_type, days_since_onset, health_authority, created_at, available_at)
           VALUES ($1, $2, $3, $4, 1, 0, 'vn.bluezone', $5, $5)`,
          [
            Buffer.from(k.keyData),
            k.rollingStartIntervalNumber,
            k.rollingPeriod,
            k.transmissionRiskLevel,
            now,
          ],
        );
      }
      for (const [locationIdHash, iv, record, mac] of uploads[u]!.reports) {
        await pool.query(
          `INSERT INTO baseline_reports (hour, source, location_id_hash, iv, encrypted_check_in_record, mac)
           VALUES ($1, 'upload', $2, $3, $4, $5)`,
          [now, Buffer.from(locationIdHash!), Buffer.from(iv!), Buffer.from(record!), Buffer.from(mac!)],
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return performance.now() - started;
}

/** CPU milliseconds of the server child (all its threads); 0 where /proc is missing. */
function serverCpuMs(child: ChildProcess): number {
  return (child.pid === undefined ? undefined : processCpuMs(child.pid)) ?? 0;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function run(opts: BenchOptions): Promise<BenchResult> {
  const count = opts.smoke ? 200 : 20_000;
  const warmCount = opts.smoke ? 50 : 1_000;
  const url = databaseUrl();
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const dataDir = mkdtempSync(join(tmpdir(), "bz-bench-publish-"));
  await admin(url, `CREATE SCHEMA "${schema}"`);
  let server: ChildProcess | undefined;
  let database: Database | undefined;
  try {
    const started = await startServer({
      PATH: process.env.PATH,
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      DATABASE_URL: url,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: "20",
      LOG_LEVEL: "warn",
      JOBS_ENABLED: "false",
      RATE_LIMIT_MAX: "0",
      SUBMISSION_PUBLISH_RATE_LIMIT: "100000000",
      DOCS_ENABLED: "false",
    });
    server = started.child;
    database = await openDatabase({ kind: "postgres", url, schema, poolSize: CONNECTIONS + 2 });
    const warm = await makeUploads(database, warmCount);
    const uploads = await makeUploads(database, count);

    await publish(started.url, warm); // JIT, connection pools, certificate key cache
    const cpuBefore = {
      bench: process.cpuUsage(),
      server: serverCpuMs(server),
      pg: cpuByCommand("postgres"),
    };
    const result = await publish(started.url, uploads);
    const cpu = {
      bench: cpuMsSince(cpuBefore.bench),
      server: serverCpuMs(server) - cpuBefore.server,
      pg: cpuDeltaMs(cpuBefore.pg, cpuByCommand("postgres")),
    };
    const accepted = result["2xx"];
    if (accepted !== count || result.non2xx > 0 || result.errors > 0) {
      throw new Error(
        `publish bench: ${accepted}/${count} uploads accepted (non-2xx ${result.non2xx}, errors ${result.errors}, statuses ${JSON.stringify(result.statusCodeStats)})`,
      );
    }
    const [stored] = await rows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM diagnosis_keys`,
    );
    if (stored?.n !== (count + warmCount) * KEYS_PER_UPLOAD) {
      throw new Error(
        `publish bench: ${stored?.n} keys stored, expected ${(count + warmCount) * KEYS_PER_UPLOAD}`,
      );
    }

    const [reportsStored] = await rows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM check_in_reports`,
    );
    if (reportsStored?.n !== (count + warmCount) * CHECKINS_PER_UPLOAD) {
      throw new Error(
        `publish bench: ${reportsStored?.n} check-in reports stored, expected ${(count + warmCount) * CHECKINS_PER_UPLOAD}`,
      );
    }

    await rows(database.db, sql`CREATE TABLE baseline_keys (LIKE diagnosis_keys INCLUDING ALL)`);
    await rows(database.db, sql`CREATE TABLE baseline_reports (LIKE check_in_reports INCLUDING ALL)`);
    await insertSingleRows(database, warm);
    const baselineCpu = { bench: process.cpuUsage(), pg: cpuByCommand("postgres") };
    const baselineMs = await insertSingleRows(database, uploads);
    const baselinePgMs = cpuDeltaMs(baselineCpu.pg, cpuByCommand("postgres"));
    const baselineBenchMs = cpuMsSince(baselineCpu.bench);

    const perUpload = (ms: number) => `${((ms * 1000) / count).toFixed(0)} µs`;
    const publishRate = count / result.duration;
    const baselineRate = (count * 1000) / baselineMs;
    const ratio = publishRate / baselineRate;
    return {
      setup: `${count} uploads of ${KEYS_PER_UPLOAD} keys${CHECKINS_PER_UPLOAD ? ` and ${CHECKINS_PER_UPLOAD} check-in reports` : ""}, ${CONNECTIONS} connections, PostgreSQL, server in a child process on loopback`,
      figures: [
        {
          label: "(a) baseline single-row INSERTs",
          value: baselineRate,
          unit: "uploads/s",
          note: `${formatRate(baselineRate * KEYS_PER_UPLOAD)} rows/s; CPU/upload: client ${perUpload(baselineBenchMs)}, PostgreSQL ${perUpload(baselinePgMs)}`,
        },
        {
          label: "(b) POST /v1/publish (autocannon)",
          value: publishRate,
          unit: "uploads/s",
          note: `${CHECKINS_PER_UPLOAD ? `${formatRate(publishRate * CHECKINS_PER_UPLOAD)} check-in reports/s; ` : ""}latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; CPU/upload: server ${perUpload(cpu.server)}, PostgreSQL ${perUpload(cpu.pg)}, autocannon ${perUpload(cpu.bench)}, total ${perUpload(cpu.server + cpu.pg + cpu.bench)}`,
        },
      ],
      ratio: { label: "(b)/(a)", value: ratio },
      targets: [
        {
          label: `(b) >= ${formatRate(TARGET_UPLOADS_PER_SECOND)} uploads/s`,
          met: publishRate >= TARGET_UPLOADS_PER_SECOND,
        },
        { label: `(b) p99 < ${TARGET_P99_MS} ms`, met: result.latency.p99 < TARGET_P99_MS },
      ],
    };
  } finally {
    server?.kill("SIGTERM");
    await database?.close();
    await admin(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const publishBench: Benchmark = { name: "publish", run };
