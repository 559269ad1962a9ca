import { describe, expect, it } from "vitest";
import { TokenBucket } from "./rate.ts";

describe("TokenBucket", () => {
  it("lets a burst through, then spaces sends at the rate", () => {
    const bucket = new TokenBucket(10, 0);
    const waits = Array.from({ length: 12 }, () => bucket.take(0));
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits[10]).toBe(100);
    expect(waits[11]).toBe(200);
    // After a second the bucket has refilled what was borrowed and more.
    expect(new TokenBucket(10, 0).take(5000)).toBe(0);
  });

  it("sends N messages in about N/rate seconds", () => {
    const bucket = new TokenBucket(100, 0);
    let last = 0;
    for (let i = 0; i < 1000; i++) last = bucket.take(0);
    expect(last).toBeGreaterThanOrEqual(8900);
    expect(last).toBeLessThanOrEqual(9000);
  });

  it("is unlimited at rate 0", () => {
    const bucket = new TokenBucket(0, 0);
    for (let i = 0; i < 100; i++) expect(bucket.take(0)).toBe(0);
  });
});
