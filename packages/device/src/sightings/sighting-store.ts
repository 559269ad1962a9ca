/**
 * PersistentSightingLog: the SightingLog mirrored to the Store in one entry per EN interval
 * ("sighting/<interval>"), with retention applied by the log itself on every write and on prune().
 */
import type { Store } from "../adapters.ts";
import { INTERVAL_MS, intervalAt } from "../keys/key-schedule.ts";
import { type Sighting, SightingLog, type SightingLogOptions, type SightingReading } from "./sighting-log.ts";

const PREFIX = "sighting/";
const bucketKey = (interval: number) => PREFIX + String(interval).padStart(10, "0");

export interface PersistentSightingLogOptions extends SightingLogOptions {
  /** Sightings older than this many days are deleted. */
  retentionDays: number;
}

export class PersistentSightingLog {
  readonly #store: Store;
  readonly #opts: PersistentSightingLogOptions;
  #log: SightingLog;

  constructor(store: Store, opts: PersistentSightingLogOptions) {
    this.#store = store;
    this.#opts = opts;
    this.#log = new SightingLog(opts);
  }

  async load(): Promise<void> {
    const all: Sighting[] = [];
    for (const key of await this.#store.list(PREFIX)) {
      const bucket = await this.#store.get<Sighting[]>(key);
      if (bucket) all.push(...bucket);
    }
    this.#log = new SightingLog(this.#opts, all);
  }

  get size(): number {
    return this.#log.size;
  }

  /** All retained sightings, oldest first. Do not mutate. */
  all(): readonly Sighting[] {
    return this.#log.all();
  }

  /** The oldest timestamp still allowed at `nowMs`. */
  cutoffMs(nowMs: number): number {
    return nowMs - this.#opts.retentionDays * 86_400_000;
  }

  /**
   * Records a reading (merged per scan instant), persists its interval's bucket, and applies retention and
   * the size bound. Readings already older than the retention cutoff are ignored. Returns true when stored.
   */
  async record(reading: SightingReading, nowMs: number): Promise<boolean> {
    const cutoff = this.cutoffMs(nowMs);
    const touched = new Set<number>(this.#log.pruneBefore(cutoff).map((s) => intervalAt(s.timestampMs)));
    let stored = false;
    if (reading.timestampMs >= cutoff) {
      const { sighting, evicted } = this.#log.record(reading);
      touched.add(intervalAt(sighting.timestampMs));
      for (const s of evicted) touched.add(intervalAt(s.timestampMs));
      stored = true;
    }
    await this.#persist(touched);
    return stored;
  }

  /** Deletes every sighting older than the retention period at `nowMs`; returns how many were removed. */
  async prune(nowMs: number): Promise<number> {
    const removed = this.#log.pruneBefore(this.cutoffMs(nowMs));
    await this.#persist(new Set(removed.map((s) => intervalAt(s.timestampMs))));
    // Also drop buckets left behind by an earlier run (e.g. a crash between writes).
    const oldest = intervalAt(Math.max(0, this.cutoffMs(nowMs)));
    for (const key of await this.#store.list(PREFIX)) {
      if (Number(key.slice(PREFIX.length)) < oldest) await this.#store.delete(key);
    }
    return removed.length;
  }

  async #persist(intervals: Set<number>): Promise<void> {
    for (const interval of intervals) {
      const bucket = this.#log.between(interval * INTERVAL_MS, (interval + 1) * INTERVAL_MS);
      if (bucket.length === 0) await this.#store.delete(bucketKey(interval));
      else await this.#store.put(bucketKey(interval), bucket);
    }
  }
}
