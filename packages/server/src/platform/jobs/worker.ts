// The job worker loop: claims due jobs (FOR UPDATE SKIP LOCKED), runs their handlers with a renewed lease,
// marks them done or retries with back-off; also enqueues recurring schedules once per period.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { FastifyBaseLogger } from "fastify";
import { backoffDelayMs, periodDedupeKey, periodStart } from "./policy.ts";
import { claimJob, completeJob, failJob, type Job, renewLease } from "./queue.ts";
import type { JobRegistry } from "./registry.ts";

export interface WorkerOptions {
  registry: JobRegistry;
  /** Unique per process; default host:pid:random. */
  workerId?: string;
  pollIntervalMs?: number;
  leaseMs?: number;
  concurrency?: number;
  log?: Pick<FastifyBaseLogger, "info" | "warn" | "error">;
  /** Clock for schedules (ms since epoch). */
  now?: () => number;
}

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

export class JobWorker {
  readonly workerId: string;
  private readonly registry: JobRegistry;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly log: NonNullable<WorkerOptions["log"]>;
  private readonly now: () => number;
  private readonly lastPeriod = new Map<string, number>();
  private readonly inFlight = new Map<number, AbortController>();
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly wakeUps = new Set<() => void>();
  private unsubscribe: (() => void) | undefined;

  constructor(options: WorkerOptions) {
    this.registry = options.registry;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.concurrency = options.concurrency ?? 1;
    this.log = options.log ?? silentLog;
    this.now = options.now ?? Date.now;
  }

  /** Starts `concurrency` polling loops. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.registry.onEnqueue(() => this.wake());
    this.loops = Array.from({ length: this.concurrency }, (_, slot) => this.loop(slot));
  }

  /** Stops polling and waits up to `graceMs` for running jobs; then aborts them (their lease will expire). */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all(this.loops), grace]);
    clearTimeout(timer);
    for (const controller of this.inFlight.values()) controller.abort(new Error("worker stopping"));
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Enqueues the current period of every schedule not yet enqueued by this worker (deduped globally). */
  async tickSchedules(): Promise<void> {
    const now = this.now();
    for (const schedule of this.registry.schedules) {
      const start = periodStart(now, schedule.everyMs, schedule.offsetMs ?? 0);
      const id = `${schedule.name}|${schedule.everyMs}|${schedule.offsetMs ?? 0}`;
      if (this.lastPeriod.get(id) === start) continue;
      await this.registry.enqueue(schedule.name, schedule.payload ?? {}, {
        runAt: new Date(start),
        dedupeKey: periodDedupeKey(schedule.name, start),
        ...(schedule.maxAttempts !== undefined ? { maxAttempts: schedule.maxAttempts } : {}),
      });
      this.lastPeriod.set(id, start);
    }
  }

  /** Claims and runs one due job; false when none was due. */
  async runOnce(): Promise<boolean> {
    const job = await claimJob(this.registry.db, this.workerId, this.registry.names, this.leaseMs);
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  /** Runs due jobs with `concurrency` parallel slots until none is due; returns how many ran. */
  async drain(): Promise<number> {
    let count = 0;
    const slot = async () => {
      while (await this.runOnce()) count++;
    };
    await Promise.all(Array.from({ length: this.concurrency }, slot));
    return count;
  }

  private async loop(slot: number): Promise<void> {
    while (this.running) {
      let ran = false;
      try {
        if (slot === 0) await this.tickSchedules();
        ran = await this.runOnce();
      } catch (error) {
        this.log.error({ err: error }, "job worker iteration failed");
      }
      if (!ran && this.running) await this.sleep(this.pollIntervalMs);
    }
  }

  private async execute(job: Job): Promise<void> {
    const handler = this.registry.handler(job.name);
    const db = this.registry.db;
    if (!handler) return; // claimJob only claims registered names
    if (job.attempts > job.maxAttempts) {
      // Taken over after its last attempt's worker died: give up rather than exceed maxAttempts.
      await failJob(db, job.id, this.workerId, "lease expired during the final attempt", null);
      this.log.error({ jobId: job.id, job: job.name }, "job failed: lease expired during the final attempt");
      return;
    }
    const controller = new AbortController();
    this.inFlight.set(job.id, controller);
    const heartbeat = setInterval(
      () => {
        renewLease(db, job.id, this.workerId, this.leaseMs)
          .then((held) => {
            if (!held) controller.abort(new Error("lease lost"));
          })
          .catch((error: unknown) => this.log.warn({ err: error, jobId: job.id }, "lease renewal failed"));
      },
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    try {
      await handler.run(job.payload, { job, signal: controller.signal });
      clearInterval(heartbeat);
      if (!(await completeJob(db, job.id, this.workerId))) {
        this.log.warn({ jobId: job.id, job: job.name }, "job finished after its lease was taken over");
      }
    } catch (error) {
      clearInterval(heartbeat);
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const retryIn = job.attempts < job.maxAttempts ? backoffDelayMs(job.attempts, handler.backoff) : null;
      await failJob(db, job.id, this.workerId, message, retryIn);
      const fields = { jobId: job.id, job: job.name, attempt: job.attempts, err: error };
      if (retryIn === null) this.log.error(fields, "job failed for good");
      else this.log.warn({ ...fields, retryInMs: retryIn }, "job attempt failed, will retry");
    } finally {
      clearInterval(heartbeat);
      this.inFlight.delete(job.id);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUps.add(done);
    });
  }

  private wake(): void {
    for (const wake of [...this.wakeUps]) wake();
  }
}
