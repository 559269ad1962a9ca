import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IngestBatcher } from "./ingest-batcher.ts";

/** A write that records its batches and completes when the test says so. */
function recordingWrite(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const write = async (items: readonly number[]) => {
    batches.push([...items]);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (items.some(fail)) throw new Error(`bad item in ${items.join(",")}`);
    return items.map((i) => i * 10);
  };
  const release = () => {
    for (const g of gates.splice(0)) g();
  };
  return { batches, write, release };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("IngestBatcher", () => {
  it("writes items that arrive during a transaction together in the next one", async () => {
    const w = recordingWrite();
    const b = new IngestBatcher({ write: w.write, maxBatch: 100, concurrency: 1 });
    const first = b.submit(1);
    const rest = [2, 3, 4].map((i) => b.submit(i));
    await tick();
    expect(w.batches).toEqual([[1]]);
    w.release();
    expect(await first).toBe(10);
    await tick();
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
    w.release();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    await b.drained();
  });

  it("answers each caller only after its batch committed", async () => {
    const w = recordingWrite();
    const b = new IngestBatcher({ write: w.write, maxBatch: 10, concurrency: 1 });
    let settled = false;
    const p = b.submit(7).then((r) => {
      settled = true;
      return r;
    });
    await tick();
    expect(settled).toBe(false);
    w.release();
    expect(await p).toBe(70);
  });

  it("respects maxBatch and concurrency", async () => {
    const w = recordingWrite();
    const b = new IngestBatcher({ write: w.write, maxBatch: 3, concurrency: 2 });
    const all = Array.from({ length: 10 }, (_, i) => b.submit(i));
    await tick();
    // The first two start at once (nothing in flight); the rest wait and go in batches of at most 3.
    expect(w.batches).toEqual([[0], [1]]);
    while (w.batches.length < 5) {
      w.release();
      await tick();
    }
    w.release();
    expect(await Promise.all(all)).toEqual(Array.from({ length: 10 }, (_, i) => i * 10));
    expect(w.batches).toEqual([[0], [1], [2, 3, 4], [5, 6, 7], [8, 9]]);
  });

  it("retries a failed batch item by item: only the bad item's caller fails", async () => {
    const b = new IngestBatcher<number, number>({
      write: async (items) => {
        if (items.includes(13)) throw new Error("unlucky");
        return items.map((i) => i + 1);
      },
      maxBatch: 50,
      concurrency: 1,
    });
    const results = await Promise.allSettled([1, 13, 5].map((i) => b.submit(i)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(results[0]).toMatchObject({ value: 2 });
    expect(results[2]).toMatchObject({ value: 6 });
  });

  it("rejects a write that returns the wrong number of results", async () => {
    const b = new IngestBatcher<number, number>({ write: async () => [], maxBatch: 5, concurrency: 1 });
    await expect(b.submit(1)).rejects.toThrow(/0 results for 1 items/);
  });

  it("gives every item exactly its own result in any arrival pattern", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        async (pauses, maxBatch, concurrency) => {
          const written: number[] = [];
          const b = new IngestBatcher<number, string>({
            write: async (items) => {
              await tick();
              written.push(...items);
              return items.map((i) => `r${i}`);
            },
            maxBatch,
            concurrency,
          });
          const promises: Promise<string>[] = [];
          for (const [i, pause] of pauses.entries()) {
            promises.push(b.submit(i));
            for (let p = 0; p < pause; p++) await tick();
          }
          expect(await Promise.all(promises)).toEqual(pauses.map((_, i) => `r${i}`));
          await b.drained();
          expect([...written].sort((x, y) => x - y)).toEqual(pauses.map((_, i) => i));
        },
      ),
      { numRuns: 60 },
    );
  });
});
