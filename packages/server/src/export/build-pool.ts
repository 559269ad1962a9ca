// Builds the signed zips of a batch in parallel: a small pool of worker threads, each encoding, signing and
// zipping whole files (keys shipped as flat transferred buffers); small batches are built in-thread.
import type { KeyObject } from "node:crypto";
import type { Worker } from "node:worker_threads";
import type { ExportFile } from "@bluezone/protocol";
import { createTsWorker } from "@bluezone/protocol/node";
import { buildSignedZip, type PackedExportFile, packExportFile } from "./build.ts";

/** Below this many keys in a batch, starting workers costs more than it saves. */
export const PARALLEL_BUILD_MIN_KEYS = 50_000;

export interface BuildRequest {
  id: number;
  file: PackedExportFile;
  privateKey: KeyObject;
}

export type BuildReply = { id: number; zip: Uint8Array } | { id: number; error: string };

interface Task {
  request: BuildRequest;
  resolve: (zip: Uint8Array) => void;
  reject: (error: Error) => void;
}

/** A fixed set of worker threads building export zips; reuse it across batches and close() it after. */
export class ExportBuildPool {
  readonly size: number;
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly running = new Map<Worker, Task>();
  private nextId = 1;
  private closed = false;

  constructor(workers: number) {
    this.size = Math.max(1, Math.floor(workers));
    for (let i = 0; i < this.size; i++) {
      const worker = createTsWorker(new URL("./build-worker.ts", import.meta.url));
      worker.on("message", (reply: BuildReply) => this.onReply(worker, reply));
      worker.on("error", (error) => this.onWorkerFailure(worker, error));
      worker.on("exit", (code) => {
        if (!this.closed)
          this.onWorkerFailure(worker, new Error(`export build worker exited with code ${code}`));
      });
      worker.unref();
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  /** Encodes, signs and zips one file on the next free worker. */
  build(file: ExportFile, privateKey: KeyObject): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error("export build pool is closed"));
    const request: BuildRequest = { id: this.nextId++, file: packExportFile(file), privateKey };
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error("export build pool was closed"));
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.running.set(worker, task);
      worker.ref();
      const { file } = task.request;
      worker.postMessage(task.request, [
        file.keyData.buffer as ArrayBuffer,
        file.fields.buffer as ArrayBuffer,
      ]);
    }
  }

  private onReply(worker: Worker, reply: BuildReply): void {
    const task = this.running.get(worker);
    this.running.delete(worker);
    worker.unref();
    this.idle.push(worker);
    if (task) {
      if ("zip" in reply) task.resolve(reply.zip);
      else task.reject(new Error(`export build failed: ${reply.error}`));
    }
    this.dispatch();
  }

  private onWorkerFailure(worker: Worker, error: Error): void {
    const task = this.running.get(worker);
    this.running.delete(worker);
    task?.reject(error);
    // A broken worker is not reused; when none is left, fail everything still queued.
    for (const list of [this.all, this.idle]) {
      const i = list.indexOf(worker);
      if (i >= 0) list.splice(i, 1);
    }
    if (this.all.length === 0) for (const t of this.queue.splice(0)) t.reject(error);
  }
}

/**
 * The signed zips of `files`, in order. With `workers` >= 1 and at least PARALLEL_BUILD_MIN_KEYS keys (or a
 * `pool`), files are built on worker threads; otherwise one after another in this thread.
 */
export async function buildSignedZips(
  files: readonly ExportFile[],
  privateKey: KeyObject,
  options: { workers?: number; pool?: ExportBuildPool; minKeysForWorkers?: number } = {},
): Promise<Uint8Array[]> {
  const total = files.reduce((n, f) => n + f.keys.length + f.revisedKeys.length, 0);
  const workers = Math.min(options.workers ?? 0, files.length);
  const parallel =
    options.pool !== undefined ||
    (workers >= 1 && total >= (options.minKeysForWorkers ?? PARALLEL_BUILD_MIN_KEYS));
  if (!parallel) return files.map((f) => buildSignedZip(f, privateKey));
  const pool = options.pool ?? new ExportBuildPool(workers);
  try {
    return await Promise.all(files.map((f) => pool.build(f, privateKey)));
  } finally {
    if (!options.pool) await pool.close();
  }
}
