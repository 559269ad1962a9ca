// SQL of the landing page: add one to a (day, source) visit counter; read the counters of a date range.
import { type Db, rows, sql } from "../platform/db/database.ts";

/** Adds one visit of `source` on `day` (upsert; concurrent visits add up). */
export async function countVisit(db: Db, day: string, source: string): Promise<void> {
  await db.execute(
    sql`INSERT INTO outreach_landing_visits (day, source, visits) VALUES (${day}::date, ${source}, 1)
        ON CONFLICT (day, source) DO UPDATE SET visits = outreach_landing_visits.visits + 1`,
  );
}

export interface VisitRow {
  day: string;
  source: string;
  visits: number;
}

/** Visit counters with from <= day <= to, by day then largest first. */
export async function listVisits(db: Db, from: string, to: string): Promise<VisitRow[]> {
  const found = await rows<{ day: string | Date; source: string; visits: number }>(
    db,
    sql`SELECT day::text AS day, source, visits::float8 AS visits FROM outreach_landing_visits
        WHERE day BETWEEN ${from}::date AND ${to}::date ORDER BY day, visits DESC, source LIMIT 5000`,
  );
  return found.map((r) => ({ day: String(r.day), source: r.source, visits: Number(r.visits) }));
}
