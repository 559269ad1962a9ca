/**
 * MatchPool: a reusable pool of worker_threads that match diagnosis keys in parallel (keys and the
 * seen-RPI index shared via SharedArrayBuffer), and matchKeysParallel, its one-call convenience form.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { ProtocolError } from "../errors.ts";
import { triplesToKeyMatches } from "../matching/match-keys.ts";
import { buildSeenRpiIndex, type SeenRpiIndex } from "../matching/seen-index.ts";
import { type DiagnosisKeyLike, isMatchableKey, type KeyMatch, type SeenRpi } from "../matching/types.ts";
import type { MatchJob, PackedKeys, WorkerReply } from "./match-protocol.ts";
import { createTsWorker } from "./ts-worker.ts";

export interface MatchPoolOptions {
  /** Number of worker threads (default: os.availableParallelism()). */
  workers?: number;
  /** Keys a worker claims at a time (default 512). */
  chunkSize?: number;
}

export interface MatchOptions {
  /** Hash seed for the seen-RPI index built from a SeenRpi[] (see buildSeenRpiIndex). */
  seed?: number;
}

/** Copies keys onto SharedArrayBuffers; unmatchable keys get period 0 (skipped by workers). */
export function packKeys(keys: readonly DiagnosisKeyLike[]): PackedKeys {
  const count = keys.length;
  const keyData = new Uint8Array(new SharedArrayBuffer(Math.max(1, count * 16)));
  const starts = new Int32Array(new SharedArrayBuffer(Math.max(4, count * 4)));
  const periods = new Int32Array(new SharedArrayBuffer(Math.max(4, count * 4)));
  for (let i = 0; i < count; i++) {
    const key = keys[i]!;
    if (!isMatchableKey(key)) continue;
    keyData.set(key.keyData, i * 16);
    starts[i] = key.rollingStartIntervalNumber;
    periods[i] = key.rollingPeriod;
  }
  return { count, keyData, starts, periods };
}

interface Pending {
  remaining: number;
  parts: Int32Array[];
  resolve: (matches: KeyMatch[]) => void;
  reject: (err: Error) => void;
}

/**
 * A fixed set of matching workers; reuse it across calls and close() it when done. Idle workers are
 * unref'd, so a forgotten pool does not keep the process alive.
 */
export class MatchPool {
  readonly size: number;
  private readonly chunkSize: number;
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextJobId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private failure: Error | undefined;
  private closed = false;

  constructor(options: MatchPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 512));
    for (let i = 0; i < this.size; i++) {
      const worker = createTsWorker(new URL("./match-worker.ts", import.meta.url));
      worker.on("message", (reply: WorkerReply) => this.onReply(reply));
      worker.on("error", (err) => this.fail(err));
      worker.on("exit", (code) => {
        if (!this.closed)
          this.fail(new ProtocolError("worker_exit", `match worker exited with code ${code}`));
      });
      worker.unref(); // idle workers must not keep the process alive; ref'd while a job runs
      this.workers.push(worker);
    }
  }

  /**
   * Matches `keys` against the phone's sightings (or a prebuilt index, ideally built with shared: true).
   * Calls on one pool run one after another. Same result as matchKeys / matchNaive.
   */
  match(
    seen: readonly SeenRpi[] | SeenRpiIndex,
    keys: readonly DiagnosisKeyLike[],
    options: MatchOptions = {},
  ): Promise<KeyMatch[]> {
    const run = this.queue.then(() => this.run(seen, keys, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Terminates the workers; later match() calls reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fail(new ProtocolError("pool_closed", "match pool was closed"));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private run(
    seen: readonly SeenRpi[] | SeenRpiIndex,
    keys: readonly DiagnosisKeyLike[],
    options: MatchOptions,
  ): Promise<KeyMatch[]> {
    if (this.failure) return Promise.reject(this.failure);
    const index = Array.isArray(seen)
      ? buildSeenRpiIndex(seen as readonly SeenRpi[], { seed: options.seed ?? 0, shared: true })
      : (seen as SeenRpiIndex);
    const jobId = this.nextJobId++;
    const job: MatchJob = {
      type: "match",
      jobId,
      index,
      keys: packKeys(keys),
      cursor: new Int32Array(new SharedArrayBuffer(4)),
      chunkSize: this.chunkSize,
    };
    return new Promise<KeyMatch[]>((resolve, reject) => {
      const settle = () => {
        for (const worker of this.workers) worker.unref();
      };
      this.pending.set(jobId, {
        remaining: this.workers.length,
        parts: [],
        resolve: (m) => {
          settle();
          resolve(m);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
      });
      for (const worker of this.workers) {
        worker.ref();
        worker.postMessage(job);
      }
    });
  }

  private onReply(reply: WorkerReply): void {
    const pending = this.pending.get(reply.jobId);
    if (!pending) return;
    if (reply.type === "error") {
      this.pending.delete(reply.jobId);
      pending.reject(new ProtocolError("worker_failed", `match worker failed: ${reply.message}`));
      return;
    }
    pending.parts.push(reply.triples);
    if (--pending.remaining > 0) return;
    this.pending.delete(reply.jobId);
    const total = pending.parts.reduce((n, p) => n + p.length, 0);
    const all = new Int32Array(total);
    let off = 0;
    for (const p of pending.parts) {
      all.set(p, off);
      off += p.length;
    }
    pending.resolve(triplesToKeyMatches(all));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const [jobId, p] of this.pending) {
      this.pending.delete(jobId);
      p.reject(err);
    }
  }
}

/** Creates a MatchPool (see MatchPoolOptions). */
export function createMatchPool(options: MatchPoolOptions = {}): MatchPool {
  return new MatchPool(options);
}

/**
 * Matches keys on worker threads. With `pool` it reuses that pool; otherwise it starts one with
 * `workers` threads for this call and closes it afterwards (worker start-up then dominates small jobs).
 */
export async function matchKeysParallel(
  seen: readonly SeenRpi[] | SeenRpiIndex,
  keys: readonly DiagnosisKeyLike[],
  options: MatchPoolOptions & MatchOptions & { pool?: MatchPool } = {},
): Promise<KeyMatch[]> {
  if (options.pool) return options.pool.match(seen, keys, options);
  const pool = new MatchPool(options);
  try {
    return await pool.match(seen, keys, options);
  } finally {
    await pool.close();
  }
}
