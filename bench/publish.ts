/**
 * Bench: POST /v1/publish throughput on PostgreSQL. The real server runs in a child process on 127.0.0.1 (random
 * port, fresh schema; BENCH_WORKERS processes, default 1); autocannon sends uploads of 14 fresh keys, each with its own valid certificate (signed
 * beforehand with the server's certificate key, as /v1/certificate would). Baseline = plain single-row INSERTs
 * of the same keys into a copy of diagnosis_keys, same concurrency, same run.
 */
import { randomBytes } from "node:crypto";
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
import { benchDatabaseUrl, benchSchema, benchServerEnv } from "./lib/child-server.ts";
import { benchWorkers, type IngestServer, startIngestServer } from "./lib/ingest-load.ts";
import { formatRate } from "./lib/measure.ts";
import { cpuByCommand, cpuDeltaMs } from "./lib/process-cpu.ts";
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

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function run(opts: BenchOptions): Promise<BenchResult> {
  const count = opts.smoke ? 200 : 20_000;
  const warmCount = opts.smoke ? 50 : 1_000;
  const url = benchDatabaseUrl();
  const { schema, drop } = await benchSchema(url, "bench_publish");
  // One process (BENCH_WORKERS for more): on 2 cores two processes measured slower, 1,174 vs 1,427 uploads/s.
  const workers = benchWorkers();
  let server: IngestServer | undefined;
  let database: Database | undefined;
  try {
    server = await startIngestServer(
      benchServerEnv(url, schema, {
        DATABASE_POOL_SIZE: "20",
        SUBMISSION_PUBLISH_RATE_LIMIT: "100000000",
      }),
      workers,
    );
    database = await openDatabase({ kind: "postgres", url, schema, poolSize: CONNECTIONS + 2 });
    const warm = await makeUploads(database, warmCount);
    const uploads = await makeUploads(database, count);

    await publish(server.url, warm); // JIT, connection pools, certificate key cache
    const cpuBefore = {
      bench: process.cpuUsage(),
      server: server.cpuMs(),
      pg: cpuByCommand("postgres"),
    };
    const result = await publish(server.url, uploads);
    const cpu = {
      bench: cpuMsSince(cpuBefore.bench),
      server: server.cpuMs() - cpuBefore.server,
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
      setup: `${count} uploads of ${KEYS_PER_UPLOAD} keys${CHECKINS_PER_UPLOAD ? ` and ${CHECKINS_PER_UPLOAD} check-in reports` : ""}, ${CONNECTIONS} connections, PostgreSQL, server (${workers} process${workers > 1 ? "es" : ""}) in a child process on loopback`,
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
    server?.stop();
    await database?.close();
    await drop();
  }
}

export const publishBench: Benchmark = { name: "publish", run };
