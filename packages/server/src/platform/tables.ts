// Drizzle table definitions owned by the platform: the `jobs` queue table.
// Keep this file free of local imports: drizzle-kit loads every src/*/tables.ts on its own.
import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** Background jobs, claimed by workers with `SELECT ... FOR UPDATE SKIP LOCKED` (see platform/jobs/). */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Handler name, e.g. "export.batch". */
    name: text("name").notNull(),
    payload: jsonb("payload").notNull().default(sql`'{}'::jsonb`),
    /** pending -> running -> done | failed (running goes back to pending on a retryable failure). */
    status: text("status", { enum: ["pending", "running", "done", "failed"] })
      .notNull()
      .default("pending"),
    /** Attempts started so far (incremented when a worker claims the job). */
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    /** Not claimable before this instant (first run, or next retry after back-off). */
    runAt: timestamp("run_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Worker that holds the lease, and when the lease ends (a crashed worker's job is taken over after it). */
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
    /** At most one job per dedupe key, ever (until purged): periodic schedules use one key per period. */
    dedupeKey: text("dedupe_key"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("jobs_dedupe_key_idx").on(t.dedupeKey),
    index("jobs_claim_idx").on(t.status, t.runAt),
    index("jobs_finished_idx").on(t.finishedAt),
  ],
);
