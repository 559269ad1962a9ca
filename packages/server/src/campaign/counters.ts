// SQL that applies counter events to the rollups in the caller's transaction, in one statement: campaign_daily
// per unit and day, campaign_totals, installs per source and agency joins - rows touched in a fixed order.
import { type Db, sql } from "../platform/db/database.ts";
import { agencyDeltas, type CounterEvent, rollupDeltas, sourceDeltas } from "./rollup.ts";
import { json } from "./sql.ts";

/** Adds the events' deltas to every counter row they touch (call inside the event's transaction). */
export async function applyCounterEvents(tx: Db, events: readonly CounterEvent[]): Promise<void> {
  if (events.length === 0) return;
  const daily = rollupDeltas(events);
  const totals = new Map<string, { installs: number; withPhone: number }>();
  for (const d of daily) {
    const t = totals.get(d.unitCode) ?? { installs: 0, withPhone: 0 };
    t.installs += d.installs;
    t.withPhone += d.withPhone;
    totals.set(d.unitCode, t);
  }
  const totalRows = [...totals.entries()]
    .filter(([, t]) => t.installs !== 0 || t.withPhone !== 0)
    .map(([unit_code, t]) => ({ unit_code, installs: t.installs, with_phone: t.withPhone }));
  const sources = sourceDeltas(events).map((s) => ({
    unit_code: s.unitCode,
    source: s.source,
    installs: s.installs,
  }));
  const agencies = agencyDeltas(events).map((a) => ({ id: a.agencyId, joined: a.joined }));
  const dailyRows = daily.map((d) => ({
    unit_code: d.unitCode,
    day: d.day,
    installs: d.installs,
    with_phone: d.withPhone,
    active: d.active,
  }));
  // One round trip; data-modifying CTEs always run to completion, referenced or not.
  await tx.execute(sql`
    WITH daily AS (
      INSERT INTO campaign_daily (unit_code, day, installs, with_phone, active)
      SELECT unit_code, day::date, installs, with_phone, active
      FROM json_to_recordset(${json(dailyRows)}) AS x(unit_code text, day text, installs int, with_phone int, active int)
      ORDER BY unit_code, day
      ON CONFLICT (unit_code, day) DO UPDATE SET
        installs = campaign_daily.installs + excluded.installs,
        with_phone = campaign_daily.with_phone + excluded.with_phone,
        active = campaign_daily.active + excluded.active
      RETURNING 1
    ), totals AS (
      INSERT INTO campaign_totals (unit_code, installs, with_phone)
      SELECT unit_code, installs, with_phone
      FROM json_to_recordset(${json(totalRows)}) AS x(unit_code text, installs bigint, with_phone bigint)
      ORDER BY unit_code
      ON CONFLICT (unit_code) DO UPDATE SET
        installs = campaign_totals.installs + excluded.installs,
        with_phone = campaign_totals.with_phone + excluded.with_phone
      RETURNING 1
    ), sources AS (
      INSERT INTO campaign_source_totals (unit_code, source, installs)
      SELECT unit_code, source, installs
      FROM json_to_recordset(${json(sources)}) AS x(unit_code text, source text, installs bigint)
      ORDER BY unit_code, source
      ON CONFLICT (unit_code, source) DO UPDATE SET installs = campaign_source_totals.installs + excluded.installs
      RETURNING 1
    ), agencies AS (
      UPDATE campaign_agencies a SET joined = a.joined + x.joined
      FROM json_to_recordset(${json(agencies)}) AS x(id bigint, joined int)
      WHERE a.id = x.id
      RETURNING 1
    )
    SELECT 1`);
}
