/**
 * PhoneSimulation: runs a scripted scene of DeviceEngines on a VirtualWorld with one SimulatedClock - the
 * helper for end-to-end tests and the `demo-phones` CLI. Engines tick every tickMs (aligned so every
 * 10-minute RPI rotation is on a tick) and scans are delivered in time order between ticks.
 */

import { SimulatedClock } from "../adapters/clocks.ts";
import { MemoryStore } from "../adapters/memory-store.ts";
import { SeededRandom } from "../adapters/random.ts";
import type { Http, Store } from "../adapters.ts";
import type { DeviceConfig } from "../config.ts";
import { DeviceEngine } from "../engine.ts";
import { INTERVAL_MS } from "../keys/key-schedule.ts";
import type { PathLossModel } from "./path-loss.ts";
import { type VirtualPhoneOptions, type VirtualRadio, VirtualWorld } from "./virtual-world.ts";

export interface PhoneSimulationOptions {
  /** Scene start (Unix ms). */
  startMs: number;
  /** Seed for the world (scans, noise) and every phone's key randomness. */
  seed: number;
  /** Http every phone uses (a fake server in tests, FetchHttp against a real server). */
  http: Http;
  /** Engine tick period; must divide 10 minutes. Default 60,000. */
  tickMs?: number;
  pathLoss?: Partial<PathLossModel>;
  /** Config shared by every phone (per-phone overrides in addPhone). */
  config?: Partial<DeviceConfig>;
  /** Clock to drive (e.g. shared with a fake server); must read startMs. Default: a new SimulatedClock. */
  clock?: SimulatedClock;
}

export interface SimulatedPhoneSpec extends VirtualPhoneOptions {
  /** Config overrides for this phone (txPowerDbm / rssiCorrectionDb are taken from the radio options). */
  config?: Partial<DeviceConfig>;
  /** Defaults to a new MemoryStore. */
  store?: Store;
}

export interface SimulatedPhone {
  id: string;
  engine: DeviceEngine;
  radio: VirtualRadio;
  store: Store;
}

export class PhoneSimulation {
  readonly clock: SimulatedClock;
  readonly world: VirtualWorld;
  readonly #opts: PhoneSimulationOptions;
  readonly #tickMs: number;
  readonly #rng: SeededRandom;
  readonly #phones = new Map<string, SimulatedPhone>();
  #nextTickMs: number;

  constructor(opts: PhoneSimulationOptions) {
    this.#tickMs = opts.tickMs ?? 60_000;
    if (!(this.#tickMs > 0) || INTERVAL_MS % this.#tickMs !== 0)
      throw new RangeError("tickMs must divide 600,000");
    this.#opts = opts;
    this.clock = opts.clock ?? new SimulatedClock(opts.startMs);
    if (this.clock.nowMs() !== opts.startMs) throw new RangeError("the given clock must read startMs");
    this.#rng = new SeededRandom(opts.seed ^ 0x5eed);
    this.world = new VirtualWorld({ seed: opts.seed, startMs: opts.startMs, pathLoss: opts.pathLoss });
    this.#nextTickMs = Math.ceil(opts.startMs / this.#tickMs) * this.#tickMs;
  }

  /** Creates a phone (radio + engine with a seeded Random) and starts its engine now. */
  async addPhone(spec: SimulatedPhoneSpec): Promise<SimulatedPhone> {
    await this.world.advanceTo(this.clock.nowMs());
    const radio = this.world.addPhone(spec);
    const store = spec.store ?? new MemoryStore();
    const engine = new DeviceEngine({
      radio,
      store,
      clock: this.clock,
      http: this.#opts.http,
      random: this.#rng.fork(),
      config: {
        ...this.#opts.config,
        ...spec.config,
        txPowerDbm: spec.txPowerDbm ?? -10,
        rssiCorrectionDb: spec.rssiCorrectionDb ?? 0,
      },
    });
    await engine.start();
    const phone = { id: spec.id, engine, radio, store };
    this.#phones.set(spec.id, phone);
    return phone;
  }

  phone(id: string): SimulatedPhone {
    const p = this.#phones.get(id);
    if (!p) throw new Error(`unknown phone ${id}`);
    return p;
  }

  get phones(): SimulatedPhone[] {
    return [...this.#phones.values()];
  }

  /** Advances the scene to `endMs`: ticks and scans in time order (a tick before a scan at the same ms). */
  async runUntil(endMs: number): Promise<void> {
    for (;;) {
      const nextScan = this.world.nextScanAtMs() ?? Number.POSITIVE_INFINITY;
      const t = Math.min(this.#nextTickMs, nextScan);
      if (t > endMs) break;
      this.clock.setMs(Math.max(t, this.clock.nowMs()));
      if (t === this.#nextTickMs) {
        for (const p of this.#phones.values()) await p.engine.tick();
        this.#nextTickMs += this.#tickMs;
      }
      await this.world.advanceTo(t);
    }
    if (endMs > this.clock.nowMs()) this.clock.setMs(endMs);
    await this.world.advanceTo(this.clock.nowMs());
  }

  runFor(ms: number): Promise<void> {
    return this.runUntil(this.clock.nowMs() + ms);
  }

  /** Stops every engine. */
  async stop(): Promise<void> {
    for (const p of this.#phones.values()) await p.engine.stop();
  }
}
