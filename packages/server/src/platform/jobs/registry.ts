// Where features declare background work: job handlers (with retry policy) and recurring schedules, plus
// `enqueue`. One registry per app; the worker runs the handlers registered here.
import type { Db } from "../db/database.ts";
import {
  assertJobName,
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  DEFAULT_MAX_ATTEMPTS,
  type Schedule,
} from "./policy.ts";
import { type EnqueueOptions, enqueueJob, type Job } from "./queue.ts";

/** What a handler gets besides its payload. */
export interface JobContext<P = unknown> {
  job: Job<P>;
  /** Aborted when the worker stops or loses the lease; long handlers should check it. */
  signal: AbortSignal;
}

/** Runs one job. Throw to fail the attempt (it is retried with back-off until maxAttempts). */
export type JobHandler<P = unknown> = (payload: P, context: JobContext<P>) => Promise<void>;

export interface HandlerOptions {
  /** Default for jobs of this name enqueued through the registry (5). */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
}

export interface RegisteredHandler {
  name: string;
  run: JobHandler<unknown>;
  maxAttempts: number;
  backoff: BackoffPolicy;
}

export class JobRegistry {
  readonly db: Db;
  private readonly handlers = new Map<string, RegisteredHandler>();
  private readonly scheduleList: Schedule[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(db: Db) {
    this.db = db;
  }

  /** Registers the handler for jobs named `name` (one handler per name). */
  handle<P = unknown>(name: string, handler: JobHandler<P>, options: HandlerOptions = {}): void {
    assertJobName(name);
    if (this.handlers.has(name)) throw new Error(`job handler "${name}" registered twice`);
    this.handlers.set(name, {
      name,
      run: handler as JobHandler<unknown>,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
    });
  }

  /** Enqueues `schedule.name` once per period, from whichever process's worker notices the period first. */
  schedule(schedule: Schedule): void {
    assertJobName(schedule.name);
    if (!(schedule.everyMs >= 1000)) throw new Error(`schedule "${schedule.name}": everyMs must be >= 1000`);
    this.scheduleList.push(schedule);
  }

  /**
   * Enqueues a job; returns its id or null when the dedupe key already exists. Pass `db: tx` to enqueue in
   * the caller's transaction (the job exists exactly when the transaction commits).
   */
  async enqueue<P>(
    name: string,
    payload: P,
    options: EnqueueOptions & { db?: Db } = {},
  ): Promise<number | null> {
    const { db, ...rest } = options;
    const id = await enqueueJob(db ?? this.db, name, payload, {
      ...rest,
      maxAttempts: rest.maxAttempts ?? this.handlers.get(name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    });
    if (id !== null && !db) for (const listener of this.listeners) listener();
    return id;
  }

  handler(name: string): RegisteredHandler | undefined {
    return this.handlers.get(name);
  }

  get names(): string[] {
    return [...this.handlers.keys()];
  }

  get schedules(): readonly Schedule[] {
    return this.scheduleList;
  }

  /** Called after each enqueue made through the registry (the local worker wakes up). */
  onEnqueue(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
