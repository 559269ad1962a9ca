// SQL of app registrations and heartbeats, written in batches: one transaction inserts the installs and new
// devices, marks devices active for the day and applies every counter delta (same transaction as the events).
import { type Db, rows, sql, transaction } from "../platform/db/database.ts";
import { applyCounterEvents } from "./counters.ts";
import type { CounterEvent, Place } from "./rollup.ts";
import { anyText, json } from "./sql.ts";

export interface Registration {
  installId: string;
  /** HMAC of the app's per-device hash. */
  deviceKey: string;
  platform: string;
  appVersion: string;
  place: Place;
  source: string;
  /** Normalized agency join code, if the app sent one. */
  joinCode: string | null;
}

/** created: new device, counted; reinstall: new install of a known device, not counted; existing: seen before. */
export type RegistrationStatus = "created" | "reinstall" | "existing";

export interface RegistrationResult {
  status: RegistrationStatus;
  /** Whether the join code matched an agency (null when none was sent). */
  agencyMatched: boolean | null;
}

/** active: first sign of life today; already-active: seen today before; unknown: no such install. */
export type HeartbeatResult = "active" | "already-active" | "unknown";

/** Writes registrations then heartbeats in one transaction; results are in input order. */
export async function writeIngestBatch(
  db: Db,
  day: string,
  registrations: readonly Registration[],
  heartbeats: readonly string[],
): Promise<{ registrations: RegistrationResult[]; heartbeats: HeartbeatResult[] }> {
  return transaction(db, async (tx) => {
    const events: CounterEvent[] = [];
    const regResults = await writeRegistrations(tx, day, registrations, events);
    const beatResults = await writeHeartbeats(tx, day, heartbeats, events);
    await applyCounterEvents(tx, events);
    return { registrations: regResults, heartbeats: beatResults };
  });
}

async function writeRegistrations(
  tx: Db,
  day: string,
  registrations: readonly Registration[],
  events: CounterEvent[],
): Promise<RegistrationResult[]> {
  if (registrations.length === 0) return [];
  const input = registrations.map((r, ord) => ({
    ord,
    install_id: r.installId,
    device_key: r.deviceKey,
    platform: r.platform,
    app_version: r.appVersion,
    commune_code: r.place.communeCode,
    province_code: r.place.provinceCode,
    source: r.source,
    join_code: r.joinCode,
  }));
  // One round trip: new installs; for each device key the first new install creates the device (counted);
  // an existing device that re-installs is marked active today; plus the agencies the join codes name.
  const found = await rows<{
    kind: "install" | "device" | "revived" | "agency";
    key: string;
    agency_id: number | null;
    commune_code: string | null;
    province_code: string | null;
  }>(
    tx,
    sql`WITH input AS (
          SELECT * FROM json_to_recordset(${json(input)}) AS x(ord int, install_id text, device_key text, platform text,
            app_version text, commune_code text, province_code text, source text, join_code text)
        ), agency AS (
          SELECT id, join_code FROM campaign_agencies
          WHERE join_code IN (SELECT join_code FROM input WHERE join_code IS NOT NULL)
        ), new_installs AS (
          INSERT INTO campaign_installs (install_id, device_key, platform, app_version)
          SELECT install_id, device_key, platform, app_version FROM input ORDER BY ord
          ON CONFLICT (install_id) DO NOTHING
          RETURNING install_id
        ), fresh AS (
          SELECT i.* FROM input i JOIN new_installs n ON n.install_id = i.install_id
        ), new_devices AS (
          INSERT INTO campaign_devices
            (device_key, commune_code, province_code, source, agency_id, platform, registered_day, last_active_day)
          SELECT DISTINCT ON (f.device_key) f.device_key, f.commune_code, f.province_code, f.source, a.id, f.platform,
            ${day}::date, ${day}::date
          FROM fresh f LEFT JOIN agency a ON a.join_code = f.join_code
          ORDER BY f.device_key, f.ord
          ON CONFLICT (device_key) DO NOTHING
          RETURNING device_key, agency_id
        ), revived AS (
          UPDATE campaign_devices d SET last_active_day = ${day}::date
          WHERE d.device_key IN (SELECT device_key FROM fresh)
            AND (d.last_active_day IS NULL OR d.last_active_day < ${day}::date)
          RETURNING d.device_key, d.commune_code, d.province_code
        )
        SELECT 'install' AS kind, install_id AS key, NULL::int AS agency_id, NULL AS commune_code, NULL AS province_code
          FROM new_installs
        UNION ALL SELECT 'device', device_key, agency_id::int, NULL, NULL FROM new_devices
        UNION ALL SELECT 'revived', device_key, NULL, commune_code, province_code FROM revived
        UNION ALL SELECT 'agency', join_code, id::int, NULL, NULL FROM agency`,
  );
  const newInstalls = new Set<string>();
  const created = new Map<string, number | null>();
  const agencies = new Set<string>();
  for (const row of found) {
    if (row.kind === "install") newInstalls.add(row.key);
    else if (row.kind === "device") created.set(row.key, row.agency_id);
    else if (row.kind === "agency") agencies.add(row.key);
    else {
      // The statement's UPDATE sees only devices that existed before it: a re-install of a known device.
      events.push({
        kind: "active",
        place: { communeCode: row.commune_code!, provinceCode: row.province_code! },
        day,
      });
    }
  }
  const counted = new Set<string>();
  const seenInBatch = new Set<string>();
  return registrations.map((r) => {
    const first = !seenInBatch.has(r.installId);
    seenInBatch.add(r.installId);
    let status: RegistrationStatus = "existing";
    if (first && newInstalls.has(r.installId)) {
      if (created.has(r.deviceKey) && !counted.has(r.deviceKey)) {
        counted.add(r.deviceKey);
        status = "created";
        events.push({
          kind: "registered",
          place: r.place,
          day,
          source: r.source,
          agencyId: created.get(r.deviceKey) ?? null,
        });
      } else status = "reinstall";
    }
    return { status, agencyMatched: r.joinCode === null ? null : agencies.has(r.joinCode) };
  });
}

async function writeHeartbeats(
  tx: Db,
  day: string,
  installIds: readonly string[],
  events: CounterEvent[],
): Promise<HeartbeatResult[]> {
  if (installIds.length === 0) return [];
  // One round trip: the installs' devices, and which of them this marks active today.
  const found = await rows<{
    install_id: string;
    device_key: string;
    commune_code: string | null;
    province_code: string | null;
  }>(
    tx,
    sql`WITH ids AS (
          SELECT install_id, device_key FROM campaign_installs WHERE install_id = ${anyText([...new Set(installIds)])}
        ), activated AS (
          UPDATE campaign_devices d SET last_active_day = ${day}::date
          FROM (SELECT DISTINCT device_key FROM ids) x
          WHERE d.device_key = x.device_key AND (d.last_active_day IS NULL OR d.last_active_day < ${day}::date)
          RETURNING d.device_key, d.commune_code, d.province_code
        )
        SELECT ids.install_id, ids.device_key, a.commune_code, a.province_code
        FROM ids LEFT JOIN activated a ON a.device_key = ids.device_key`,
  );
  const deviceOf = new Map(found.map((f) => [f.install_id, f.device_key]));
  const fresh = new Set<string>();
  for (const f of found) {
    if (f.commune_code !== null && !fresh.has(f.device_key)) {
      fresh.add(f.device_key);
      events.push({
        kind: "active",
        place: { communeCode: f.commune_code, provinceCode: f.province_code! },
        day,
      });
    }
  }
  return installIds.map((id) => {
    const device = deviceOf.get(id);
    if (device === undefined) return "unknown";
    return fresh.delete(device) ? "active" : "already-active";
  });
}
