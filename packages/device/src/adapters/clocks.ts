/**
 * Clock implementations: SystemClock (Date.now) for real phones and SimulatedClock, a manually driven clock
 * for tests and the simulator.
 */
import type { Clock } from "../adapters.ts";

export class SystemClock implements Clock {
  nowMs(): number {
    return Date.now();
  }
}

export class SimulatedClock implements Clock {
  #now: number;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  nowMs(): number {
    return this.#now;
  }

  /** Moves the clock to `ms`; time never goes backwards. */
  setMs(ms: number): void {
    if (ms < this.#now) throw new RangeError(`simulated clock cannot go back from ${this.#now} to ${ms}`);
    this.#now = ms;
  }

  advanceMs(deltaMs: number): void {
    this.setMs(this.#now + deltaMs);
  }
}
