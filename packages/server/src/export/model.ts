// Pure core of the export feature: which window to close next, blob paths, the minimum-batch-size padding,
// splitting a batch into files (keys sorted by key bytes) and the index.txt text. No I/O, no clock, no RNG.
import {
  ECDSA_P256_SHA256_OID,
  type ExportFile,
  type ExportKey,
  type SignatureInfo,
} from "@bluezone/protocol";

/** Export zips never change once listed: CDNs and phones may cache them for a year. */
export const ZIP_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** index.txt changes every period: short cache so phones see new batches within minutes. */
export const INDEX_CACHE_CONTROL = "public, max-age=300";
export const ZIP_CONTENT_TYPE = "application/zip";
export const INDEX_CONTENT_TYPE = "text/plain; charset=utf-8";
/** Length of GAEN key data. */
export const KEY_DATA_BYTES = 16;

/** Injected randomness: `n` cryptographically secure random bytes. */
export type RandomSource = (n: number) => Uint8Array;

/** A closed time window [start, end) of one export batch. */
export interface ExportWindow {
  start: Date;
  end: Date;
}

/**
 * The next window to close, or null when none is due. Windows end on multiples of `periodMs` since the epoch
 * and are closed `closeDelayMs` after their end. The window starts where the region's last batch ended (so a
 * restart after downtime closes one catch-up window rather than one per missed period), or one period before
 * its end for the first batch. Which keys a window holds is decided by the store ("released by the end, not
 * exported yet"), so keys submitted before the first window or committed late are still published once.
 */
export function nextExportWindow(options: {
  lastEnd: Date | null;
  now: Date;
  periodMs: number;
  closeDelayMs: number;
}): ExportWindow | null {
  const { lastEnd, now, periodMs, closeDelayMs } = options;
  if (!(periodMs > 0)) throw new Error("periodMs must be positive");
  const endMs = Math.floor((now.getTime() - closeDelayMs) / periodMs) * periodMs;
  if (lastEnd !== null && endMs <= lastEnd.getTime()) return null;
  const startMs = lastEnd?.getTime() ?? endMs - periodMs;
  return { start: new Date(startMs), end: new Date(endMs) };
}

/** Blob folder of a region's exports, e.g. "exposureKeyExport-VN" (what the phone calls its region folder). */
export function exportFolder(prefix: string, region: string): string {
  return `${prefix}-${region}`;
}

/** Blob key of index.txt in a region folder. */
export function indexPath(folder: string): string {
  return `${folder}/index.txt`;
}

/**
 * Blob key of one export zip: `<folder>/<endTimestamp>-<batchNum>-of-<batchSize>.zip` (end of the window in
 * UTC seconds; batchNum 1-based). Listed in index.txt with the folder, i.e. relative to the blob base URL.
 */
export function exportFilePath(
  folder: string,
  endTimestamp: number,
  batchNum: number,
  batchSize: number,
): string {
  return `${folder}/${endTimestamp}-${batchNum}-of-${batchSize}.zip`;
}

/** index.txt: one blob key per line, oldest first, newline-terminated ("" when nothing is published). */
export function renderIndex(paths: readonly string[]): string {
  return paths.map((p) => `${p}\n`).join("");
}

/** Unsigned byte-wise comparison of key data (the order export files list keys in, and PostgreSQL's bytea order). */
export function compareKeyData(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const INDEX_BITS = 21;
const INDEX_SCALE = 2 ** INDEX_BITS;

/**
 * A copy of `keys` sorted by key bytes. Fast path for up to 2^21 keys: the first 4 bytes and the position are
 * packed into one float64 (prefix * 2^21 + index, exact below 2^53) and sorted natively; runs sharing a prefix
 * (rare for random key data) are then ordered by their full bytes.
 */
export function sortByKeyData<K extends { keyData: Uint8Array }>(keys: readonly K[]): K[] {
  const byBytes = (x: K, y: K) => compareKeyData(x.keyData, y.keyData);
  const n = keys.length;
  if (n < 64 || n > INDEX_SCALE) return [...keys].sort(byBytes);
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = keys[i]!.keyData;
    const prefix = (d[0] ?? 0) * 2 ** 24 + ((d[1] ?? 0) << 16) + ((d[2] ?? 0) << 8) + (d[3] ?? 0);
    packed[i] = prefix * INDEX_SCALE + i;
  }
  packed.sort();
  const out: K[] = new Array(n);
  let runStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n) out[i] = keys[packed[i]! % INDEX_SCALE]!;
    const samePrefix =
      i < n && Math.floor(packed[i]! / INDEX_SCALE) === Math.floor(packed[runStart]! / INDEX_SCALE);
    if (samePrefix) continue;
    if (i - runStart > 1) {
      const run = out.slice(runStart, i).sort(byBytes);
      for (let j = 0; j < run.length; j++) out[runStart + j] = run[j]!;
    }
    runStart = i;
  }
  return out;
}

/** A uniformly distributed integer in [0, n) from `random` (rejection sampling, no modulo bias). */
export function uniformInt(random: RandomSource, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 32) throw new Error("n must be an integer in 1..2^32");
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const b = random(4);
    const x = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (x < limit) return x % n;
  }
}

/**
 * Minimum batch size padding (privacy): when a batch has fewer than `minKeys` real keys, returns the random
 * padding keys that fill it up to `minKeys`, so a lone upload cannot be singled out from a batch's size. Each
 * padding key has fresh random key data and copies the metadata (rolling start, rolling period, report type,
 * transmission risk, days since onset) of a real key drawn uniformly at random, so padding follows the real
 * keys' joint distribution and cannot be told apart by its metadata. Returns [] when the batch has no real
 * keys (nothing to hide, no distribution to sample) or already has enough.
 */
export function padBatch(real: readonly ExportKey[], minKeys: number, random: RandomSource): ExportKey[] {
  const missing = minKeys - real.length;
  if (real.length === 0 || missing <= 0) return [];
  const keyData = random(missing * KEY_DATA_BYTES);
  if (keyData.length !== missing * KEY_DATA_BYTES) throw new Error("random source returned too few bytes");
  const padding: ExportKey[] = [];
  for (let i = 0; i < missing; i++) {
    const model = real[uniformInt(random, real.length)]!;
    const key: ExportKey = {
      keyData: keyData.slice(i * KEY_DATA_BYTES, (i + 1) * KEY_DATA_BYTES),
      rollingStartIntervalNumber: model.rollingStartIntervalNumber,
      rollingPeriod: model.rollingPeriod,
    };
    if (model.transmissionRiskLevel !== undefined) key.transmissionRiskLevel = model.transmissionRiskLevel;
    if (model.reportType !== undefined) key.reportType = model.reportType;
    if (model.daysSinceOnsetOfSymptoms !== undefined) {
      key.daysSinceOnsetOfSymptoms = model.daysSinceOnsetOfSymptoms;
    }
    padding.push(key);
  }
  return padding;
}

/** The keys of one export file. */
export interface FileContents {
  keys: ExportKey[];
  revisedKeys: ExportKey[];
}

/** Number of files a batch of `total` keys (keys + revised keys) needs; 0 for an empty batch. */
export function fileCount(total: number, maxKeysPerFile: number): number {
  if (!(maxKeysPerFile >= 1)) throw new Error("maxKeysPerFile must be >= 1");
  return Math.ceil(total / maxKeysPerFile);
}

/**
 * Splits a batch into files of at most `maxKeysPerFile` entries: the keys sorted by key bytes, then the revised
 * keys sorted by key bytes, cut in order (so every file is sorted, and only the file at the seam holds both).
 */
export function splitBatch(
  keys: readonly ExportKey[],
  revisedKeys: readonly ExportKey[],
  maxKeysPerFile: number,
): FileContents[] {
  const sortedKeys = sortByKeyData(keys);
  const sortedRevised = sortByKeyData(revisedKeys);
  const count = fileCount(sortedKeys.length + sortedRevised.length, maxKeysPerFile);
  const files: FileContents[] = [];
  for (let i = 0; i < count; i++) {
    const from = i * maxKeysPerFile;
    const to = from + maxKeysPerFile;
    files.push({
      keys: sortedKeys.slice(from, to),
      revisedKeys: sortedRevised.slice(
        Math.max(0, from - sortedKeys.length),
        Math.max(0, to - sortedKeys.length),
      ),
    });
  }
  return files;
}

/** Which key signs the files, as written in export.bin's signature_infos and export.sig. */
export function exportSignatureInfo(keyId: string, version: string): SignatureInfo {
  return {
    verificationKeyId: keyId,
    verificationKeyVersion: version,
    signatureAlgorithm: ECDSA_P256_SHA256_OID,
  };
}

/** Seconds since the epoch (export.bin timestamps). */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** The export.bin contents of every file of a batch: batch_num 1..n and batch_size n across them. */
export function exportFiles(
  batch: { region: string; window: ExportWindow; signatureInfo: SignatureInfo },
  files: readonly FileContents[],
): ExportFile[] {
  return files.map((contents, i) => ({
    startTimestamp: unixSeconds(batch.window.start),
    endTimestamp: unixSeconds(batch.window.end),
    region: batch.region,
    batchNum: i + 1,
    batchSize: files.length,
    signatureInfos: [{ ...batch.signatureInfo }],
    keys: contents.keys,
    revisedKeys: contents.revisedKeys,
  }));
}
