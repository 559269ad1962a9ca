/**
 * Bench: 1,000,000 diagnosis keys (rows in memory, as the export job reads them from export_batch_keys) to
 * signed export zips in a filesystem blob store. Baseline = serial, one file at a time (10,000 keys per file:
 * encodeExportBin, WebCrypto signExport, writeExportZip, write). Ours = the export job's path: sorted, split
 * at EXPORT_MAX_KEYS_PER_FILE (500,000), files built on a warm pool of worker threads, atomic blob writes.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import {
  decodeExportBin,
  type ExportFile,
  type ExportKey,
  encodeExportBin,
  importPrivateKeyPem,
  ReportType,
  readExportZip,
  signExport,
  verifyExport,
  writeExportZip,
} from "@bluezone/protocol";
import {
  buildSignedZips,
  ExportBuildPool,
  exportFilePath,
  exportFiles,
  exportSignatureInfo,
  FsBlobStore,
  splitBatch,
} from "@bluezone/server";
import { DeterministicBytes } from "./lib/deterministic-bytes.ts";
import { formatRate, measure } from "./lib/measure.ts";
import type { Benchmark, BenchOptions, BenchResult } from "./lib/types.ts";

const TARGET_SECONDS = 10;
const BASELINE_KEYS_PER_FILE = 10_000;
const FOLDER = "exposureKeyExport-VN";
const WINDOW = { start: new Date("2025-03-01T09:00:00Z"), end: new Date("2025-03-01T10:00:00Z") };
const SIGNATURE_INFO = exportSignatureInfo("bench", "v1");

/** Keys spread over 14 days with realistic metadata. */
function makeKeys(count: number): ExportKey[] {
  const rand = new DeterministicBytes(`export-bench-${count}`);
  const data = rand.take(count * 16);
  const keys: ExportKey[] = [];
  for (let i = 0; i < count; i++) {
    keys.push({
      keyData: data.subarray(i * 16, i * 16 + 16),
      rollingStartIntervalNumber: 2_650_032 + (i % 14) * 144,
      rollingPeriod: 144,
      transmissionRiskLevel: i % 8,
      reportType: i % 5 === 0 ? ReportType.RECURSIVE : ReportType.CONFIRMED_TEST,
      daysSinceOnsetOfSymptoms: (i % 21) - 7,
    });
  }
  return keys;
}

/** Baseline: the obvious serial export, one 10,000-key file after the other. */
async function exportSerially(keys: ExportKey[], privatePem: string, dir: string): Promise<string[]> {
  const key = await importPrivateKeyPem(privatePem);
  const contents = splitBatch(keys, [], BASELINE_KEYS_PER_FILE);
  const files = exportFiles({ region: "VN", window: WINDOW, signatureInfo: SIGNATURE_INFO }, contents);
  const paths: string[] = [];
  for (const file of files) {
    const exportBin = encodeExportBin(file);
    const exportSig = await signExport(exportBin, key, SIGNATURE_INFO, file.batchNum, file.batchSize);
    const path = join(dir, `${file.batchNum}-of-${file.batchSize}.zip`);
    await writeFile(path, writeExportZip({ exportBin, exportSig }));
    paths.push(path);
  }
  return paths;
}

/** Ours: the export job's build path (split, worker pool, blob store). */
async function exportWithPool(
  keys: ExportKey[],
  privateKey: KeyObject,
  blobs: FsBlobStore,
  maxKeysPerFile: number,
  pool: ExportBuildPool | undefined,
): Promise<string[]> {
  const files = exportFiles(
    { region: "VN", window: WINDOW, signatureInfo: SIGNATURE_INFO },
    splitBatch(keys, [], maxKeysPerFile),
  );
  const zips = await buildSignedZips(files, privateKey, pool ? { pool } : { workers: 0 });
  const paths = files.map((f) => exportFilePath(FOLDER, 1_740_823_200, f.batchNum, f.batchSize));
  await Promise.all(
    zips.map((zip, i) =>
      blobs.put(paths[i]!, zip, { contentType: "application/zip", cacheControl: "immutable" }),
    ),
  );
  return paths;
}

/** Every file verifies with the public key, and together they hold each key exactly once. */
async function checkFiles(zips: Uint8Array[], publicPem: string, keys: ExportKey[]): Promise<void> {
  const seen = new Set<string>();
  let total = 0;
  for (const zip of zips) {
    const { exportBin, exportSig } = readExportZip(zip);
    await verifyExport(exportBin, exportSig, [{ key: publicPem }]);
    const file: ExportFile = decodeExportBin(exportBin);
    total += file.keys.length;
    for (const k of file.keys) seen.add(Buffer.from(k.keyData).toString("hex"));
  }
  if (seen.size !== keys.length || total !== keys.length) {
    throw new Error(
      `export bench: ${total} keys (${seen.size} distinct) in the files, expected ${keys.length}`,
    );
  }
}

async function run(opts: BenchOptions): Promise<BenchResult> {
  const keyCount = opts.smoke ? 20_000 : 1_000_000;
  const maxKeysPerFile = opts.smoke ? 5_000 : 500_000;
  const reps = opts.smoke ? 1 : 3;
  const workers = Math.max(1, Math.min(2, availableParallelism()));
  const keys = makeKeys(keyCount);
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const dir = mkdtempSync(join(tmpdir(), "bz-bench-export-"));
  const blobs = new FsBlobStore(join(dir, "blobs"));
  const pool = new ExportBuildPool(workers);
  try {
    // Warm-up: JIT every path and boot the workers (tsx compiles their TypeScript) before timing.
    const warm = keys.slice(0, 2_000);
    await exportSerially(warm, privatePem, dir);
    await exportWithPool(warm, privateKey, blobs, 1_000, pool);

    const baseline = await measure(reps, () => exportSerially(keys, privatePem, dir));
    const ours = await measure(reps, () => exportWithPool(keys, privateKey, blobs, maxKeysPerFile, pool));
    const inline = await measure(1, () => exportWithPool(keys, privateKey, blobs, maxKeysPerFile, undefined));
    const poolSmallFiles = await measure(1, () =>
      exportWithPool(keys, privateKey, blobs, BASELINE_KEYS_PER_FILE, pool),
    );

    const written = await Promise.all(ours.result.map(async (p) => (await blobs.get(p))!));
    await checkFiles(written, publicPem, keys);

    const rate = (ms: number) => (keyCount * 1000) / ms;
    const cpu = (m: { medianCpuMs: number; medianMs: number }) =>
      `${(m.medianMs / 1000).toFixed(2)} s wall, ${(m.medianCpuMs / 1000).toFixed(2)} s CPU (main thread + workers)`;
    const ratio = rate(ours.medianMs) / rate(baseline.medianMs);
    return {
      setup: `${keyCount} keys from memory to signed zips on disk, ${workers} workers, median of ${reps}`,
      figures: [
        {
          label: `(a) baseline serial, ${BASELINE_KEYS_PER_FILE}/file`,
          value: rate(baseline.medianMs),
          unit: "keys/s",
          note: cpu(baseline),
        },
        {
          label: `(b) export job path, ${maxKeysPerFile}/file, pool of ${workers}`,
          value: rate(ours.medianMs),
          unit: "keys/s",
          note: `${cpu(ours)}, ${ours.result.length} files`,
        },
        {
          label: `export job path, ${maxKeysPerFile}/file, in-thread`,
          value: rate(inline.medianMs),
          unit: "keys/s",
          note: cpu(inline),
        },
        {
          label: `export job path, ${BASELINE_KEYS_PER_FILE}/file, pool of ${workers}`,
          value: rate(poolSmallFiles.medianMs),
          unit: "keys/s",
          note: cpu(poolSmallFiles),
        },
      ],
      ratio: { label: "(b)/(a)", value: ratio },
      targets: [
        {
          label: `(b) ${formatRate(keyCount)} keys in < ${TARGET_SECONDS} s`,
          met: ours.medianMs < TARGET_SECONDS * 1000,
        },
        { label: "(b)/(a) > 1x", met: ratio > 1 },
      ],
    };
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const exportBench: Benchmark = { name: "export", run };
