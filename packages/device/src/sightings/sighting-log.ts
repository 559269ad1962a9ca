/**
 * SightingLog: the in-memory, time-ordered log of RPIs this phone heard. Readings of one RPI within one scan
 * instant are merged into a single Sighting (mean and peak RSSI), the log is bounded (oldest dropped first)
 * and prunable by age. Pure: no I/O, no clock (times are passed in).
 */

/** One RPI heard in one scan instant. RPI and AEM are lowercase hex so the record is JSON-serialisable. */
export interface Sighting {
  rpi: string;
  aem: string;
  /** Mean RSSI (dBm, as measured) over the readings of this scan instant. */
  rssi: number;
  /** Strongest RSSI reading of this scan instant (gives the minimum attenuation). */
  peakRssi: number;
  /** Number of advertisements merged into this sighting. */
  readings: number;
  /** Time of the first reading (Unix ms). */
  timestampMs: number;
}

/** One advertisement as the scanner delivered it. */
export interface SightingReading {
  rpi: string;
  aem: string;
  rssi: number;
  timestampMs: number;
}

export interface SightingLogOptions {
  /** Most sightings kept; recording past it drops the oldest. */
  maxSightings: number;
  /** Readings of an RPI less than this many ms after its sighting's first reading merge into it. */
  scanInstantMs: number;
}

/** Outcome of record(): the sighting written (new or merged) and any sightings dropped to stay bounded. */
export interface RecordOutcome {
  sighting: Sighting;
  merged: boolean;
  evicted: Sighting[];
}

/** Index of the first element with timestampMs > t (or >= t when `inclusive`). */
function bound(list: readonly Sighting[], t: number, inclusive: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid]!.timestampMs;
    if (inclusive ? v < t : v <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SightingLog {
  readonly #opts: SightingLogOptions;
  /** Sorted by timestampMs (stable for equal times). */
  #list: Sighting[] = [];
  /** Latest sighting of each RPI, for merging readings of one scan instant. */
  readonly #latest = new Map<string, Sighting>();

  constructor(opts: SightingLogOptions, initial: readonly Sighting[] = []) {
    this.#opts = opts;
    for (const s of [...initial].sort((a, b) => a.timestampMs - b.timestampMs)) this.#insert({ ...s });
    this.#evictOverflow();
  }

  get size(): number {
    return this.#list.length;
  }

  /** All sightings, oldest first. Do not mutate. */
  all(): readonly Sighting[] {
    return this.#list;
  }

  /** Sightings with fromMs <= timestampMs < toMs, oldest first. */
  between(fromMs: number, toMs: number): Sighting[] {
    return this.#list.slice(bound(this.#list, fromMs, true), bound(this.#list, toMs, true));
  }

  /** Adds a reading, merging it into the RPI's sighting when it falls in the same scan instant. */
  record(reading: SightingReading): RecordOutcome {
    const last = this.#latest.get(reading.rpi);
    if (last && Math.abs(reading.timestampMs - last.timestampMs) < this.#opts.scanInstantMs) {
      last.rssi = (last.rssi * last.readings + reading.rssi) / (last.readings + 1);
      last.readings += 1;
      last.peakRssi = Math.max(last.peakRssi, reading.rssi);
      return { sighting: last, merged: true, evicted: [] };
    }
    const sighting: Sighting = {
      rpi: reading.rpi,
      aem: reading.aem,
      rssi: reading.rssi,
      peakRssi: reading.rssi,
      readings: 1,
      timestampMs: reading.timestampMs,
    };
    this.#insert(sighting);
    return { sighting, merged: false, evicted: this.#evictOverflow() };
  }

  /** Removes and returns every sighting older than `cutoffMs`. */
  pruneBefore(cutoffMs: number): Sighting[] {
    const n = bound(this.#list, cutoffMs, true);
    return n === 0 ? [] : this.#removeOldest(n);
  }

  #insert(s: Sighting): void {
    const at = bound(this.#list, s.timestampMs, false);
    this.#list.splice(at, 0, s);
    const prev = this.#latest.get(s.rpi);
    if (!prev || prev.timestampMs <= s.timestampMs) this.#latest.set(s.rpi, s);
  }

  #evictOverflow(): Sighting[] {
    const over = this.#list.length - this.#opts.maxSightings;
    return over > 0 ? this.#removeOldest(over) : [];
  }

  #removeOldest(n: number): Sighting[] {
    const removed = this.#list.splice(0, n);
    for (const s of removed) if (this.#latest.get(s.rpi) === s) this.#latest.delete(s.rpi);
    return removed;
  }
}
