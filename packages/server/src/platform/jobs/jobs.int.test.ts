import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Database, rows } from "../db/database.ts";
import { createTestDb, openSecondHandle, testDatabaseUrl } from "../db/test-db.ts";
import { jobs } from "../tables.ts";
import { every, periodDedupeKey } from "./policy.ts";
import { claimJob, completeJob, enqueueJob, purgeFinishedJobs } from "./queue.ts";
import { JobRegistry } from "./registry.ts";
import { JobWorker } from "./worker.ts";

const onPostgres = testDatabaseUrl() !== undefined;

describe(`job queue on ${onPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await database.db.delete(jobs);
  });

  const jobRow = async (id: number) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

  it("runs a job and marks it done", async () => {
    const registry = new JobRegistry(database.db);
    const seen: unknown[] = [];
    registry.handle<{ n: number }>("test.echo", async (payload, { job }) => {
      seen.push({ payload, attempt: job.attempts });
    });
    const id = await registry.enqueue("test.echo", { n: 7 });
    const worker = new JobWorker({ registry });
    expect(await worker.runOnce()).toBe(true);
    expect(await worker.runOnce()).toBe(false);
    expect(seen).toEqual([{ payload: { n: 7 }, attempt: 1 }]);
    const row = await jobRow(id!);
    expect(row.status).toBe("done");
    expect(row.finishedAt).toBeInstanceOf(Date);
    expect(row.lockedBy).toBeNull();
  });

  it("does not run a job before its runAt", async () => {
    const registry = new JobRegistry(database.db);
    registry.handle("test.later", async () => {});
    await registry.enqueue("test.later", {}, { runAt: new Date(Date.now() + 3_600_000) });
    expect(await new JobWorker({ registry }).runOnce()).toBe(false);
  });

  it("only claims jobs it has a handler for", async () => {
    const registry = new JobRegistry(database.db);
    registry.handle("test.mine", async () => {});
    await enqueueJob(database.db, "test.someone-else", {});
    expect(await new JobWorker({ registry }).runOnce()).toBe(false);
  });

  it("dedupes by key", async () => {
    const first = await enqueueJob(database.db, "test.dedupe", { a: 1 }, { dedupeKey: "k1" });
    const second = await enqueueJob(database.db, "test.dedupe", { a: 2 }, { dedupeKey: "k1" });
    expect(first).toBeTypeOf("number");
    expect(second).toBeNull();
    const all = await database.db.select().from(jobs);
    expect(all).toHaveLength(1);
    expect(all[0]?.payload).toEqual({ a: 1 });
  });

  it("retries with exponential back-off, then fails for good after maxAttempts", async () => {
    const registry = new JobRegistry(database.db);
    let calls = 0;
    registry.handle(
      "test.flaky",
      async () => {
        calls++;
        throw new Error(`attempt ${calls} broke`);
      },
      { maxAttempts: 3, backoff: { baseMs: 60_000, maxMs: 3_600_000 } },
    );
    const id = (await registry.enqueue("test.flaky", {}))!;
    const worker = new JobWorker({ registry });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await worker.runOnce()).toBe(true);
      const row = await jobRow(id);
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe(`Error: attempt ${attempt} broke`);
      if (attempt < 3) {
        expect(row.status).toBe("pending");
        delays.push(row.runAt.getTime() - row.updatedAt.getTime());
        expect(await worker.runOnce()).toBe(false); // not due yet
        await database.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, id)); // fast-forward
      } else {
        expect(row.status).toBe("failed");
        expect(row.finishedAt).toBeInstanceOf(Date);
      }
    }
    expect(delays).toEqual([60_000, 120_000]);
    expect(calls).toBe(3);
    expect(await worker.runOnce()).toBe(false);
  });

  it("takes over a job whose worker died (lease expired), and the dead worker cannot complete it", async () => {
    const id = (await enqueueJob(database.db, "test.takeover", { x: 1 }))!;
    const crashed = await claimJob(database.db, "crashed-worker", ["test.takeover"], 60_000);
    expect(crashed?.id).toBe(id);
    // While the lease holds, nobody else gets the job.
    expect(await claimJob(database.db, "other", ["test.takeover"], 60_000)).toBeNull();
    // The crashed worker's lease runs out.
    await database.db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, id));
    const registry = new JobRegistry(database.db);
    const attempts: number[] = [];
    registry.handle("test.takeover", async (_p, { job }) => {
      attempts.push(job.attempts);
    });
    const survivor = new JobWorker({ registry, workerId: "survivor" });
    expect(await survivor.runOnce()).toBe(true);
    expect(attempts).toEqual([2]);
    expect((await jobRow(id)).status).toBe("done");
    expect(await completeJob(database.db, id, "crashed-worker")).toBe(false);
  });

  it("fails a taken-over job that already used its last attempt instead of running it again", async () => {
    const id = (await enqueueJob(database.db, "test.last", {}, { maxAttempts: 1 }))!;
    await claimJob(database.db, "crashed-worker", ["test.last"], 60_000);
    await database.db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, id));
    const registry = new JobRegistry(database.db);
    let ran = false;
    registry.handle("test.last", async () => {
      ran = true;
    });
    expect(await new JobWorker({ registry }).runOnce()).toBe(true);
    expect(ran).toBe(false);
    expect((await jobRow(id)).status).toBe("failed");
  });

  it("renews the lease of a long-running job so nobody takes it over", async () => {
    const registry = new JobRegistry(database.db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    registry.handle("test.long", async () => {
      started();
      await gate;
    });
    const id = (await registry.enqueue("test.long", {}))!;
    const worker = new JobWorker({ registry, workerId: "long-runner", leaseMs: 1000 });
    const run = worker.runOnce();
    await running;
    const before = (await jobRow(id)).lockedUntil!.getTime();
    // Wait (by polling the database, not by asserting time) until the heartbeat has pushed the lease forward.
    let after = before;
    while (after <= before) {
      await new Promise((r) => setTimeout(r, 50));
      after = (await jobRow(id)).lockedUntil!.getTime();
    }
    expect(await claimJob(database.db, "thief", ["test.long"], 1000)).toBeNull();
    release();
    await run;
    expect((await jobRow(id)).status).toBe("done");
  });

  it("enqueues each period of a schedule once, however often and by however many workers it ticks", async () => {
    let now = Date.UTC(2026, 10, 23, 9, 15);
    const makeWorker = () => {
      const registry = new JobRegistry(database.db);
      registry.handle("test.hourly", async () => {});
      registry.schedule({ name: "test.hourly", ...every.hours(1), payload: { kind: "hourly" } });
      return new JobWorker({ registry, now: () => now });
    };
    const a = makeWorker();
    const b = makeWorker();
    await Promise.all([a.tickSchedules(), b.tickSchedules(), a.tickSchedules()]);
    now += 30 * 60_000; // 09:45, same hour
    await Promise.all([a.tickSchedules(), b.tickSchedules()]);
    now += 30 * 60_000; // 10:15, next hour
    await Promise.all([a.tickSchedules(), b.tickSchedules()]);
    const keys = (await database.db.select().from(jobs)).map((j) => [j.dedupeKey, j.runAt.toISOString()]);
    expect(keys.sort()).toEqual([
      [periodDedupeKey("test.hourly", Date.UTC(2026, 10, 23, 9)), "2026-11-23T09:00:00.000Z"],
      [periodDedupeKey("test.hourly", Date.UTC(2026, 10, 23, 10)), "2026-11-23T10:00:00.000Z"],
    ]);
  });

  it("purges finished jobs older than the retention", async () => {
    const done = (await enqueueJob(database.db, "test.purge", {}))!;
    const pending = (await enqueueJob(database.db, "test.purge", {}))!;
    await database.db
      .update(jobs)
      .set({ status: "done", finishedAt: sql`now() - interval '2 days'` })
      .where(eq(jobs.id, done));
    expect(await purgeFinishedJobs(database.db, 86_400_000)).toBe(1);
    expect((await database.db.select({ id: jobs.id }).from(jobs)).map((r) => r.id)).toEqual([pending]);
  });

  it("wakes up on enqueue and stops cleanly", async () => {
    const registry = new JobRegistry(database.db);
    let resolveRan!: (payload: unknown) => void;
    const ran = new Promise((resolve) => {
      resolveRan = resolve;
    });
    registry.handle("test.wake", async (payload) => resolveRan(payload));
    const worker = new JobWorker({ registry, pollIntervalMs: 3_600_000 });
    worker.start();
    await registry.enqueue("test.wake", { hello: "world" });
    expect(await ran).toEqual({ hello: "world" });
    await worker.stop();
  });
});

// Two workers, each with its own connection pool (as two server processes would have), race over the same
// jobs. On PGlite (one connection) both share it, which only proves exactly-once under async interleaving.
describe(`two concurrent workers on ${onPostgres ? "PostgreSQL (separate pools)" : "PGlite (shared connection)"}`, () => {
  it("run every job exactly once", async () => {
    const database = await createTestDb({ poolSize: 6 });
    const second = (await openSecondHandle(database, 6)) ?? database;
    try {
      await database.db.execute(sql`CREATE TABLE job_runs (job_id bigint NOT NULL, worker text NOT NULL)`);
      const total = onPostgres ? 300 : 100;
      for (let i = 0; i < total; i += 50) {
        await database.db.insert(jobs).values(
          Array.from({ length: Math.min(50, total - i) }, (_, k) => ({
            name: "test.race",
            payload: { i: i + k },
          })),
        );
      }
      const makeWorker = (db: Database, workerId: string) => {
        const registry = new JobRegistry(db.db);
        registry.handle("test.race", async (_payload, { job }) => {
          await db.db.execute(sql`INSERT INTO job_runs (job_id, worker) VALUES (${job.id}, ${workerId})`);
        });
        return new JobWorker({ registry, workerId, concurrency: 3 });
      };
      const [ranA, ranB] = await Promise.all([
        makeWorker(database, "worker-a").drain(),
        makeWorker(second, "worker-b").drain(),
      ]);
      expect(ranA + ranB).toBe(total);
      const runs = await rows<{ job_id: string; n: number }>(
        database.db,
        sql`SELECT job_id::text AS job_id, count(*)::int AS n FROM job_runs GROUP BY job_id`,
      );
      expect(runs).toHaveLength(total);
      expect(runs.every((r) => r.n === 1)).toBe(true);
      const states = await rows<{ status: string; attempts: number; n: number }>(
        database.db,
        sql`SELECT status, attempts, count(*)::int AS n FROM jobs GROUP BY status, attempts`,
      );
      expect(states).toEqual([{ status: "done", attempts: 1, n: total }]);
    } finally {
      if (second !== database) await second.close();
      await database.close();
    }
  });
});
