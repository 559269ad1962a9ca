// SQL of the declaration feature: declarants, declarations and follow-ups of one declarant, the incremental
// per-commune daily counts, the sums officials read, and the retention deletes.
import { and, asc, desc, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import { type Db, rows } from "../platform/db/database.ts";
import type { CountDelta, SumRow } from "./aggregates.ts";
import { declarants, declarationCounts, declarationFollowUps, declarations } from "./tables.ts";

export type DeclarationRow = typeof declarations.$inferSelect;
export type FollowUpRow = typeof declarationFollowUps.$inferSelect;

/** Creates a declarant for this key hash; returns its id. */
export async function createDeclarant(db: Db, keyHash: string, now: Date): Promise<number> {
  const [row] = await db
    .insert(declarants)
    .values({ keyHash, lastDeclaredAt: now })
    .returning({ id: declarants.id });
  if (!row) throw new Error("declarant insert returned nothing");
  return row.id;
}

/** The declarant id of a key hash, or undefined. */
export async function findDeclarant(db: Db, keyHash: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: declarants.id })
    .from(declarants)
    .where(eq(declarants.keyHash, keyHash));
  return row?.id;
}

/**
 * Locks the declarant of a key hash for a new declaration (serialises its limit check) and marks it used now, so
 * the retention job, which only removes idle keys, cannot remove it under the new declaration.
 */
export async function touchDeclarant(db: Db, keyHash: string, now: Date): Promise<number | undefined> {
  const [row] = await db
    .update(declarants)
    .set({ lastDeclaredAt: now })
    .where(eq(declarants.keyHash, keyHash))
    .returning({ id: declarants.id });
  return row?.id;
}

export async function countDeclarations(db: Db, declarantId: number): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM declarations WHERE declarant_id = ${declarantId}`,
  );
  return row?.n ?? 0;
}

export async function insertDeclaration(db: Db, row: typeof declarations.$inferInsert): Promise<void> {
  await db.insert(declarations).values(row);
}

/** A declarant's declarations, newest first. */
export async function listDeclarationRows(db: Db, declarantId: number): Promise<DeclarationRow[]> {
  return db
    .select()
    .from(declarations)
    .where(eq(declarations.declarantId, declarantId))
    .orderBy(desc(declarations.createdAt), asc(declarations.id));
}

/** One declaration of this declarant (undefined when missing or someone else's). */
export async function getDeclarationRow(
  db: Db,
  declarantId: number,
  id: string,
): Promise<DeclarationRow | undefined> {
  const [row] = await db
    .select()
    .from(declarations)
    .where(and(eq(declarations.id, id), eq(declarations.declarantId, declarantId)));
  return row;
}

/** Follow-ups of these declarations, oldest day first. */
export async function listFollowUpRows(db: Db, declarationIds: readonly string[]): Promise<FollowUpRow[]> {
  if (declarationIds.length === 0) return [];
  return db
    .select()
    .from(declarationFollowUps)
    .where(inArray(declarationFollowUps.declarationId, [...declarationIds]))
    .orderBy(asc(declarationFollowUps.day));
}

/** Adds or replaces the follow-up entry of a day. */
export async function upsertFollowUp(db: Db, row: FollowUpRow): Promise<void> {
  await db
    .insert(declarationFollowUps)
    .values(row)
    .onConflictDoUpdate({
      target: [declarationFollowUps.declarationId, declarationFollowUps.day],
      set: { sealed: row.sealed, updatedAt: row.updatedAt },
    });
}

/** Deletes one declaration of this declarant (follow-ups cascade); returns it, or undefined. */
export async function deleteDeclarationRow(
  db: Db,
  declarantId: number,
  id: string,
): Promise<DeclarationRow | undefined> {
  const [row] = await db
    .delete(declarations)
    .where(and(eq(declarations.id, id), eq(declarations.declarantId, declarantId)))
    .returning();
  return row;
}

/** Deletes a declarant with every declaration; returns the deleted declarations. */
export async function deleteDeclarant(db: Db, declarantId: number): Promise<DeclarationRow[]> {
  const deleted = await db.delete(declarations).where(eq(declarations.declarantId, declarantId)).returning();
  await db.delete(declarants).where(eq(declarants.id, declarantId));
  return deleted;
}

/**
 * Applies count deltas (from aggregates.countDeltas: merged and sorted, so rows are locked in one order).
 * Increments upsert; decrements update the existing row and never go below zero.
 */
export async function applyCountDeltas(db: Db, deltas: readonly CountDelta[]): Promise<void> {
  const up = deltas.filter((d) => d.delta > 0);
  if (up.length > 0) {
    await db
      .insert(declarationCounts)
      .values(
        up.map((d) => ({
          day: d.day,
          communeCode: d.communeCode,
          provinceCode: d.provinceCode,
          metric: d.metric,
          count: d.delta,
        })),
      )
      .onConflictDoUpdate({
        target: [declarationCounts.day, declarationCounts.communeCode, declarationCounts.metric],
        set: { count: sql`${declarationCounts.count} + excluded.count` },
      });
  }
  for (const d of deltas.filter((x) => x.delta < 0)) {
    await db
      .update(declarationCounts)
      .set({ count: sql`greatest(0, ${declarationCounts.count} + ${d.delta})` })
      .where(
        and(
          eq(declarationCounts.day, d.day),
          eq(declarationCounts.communeCode, d.communeCode),
          eq(declarationCounts.metric, d.metric),
        ),
      );
  }
}

/** Which counts a statistics request sums: the whole country, a province's communes, or one commune. */
export type CountScope =
  | { level: "country" }
  | { level: "province"; code: string }
  | { level: "commune"; code: string };

function scopeCondition(scope: CountScope): SQL {
  if (scope.level === "province") return sql`province_code = ${scope.code}`;
  if (scope.level === "commune") return sql`commune_code = ${scope.code}`;
  return sql`TRUE`;
}

/** Counts of the scope summed per day and metric over [from, to]. */
export async function sumCountsByDay(db: Db, scope: CountScope, from: string, to: string): Promise<SumRow[]> {
  return rows<SumRow>(
    db,
    sql`SELECT day::text AS key, metric, sum(count)::int AS count FROM declaration_counts
        WHERE day >= ${from}::date AND day <= ${to}::date AND ${scopeCondition(scope)}
        GROUP BY day, metric`,
  );
}

/** Counts of the scope summed per child unit (provinces of the country, communes of a province) and metric. */
export async function sumCountsByChild(
  db: Db,
  scope: CountScope,
  from: string,
  to: string,
): Promise<SumRow[]> {
  if (scope.level === "commune") return [];
  const child = sql.raw(scope.level === "country" ? "province_code" : "commune_code");
  return rows<SumRow>(
    db,
    sql`SELECT ${child} AS key, metric, sum(count)::int AS count FROM declaration_counts
        WHERE day >= ${from}::date AND day <= ${to}::date AND ${scopeCondition(scope)}
        GROUP BY ${child}, metric`,
  );
}

export interface RetentionCounts {
  declarations: number;
  followUps: number;
  declarants: number;
}

/**
 * Deletes declarations made before `cutoff` with their follow-ups, then declarant keys idle since before
 * `cutoff` with no declaration left; in batches of `batchSize` so no statement holds many locks. Idempotent.
 */
export async function deleteExpired(db: Db, cutoff: Date, batchSize = 1000): Promise<RetentionCounts> {
  const total: RetentionCounts = { declarations: 0, followUps: 0, declarants: 0 };
  for (;;) {
    const batch = await db
      .select({ id: declarations.id })
      .from(declarations)
      .where(lt(declarations.createdAt, cutoff))
      .orderBy(asc(declarations.createdAt))
      .limit(batchSize);
    if (batch.length === 0) break;
    const ids = batch.map((r) => r.id);
    const followUps = await db
      .delete(declarationFollowUps)
      .where(inArray(declarationFollowUps.declarationId, ids))
      .returning({ id: declarationFollowUps.declarationId });
    const deleted = await db
      .delete(declarations)
      .where(inArray(declarations.id, ids))
      .returning({ id: declarations.id });
    total.followUps += followUps.length;
    total.declarations += deleted.length;
    if (batch.length < batchSize) break;
  }
  for (;;) {
    const deleted = await rows<{ id: number }>(
      db,
      sql`DELETE FROM declarants WHERE id IN (
            SELECT d.id FROM declarants d
            WHERE d.last_declared_at < ${cutoff.toISOString()}::timestamptz
              AND NOT EXISTS (SELECT 1 FROM declarations x WHERE x.declarant_id = d.id)
            LIMIT ${batchSize})
          AND last_declared_at < ${cutoff.toISOString()}::timestamptz
          RETURNING id::int AS id`,
    );
    total.declarants += deleted.length;
    if (deleted.length < batchSize) break;
  }
  return total;
}
