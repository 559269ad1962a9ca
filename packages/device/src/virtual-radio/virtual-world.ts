/**
 * VirtualWorld and VirtualRadio: simulated BLE for tests and the simulator. Phones move on 2-D paths; each
 * scans on its own schedule like a real phone (every scanIntervalMs, jittered, default 4-5 min, hearing a
 * few advertisements during a scanWindowMs window, default 4 s) and hears every advertising phone whose RSSI
 * (path-loss.ts, per-device TX power and RSSI correction) is above the sensitivity. Deterministic for a seed.
 */

import { SeededRandom } from "../adapters/random.ts";
import type { Radio, ScanListener } from "../adapters.ts";
import { DEFAULT_PATH_LOSS, type PathLossModel, rssiAt } from "./path-loss.ts";
import { distance, normalizePath, type Path, type Point, positionAt } from "./trajectory.ts";

export interface VirtualWorldOptions {
  /** Seed of every random choice (scan phases, jitter, noise). */
  seed: number;
  /** Time (Unix ms) the world starts; first scans are scheduled after it. */
  startMs: number;
  pathLoss?: Partial<PathLossModel>;
  /** Readings below this RSSI (dBm) are not heard. Default -100. */
  sensitivityDbm?: number;
}

export interface VirtualPhoneOptions {
  id: string;
  path: Path;
  /** Calibrated TX power the phone advertises (dBm); give its engine the same value. Default -10. */
  txPowerDbm?: number;
  /** The receiver reads this many dB low (its calibration-table RSSI correction). Default 0. */
  rssiCorrectionDb?: number;
  /** Error of the calibration table for this phone (dB added to every reading). Default 0. */
  calibrationErrorDb?: number;
  /** Time between scan starts (ms), drawn uniformly in [min, max]. Default 240,000..300,000. */
  scanIntervalMs?: { min: number; max: number };
  /** Length of one scan (ms). Default 4,000. */
  scanWindowMs?: number;
  /** Advertisements of each nearby phone heard per scan, spread over the window. Default 4. */
  readingsPerScan?: number;
}

interface PhoneState {
  radio: VirtualRadio;
  opts: Required<Omit<VirtualPhoneOptions, "path">> & { path: Path };
  rng: SeededRandom;
  nextScanMs: number;
}

/** One simulated phone's BLE: advertises what its engine sets, delivers what the world lets it hear. */
export class VirtualRadio implements Radio {
  readonly id: string;
  readonly #world: VirtualWorld;
  #payload: Uint8Array | undefined;
  readonly #listeners = new Set<ScanListener>();

  constructor(id: string, world: VirtualWorld) {
    this.id = id;
    this.#world = world;
  }

  startAdvertising(serviceData: Uint8Array): void {
    this.#payload = Uint8Array.from(serviceData);
  }

  stopAdvertising(): void {
    this.#payload = undefined;
  }

  onScanResult(listener: ScanListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The service data currently advertised, if any (copy). */
  get advertising(): Uint8Array | undefined {
    return this.#payload ? Uint8Array.from(this.#payload) : undefined;
  }

  positionAt(tMs: number): Point {
    return this.#world.positionOf(this.id, tMs);
  }

  /** @internal Called by the world. */
  async deliver(serviceData: Uint8Array, rssi: number, timestampMs: number): Promise<void> {
    for (const listener of this.#listeners)
      await listener({ serviceData: Uint8Array.from(serviceData), rssi, timestampMs });
  }
}

export class VirtualWorld {
  readonly model: PathLossModel;
  readonly sensitivityDbm: number;
  readonly #rng: SeededRandom;
  readonly #noise: SeededRandom;
  readonly #phones: PhoneState[] = [];
  #nowMs: number;

  constructor(opts: VirtualWorldOptions) {
    this.model = { ...DEFAULT_PATH_LOSS, ...opts.pathLoss };
    this.sensitivityDbm = opts.sensitivityDbm ?? -100;
    this.#rng = new SeededRandom(opts.seed);
    this.#noise = this.#rng.fork();
    this.#nowMs = opts.startMs;
  }

  /** Places a phone in the world; it starts scanning at a random phase within its first scan interval. */
  addPhone(options: VirtualPhoneOptions): VirtualRadio {
    if (this.#phones.some((p) => p.radio.id === options.id))
      throw new Error(`duplicate phone id ${options.id}`);
    const opts = {
      txPowerDbm: -10,
      rssiCorrectionDb: 0,
      calibrationErrorDb: 0,
      scanIntervalMs: { min: 240_000, max: 300_000 },
      scanWindowMs: 4_000,
      readingsPerScan: 4,
      ...options,
      path: normalizePath(options.path),
    };
    if (opts.scanIntervalMs.min <= 0 || opts.scanIntervalMs.max < opts.scanIntervalMs.min) {
      throw new RangeError("scanIntervalMs must satisfy 0 < min <= max");
    }
    if (!(opts.readingsPerScan >= 1) || !(opts.scanWindowMs >= 0)) throw new RangeError("bad scan window");
    const rng = this.#rng.fork();
    const radio = new VirtualRadio(opts.id, this);
    const nextScanMs = this.#nowMs + Math.floor(rng.uniform(0, opts.scanIntervalMs.max));
    this.#phones.push({ radio, opts, rng, nextScanMs });
    return radio;
  }

  positionOf(id: string, tMs: number): Point {
    const phone = this.#phones.find((p) => p.radio.id === id);
    if (!phone) throw new Error(`unknown phone ${id}`);
    return positionAt(phone.opts.path, tMs);
  }

  /** When the next scan starts (Unix ms), or undefined if the world has no phones. */
  nextScanAtMs(): number | undefined {
    let next: number | undefined;
    for (const p of this.#phones) if (next === undefined || p.nextScanMs < next) next = p.nextScanMs;
    return next;
  }

  /**
   * Runs every scan that starts at or before `tMs`, in time order (ties: order phones were added), and
   * awaits the listeners. Returns the number of scan results delivered.
   */
  async advanceTo(tMs: number): Promise<number> {
    let delivered = 0;
    for (;;) {
      let phone: PhoneState | undefined;
      for (const p of this.#phones)
        if (p.nextScanMs <= tMs && (!phone || p.nextScanMs < phone.nextScanMs)) phone = p;
      if (!phone) break;
      delivered += await this.#scan(phone, phone.nextScanMs);
      const { min, max } = phone.opts.scanIntervalMs;
      phone.nextScanMs += Math.round(phone.rng.uniform(min, max));
    }
    this.#nowMs = Math.max(this.#nowMs, tMs);
    return delivered;
  }

  async #scan(scanner: PhoneState, startMs: number): Promise<number> {
    const { readingsPerScan, scanWindowMs } = scanner.opts;
    const heard = this.#phones.filter((p) => p !== scanner && p.radio.advertising !== undefined);
    let delivered = 0;
    for (let i = 0; i < readingsPerScan; i++) {
      const t = startMs + Math.floor((i * scanWindowMs) / readingsPerScan);
      const here = positionAt(scanner.opts.path, t);
      for (const sender of heard) {
        const payload = sender.radio.advertising;
        if (!payload) continue;
        const d = distance(here, positionAt(sender.opts.path, t));
        const rssi = Math.round(rssiAt(d, sender.opts, scanner.opts, this.model, this.#noise.gaussian()));
        if (rssi < this.sensitivityDbm) continue;
        await scanner.radio.deliver(payload, rssi, t);
        delivered++;
      }
    }
    return delivered;
  }
}
