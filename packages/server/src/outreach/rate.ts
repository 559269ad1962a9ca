// Per-channel rate limit of one delivery worker: a token bucket (rate per second, burst of one second's worth).
// Pure arithmetic over a given clock; the worker waits the returned delay before sending.

export class TokenBucket {
  private tokens: number;
  private last: number;
  readonly ratePerSecond: number;
  readonly burst: number;

  /** `ratePerSecond` 0 means unlimited. */
  constructor(ratePerSecond: number, nowMs: number, burst = Math.max(1, ratePerSecond)) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowMs;
  }

  /** Takes one token; returns how many ms the caller must wait before using it (0 = at once). */
  take(nowMs: number): number {
    if (this.ratePerSecond <= 0) return 0;
    const elapsed = Math.max(0, nowMs - this.last);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.last = Math.max(this.last, nowMs);
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }
}
