// The export job (imperative shell): per region, plan the next closed window in one transaction (keys assigned,
// padding stored), then publish every pending batch: write each signed zip, then index.txt, then mark it done.
import type { KeyObject } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { ensureSigningKey, getActiveSigningKey, type KeysConfig } from "../keys/index.ts";
import type { BlobStore } from "../platform/blob/store.ts";
import { type Db, transaction } from "../platform/db/database.ts";
import type { Clock, RandomBytes } from "../platform/feature.ts";
import type { ExportBuildPool } from "./build-pool.ts";
import { buildSignedZips } from "./build-pool.ts";
import type { ExportConfig } from "./config.ts";
import {
  exportFiles,
  exportFolder,
  exportSignatureInfo,
  fileCount,
  INDEX_CACHE_CONTROL,
  INDEX_CONTENT_TYPE,
  indexPath,
  nextExportWindow,
  padBatch,
  renderIndex,
  splitBatch,
  ZIP_CACHE_CONTROL,
  ZIP_CONTENT_TYPE,
} from "./model.ts";
import {
  assignNewKeys,
  assignRevisedKeys,
  batchFilePaths,
  type ExportBatchRow,
  findBatch,
  insertBatch,
  insertPaddingKeys,
  LATE_KEY_GRACE_MS,
  lastBatchEnd,
  lockRegion,
  markPublished,
  pendingBatches,
  publishedBatches,
  readBatchKeys,
  setBatchCounts,
} from "./store.ts";

/** Key id prefix of a generated export signing key (EXPORT_SIGNING_KEY_KID names a configured one). */
export const EXPORT_KEY_ID_PREFIX = "bluezone-export";

/** What the export job needs; the feature passes its deps, the CLI builds these for `export --once`. */
export interface ExportDeps {
  db: Db;
  blobs: BlobStore;
  config: ExportConfig;
  clock: Clock;
  random: RandomBytes;
  /** Signing key configuration (default: read from process.env by the keys module). */
  keys?: KeysConfig;
  log?: Pick<FastifyBaseLogger, "info" | "warn">;
  /** Reuse a build pool across runs (else one is started per large batch). */
  pool?: ExportBuildPool;
}

/** One batch this run planned or published. */
export interface ExportedBatch {
  region: string;
  batchId: number;
  start: Date;
  end: Date;
  keys: number;
  revisedKeys: number;
  paddingKeys: number;
  /** Blob keys of its files (listed in index.txt). */
  files: string[];
}

export interface ExportRunResult {
  /** Batches planned by this run (possibly not yet published if publishing failed). */
  planned: ExportedBatch[];
  /** Batches published by this run (this run's and unfinished ones of earlier runs). */
  published: ExportedBatch[];
}

const describe = (b: ExportBatchRow): ExportedBatch => ({
  region: b.region,
  batchId: b.id,
  start: b.startAt,
  end: b.endAt,
  keys: b.keyCount,
  revisedKeys: b.revisedCount,
  paddingKeys: b.paddingCount,
  files: batchFilePaths(b),
});

/**
 * Plans the region's next closed window, if one is due: in one transaction, creates the batch, assigns its
 * keys and revised keys, stores its padding keys and file count. Returns the batch or null.
 */
export async function planNextBatch(deps: ExportDeps, region: string): Promise<ExportBatchRow | null> {
  const { config } = deps;
  return transaction(deps.db, async (tx) => {
    await lockRegion(tx, region);
    const lastEnd = await lastBatchEnd(tx, region);
    const window = nextExportWindow({
      lastEnd,
      now: deps.clock(),
      periodMs: config.periodMs,
      closeDelayMs: config.closeDelayMs,
    });
    if (!window) return null;
    const batch = await insertBatch(tx, {
      region,
      folder: exportFolder(config.filePrefix, region),
      window,
      maxKeysPerFile: config.maxKeysPerFile,
    });
    const keyCount = await assignNewKeys(tx, batch, {
      maxKeyAgeMs: config.maxKeyAgeMs,
      since: lastEnd ? new Date(lastEnd.getTime() - LATE_KEY_GRACE_MS) : null,
    });
    const revisedCount = await assignRevisedKeys(tx, batch);
    let paddingCount = 0;
    if (keyCount > 0 && keyCount < config.minKeys) {
      const real = (await readBatchKeys(tx, batch.id)).key;
      const padding = padBatch(real, config.minKeys, deps.random);
      await insertPaddingKeys(tx, batch, padding);
      paddingCount = padding.length;
    }
    const total = keyCount + revisedCount + paddingCount;
    return setBatchCounts(tx, batch.id, {
      keyCount,
      revisedCount,
      paddingCount,
      fileCount: fileCount(total, config.maxKeysPerFile),
    });
  });
}

/** The export signing key, created on first use (generated in demo/dev, from the environment in production). */
export async function exportSigningKey(
  deps: Pick<ExportDeps, "db" | "clock" | "keys">,
): Promise<{ kid: string; version: string; privateKey: KeyObject }> {
  const options = deps.keys ? { config: deps.keys } : {};
  await ensureSigningKey(deps.db, "export", {
    ...options,
    kidPrefix: EXPORT_KEY_ID_PREFIX,
    now: deps.clock(),
  });
  return getActiveSigningKey(deps.db, "export", options);
}

/**
 * Publishes one pending batch, under the region lock: writes every file that is not in the blob store yet
 * (blob writes are atomic, so an existing file is complete), then rewrites index.txt with every published
 * batch plus this one, then marks the batch published. Killed at any point, a rerun finishes the same files
 * from the same stored keys. Returns null when another process published it first.
 */
export async function publishBatch(deps: ExportDeps, batchId: number): Promise<ExportBatchRow | null> {
  const signer = await exportSigningKey(deps);
  return transaction(deps.db, async (tx) => {
    const first = await findBatch(tx, batchId);
    if (!first) return null;
    await lockRegion(tx, first.region);
    const batch = await findBatch(tx, batchId);
    if (batch?.status !== "pending") return null;

    const paths = batchFilePaths(batch);
    const missing: number[] = [];
    for (const [i, path] of paths.entries()) if (!(await deps.blobs.exists(path))) missing.push(i);
    if (missing.length > 0) {
      const stored = await readBatchKeys(tx, batch.id);
      const contents = splitBatch([...stored.key, ...stored.padding], stored.revised, batch.maxKeysPerFile);
      if (contents.length !== batch.fileCount) {
        throw new Error(`export batch ${batch.id}: ${contents.length} files, planned ${batch.fileCount}`);
      }
      const files = exportFiles(
        {
          region: batch.region,
          window: { start: batch.startAt, end: batch.endAt },
          signatureInfo: exportSignatureInfo(signer.kid, signer.version),
        },
        contents,
      ).filter((_, i) => missing.includes(i));
      const zips = await buildSignedZips(files, signer.privateKey, {
        workers: deps.config.workers,
        ...(deps.pool ? { pool: deps.pool } : {}),
      });
      for (const [j, zip] of zips.entries()) {
        const path = paths[missing[j]!]!;
        await deps.blobs.put(path, zip, { contentType: ZIP_CONTENT_TYPE, cacheControl: ZIP_CACHE_CONTROL });
      }
    }
    if (batch.fileCount > 0) {
      const listed = [...(await publishedBatches(tx, batch.region)), batch]
        .filter((b) => b.folder === batch.folder)
        .sort((a, b) => a.endAt.getTime() - b.endAt.getTime())
        .flatMap(batchFilePaths);
      await writeIndex(deps.blobs, batch.folder, listed);
    }
    await markPublished(tx, batch.id, deps.clock());
    return batch;
  });
}

/** Rewrites a region folder's index.txt (atomically) listing `paths`, oldest first. */
export async function writeIndex(blobs: BlobStore, folder: string, paths: readonly string[]): Promise<void> {
  await blobs.put(indexPath(folder), new TextEncoder().encode(renderIndex(paths)), {
    contentType: INDEX_CONTENT_TYPE,
    cacheControl: INDEX_CACHE_CONTROL,
  });
}

/**
 * Runs the export once (the periodic job, and `bluezone export --once`): for each configured region, closes the
 * next due window and publishes every pending batch, oldest first. Idempotent; safe to run from several
 * processes at once and to kill at any moment.
 */
export async function runExportOnce(deps: ExportDeps): Promise<ExportRunResult> {
  const result: ExportRunResult = { planned: [], published: [] };
  for (const region of deps.config.regions) {
    const planned = await planNextBatch(deps, region);
    if (planned) result.planned.push(describe(planned));
    for (const pending of await pendingBatches(deps.db, region)) {
      const published = await publishBatch(deps, pending.id);
      if (!published) continue;
      result.published.push(describe(published));
      deps.log?.info(
        {
          region,
          batchId: published.id,
          keys: published.keyCount,
          revisedKeys: published.revisedCount,
          paddingKeys: published.paddingCount,
          files: published.fileCount,
        },
        "export batch published",
      );
    }
  }
  return result;
}
