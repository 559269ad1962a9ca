// SQL reads behind the dashboard, all by primary key or (unit, day) index - never over installs: running
// totals, one day's active count, daily rows of a unit, recent gains, targets and 17:00 snapshots.
import { type Db, rows, sql } from "../platform/db/database.ts";
import { anyText } from "./sql.ts";
import type { Target } from "./targets.ts";

export interface Totals {
  installs: number;
  withPhone: number;
}

/** Running totals per unit (absent: nothing counted yet). */
export async function totalsOf(db: Db, codes: readonly string[]): Promise<Map<string, Totals>> {
  if (codes.length === 0) return new Map();
  const found = await rows<{ unit_code: string; installs: number; with_phone: number }>(
    db,
    sql`SELECT unit_code, installs::float8 AS installs, with_phone::float8 AS with_phone
        FROM campaign_totals WHERE unit_code = ${anyText(codes)}`,
  );
  return new Map(
    found.map((r) => [r.unit_code, { installs: Number(r.installs), withPhone: Number(r.with_phone) }]),
  );
}

/** Active devices per unit on one day. */
export async function activeOn(db: Db, codes: readonly string[], day: string): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const found = await rows<{ unit_code: string; active: number }>(
    db,
    sql`SELECT unit_code, active FROM campaign_daily WHERE unit_code = ${anyText(codes)} AND day = ${day}::date`,
  );
  return new Map(found.map((r) => [r.unit_code, Number(r.active)]));
}

/** Installs with phone gained per unit on days after `afterDay` (for the pace of the last days). */
export async function phonesGainedSince(
  db: Db,
  codes: readonly string[],
  afterDay: string,
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const found = await rows<{ unit_code: string; gained: number }>(
    db,
    sql`SELECT unit_code, sum(with_phone)::float8 AS gained FROM campaign_daily
        WHERE unit_code = ${anyText(codes)} AND day > ${afterDay}::date GROUP BY unit_code`,
  );
  return new Map(found.map((r) => [r.unit_code, Number(r.gained)]));
}

export interface DailyRow {
  day: string;
  installs: number;
  withPhone: number;
  active: number;
}

/** Every daily counter row of one unit, oldest first. */
export async function dailyRows(db: Db, code: string): Promise<DailyRow[]> {
  const found = await rows<{ day: string; installs: number; with_phone: number; active: number }>(
    db,
    sql`SELECT day::text AS day, installs, with_phone, active FROM campaign_daily WHERE unit_code = ${code} ORDER BY day`,
  );
  return found.map((r) => ({ day: r.day, installs: r.installs, withPhone: r.with_phone, active: r.active }));
}

/** Installs and installs with phone at the end of `day` (sums of daily rows), per unit. */
export async function totalsAsOf(
  db: Db,
  codes: readonly string[],
  day: string,
): Promise<Map<string, Totals>> {
  if (codes.length === 0) return new Map();
  const found = await rows<{ unit_code: string; installs: number; with_phone: number }>(
    db,
    sql`SELECT unit_code, sum(installs)::float8 AS installs, sum(with_phone)::float8 AS with_phone
        FROM campaign_daily WHERE unit_code = ${anyText(codes)} AND day <= ${day}::date GROUP BY unit_code`,
  );
  return new Map(
    found.map((r) => [r.unit_code, { installs: Number(r.installs), withPhone: Number(r.with_phone) }]),
  );
}

/** Installs per outreach source of a unit, largest first. */
export async function sourcesOf(
  db: Db,
  code: string,
  limit = 20,
): Promise<{ source: string; installs: number }[]> {
  const found = await rows<{ source: string; installs: number }>(
    db,
    sql`SELECT source, installs::float8 AS installs FROM campaign_source_totals WHERE unit_code = ${code}
        ORDER BY installs DESC, source LIMIT ${limit}`,
  );
  return found.map((r) => ({ source: r.source, installs: Number(r.installs) }));
}

/** Own targets of the given units. */
export async function targetsOf(db: Db, codes: readonly string[]): Promise<Map<string, Target>> {
  if (codes.length === 0) return new Map();
  const found = await rows<{ unit_code: string; percent_bp: number; deadline: string }>(
    db,
    sql`SELECT unit_code, percent_bp, deadline::text AS deadline FROM campaign_targets WHERE unit_code = ${anyText(codes)}`,
  );
  return new Map(
    found.map((r) => [r.unit_code, { unitCode: r.unit_code, percentBp: r.percent_bp, deadline: r.deadline }]),
  );
}

/** Sets (or replaces) a unit's target. */
export async function setTarget(db: Db, target: Target, accountId: number | null, at: Date): Promise<void> {
  await db.execute(sql`
    INSERT INTO campaign_targets (unit_code, percent_bp, deadline, account_id, updated_at)
    VALUES (${target.unitCode}, ${target.percentBp}, ${target.deadline}::date, ${accountId}, ${at.toISOString()}::timestamptz)
    ON CONFLICT (unit_code) DO UPDATE SET percent_bp = excluded.percent_bp, deadline = excluded.deadline,
      account_id = excluded.account_id, updated_at = excluded.updated_at`);
}

/** Removes a unit's own target (it inherits again); false when it had none. */
export async function deleteTarget(db: Db, code: string): Promise<boolean> {
  const deleted = await rows(
    db,
    sql`DELETE FROM campaign_targets WHERE unit_code = ${code} RETURNING unit_code`,
  );
  return deleted.length > 0;
}

/** A CoverageSnapshot: the figures of a unit at 17:00 of a day. */
export interface CoverageSnapshot {
  unitCode: string;
  day: string;
  takenAt: string;
  installs: number;
  withPhone: number;
  active: number;
  subscribers: number;
}

type SnapshotRecord = {
  unit_code: string;
  day: string;
  taken_at: string;
  installs: number;
  with_phone: number;
  active: number;
  subscribers: number;
};
const toSnapshot = (r: SnapshotRecord): CoverageSnapshot => ({
  unitCode: r.unit_code,
  day: r.day,
  takenAt: new Date(r.taken_at).toISOString(),
  installs: Number(r.installs),
  withPhone: Number(r.with_phone),
  active: Number(r.active),
  subscribers: Number(r.subscribers),
});
const snapshotColumns = sql`unit_code, day::text AS day, taken_at::text AS taken_at, installs::float8 AS installs,
  with_phone::float8 AS with_phone, active, subscribers::float8 AS subscribers`;

/** The latest snapshot of each unit. */
export async function latestSnapshots(
  db: Db,
  codes: readonly string[],
): Promise<Map<string, CoverageSnapshot>> {
  if (codes.length === 0) return new Map();
  const found = await rows<SnapshotRecord>(
    db,
    sql`SELECT DISTINCT ON (unit_code) ${snapshotColumns} FROM campaign_snapshots
        WHERE unit_code = ${anyText(codes)} ORDER BY unit_code, day DESC`,
  );
  return new Map(found.map((r) => [r.unit_code, toSnapshot(r)]));
}

/** Snapshots of one unit between two days (inclusive), oldest first. */
export async function snapshotsOf(
  db: Db,
  code: string,
  from: string,
  to: string,
): Promise<CoverageSnapshot[]> {
  const found = await rows<SnapshotRecord>(
    db,
    sql`SELECT ${snapshotColumns} FROM campaign_snapshots
        WHERE unit_code = ${code} AND day BETWEEN ${from}::date AND ${to}::date ORDER BY day`,
  );
  return found.map(toSnapshot);
}

/**
 * Takes the 17:00 snapshot of `day` for every unit with figures (running totals, that day's active count,
 * effective subscribers); idempotent: a day already taken is kept as it was. Returns the rows written.
 */
export async function takeSnapshot(db: Db, day: string, takenAt: Date): Promise<number> {
  const written = await rows(
    db,
    sql`WITH units AS (
          SELECT unit_code FROM campaign_totals UNION SELECT DISTINCT unit_code FROM campaign_subscribers
        )
        INSERT INTO campaign_snapshots (unit_code, day, taken_at, installs, with_phone, active, subscribers)
        SELECT u.unit_code, ${day}::date, ${takenAt.toISOString()}::timestamptz,
          coalesce(t.installs, 0), coalesce(t.with_phone, 0), coalesce(d.active, 0), coalesce(s.subscribers, 0)
        FROM units u
        LEFT JOIN campaign_totals t ON t.unit_code = u.unit_code
        LEFT JOIN campaign_daily d ON d.unit_code = u.unit_code AND d.day = ${day}::date
        LEFT JOIN LATERAL (
          SELECT subscribers FROM campaign_subscribers s
          WHERE s.unit_code = u.unit_code AND s.as_of <= ${day}::date ORDER BY s.as_of DESC LIMIT 1
        ) s ON true
        ON CONFLICT (unit_code, day) DO NOTHING
        RETURNING unit_code`,
  );
  return written.length;
}
