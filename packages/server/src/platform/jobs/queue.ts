// The SQL of the job queue on the `jobs` table: enqueue (with dedupe), claim with FOR UPDATE SKIP LOCKED,
// lease renewal, completion, retry or failure, and purge. Pass a transaction as `db` to enqueue atomically.
import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { jobs } from "../tables.ts";
import { assertJobName, DEFAULT_MAX_ATTEMPTS } from "./policy.ts";

export interface EnqueueOptions {
  /** Not before this instant (default: now). */
  runAt?: Date;
  /** At most one job with this key is ever created (until purged); a second enqueue is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** A claimed job, as a handler sees it. */
export interface Job<P = unknown> {
  id: number;
  name: string;
  payload: P;
  /** This attempt's number, 1-based. */
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  dedupeKey: string | null;
}

/** Inserts a job; returns its id, or null when a job with the same dedupe key already exists. */
export async function enqueueJob(
  db: Db,
  name: string,
  payload: unknown = {},
  options: EnqueueOptions = {},
): Promise<number | null> {
  assertJobName(name);
  const inserted = await db
    .insert(jobs)
    .values({
      name,
      payload: payload ?? {},
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(options.runAt ? { runAt: options.runAt } : {}),
      ...(options.dedupeKey !== undefined ? { dedupeKey: options.dedupeKey } : {}),
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return inserted[0]?.id ?? null;
}

const ms = (value: number) => sql`(${value}::double precision * interval '1 millisecond')`;

/**
 * Claims the next due job among `names` for `workerId`: pending and due, or running with an expired lease
 * (its worker died). Several workers in several processes may call this at once: each job goes to one.
 */
export async function claimJob(
  db: Db,
  workerId: string,
  names: readonly string[],
  leaseMs: number,
): Promise<Job | null> {
  if (names.length === 0) return null;
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.name, [...names]),
        or(
          and(eq(jobs.status, "pending"), lte(jobs.runAt, sql`now()`)),
          and(eq(jobs.status, "running"), lt(jobs.lockedUntil, sql`now()`)),
        ),
      ),
    )
    .orderBy(jobs.runAt, jobs.id)
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db
    .update(jobs)
    .set({
      status: "running",
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: workerId,
      lockedUntil: sql`now() + ${ms(leaseMs)}`,
      updatedAt: sql`now()`,
    })
    .where(inArray(jobs.id, due))
    .returning();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    runAt: row.runAt,
    dedupeKey: row.dedupeKey,
  };
}

const heldBy = (id: number, workerId: string) =>
  and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, "running"));

/** Extends the lease of a running job; false when the worker no longer holds it. */
export async function renewLease(db: Db, id: number, workerId: string, leaseMs: number): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + ${ms(leaseMs)}`, updatedAt: sql`now()` })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return updated.length === 1;
}

/** Marks a job done; false when the lease was lost (another worker took the job over). */
export async function completeJob(db: Db, id: number, workerId: string): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set({
      status: "done",
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return updated.length === 1;
}

/**
 * Records a failed attempt: back to pending, due after `retryInMs`, or failed for good when `retryInMs` is
 * null. False when the lease was lost.
 */
export async function failJob(
  db: Db,
  id: number,
  workerId: string,
  error: string,
  retryInMs: number | null,
): Promise<boolean> {
  const lastError = error.slice(0, 2000);
  const updated = await db
    .update(jobs)
    .set(
      retryInMs === null
        ? {
            status: "failed",
            lockedBy: null,
            lockedUntil: null,
            lastError,
            finishedAt: sql`now()`,
            updatedAt: sql`now()`,
          }
        : {
            status: "pending",
            lockedBy: null,
            lockedUntil: null,
            lastError,
            runAt: sql`now() + ${ms(retryInMs)}`,
            updatedAt: sql`now()`,
          },
    )
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return updated.length === 1;
}

/** Deletes done and failed jobs finished more than `olderThanMs` ago; returns how many. */
export async function purgeFinishedJobs(db: Db, olderThanMs: number): Promise<number> {
  const deleted = await db
    .delete(jobs)
    .where(
      and(inArray(jobs.status, ["done", "failed"]), lt(jobs.finishedAt, sql`now() - ${ms(olderThanMs)}`)),
    )
    .returning({ id: jobs.id });
  return deleted.length;
}
