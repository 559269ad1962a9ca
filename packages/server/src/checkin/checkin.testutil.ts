// Test helpers (integration tests only): an app with auth, units (TP Hồ Chí Minh and Hà Nội of the real
// dataset) and check-in on a test database, an injectable clock, officials, and venue registration.
import type { LightMyRequestResponse } from "fastify";
import { authFeature, type Role } from "../auth/index.ts";
import { officialSessions } from "../auth/sessions.testutil.ts";
import { rows, sql } from "../platform/db/database.ts";
import type { Env } from "../platform/env.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { loadUnitsDataset, seedUnits, unitsFeature } from "../units/index.ts";
import { checkinFeature } from "./index.ts";

export const BEN_THANH = "26743";
export const BA_DINH = "00004";

export const CHECKIN_TEST_ENV: Env = {
  AUTH_SCRYPT_COST: "10",
  AUTH_SESSION_TTL: "30d",
  UNITS_SEED: "false",
  CHECKIN_PRESENCE_RATE_LIMIT: "1000000",
  CHECKIN_READ_RATE_LIMIT: "1000000",
  CHECKIN_ASSISTED_RATE_LIMIT: "1000000",
};

export interface CheckinHarness {
  t: TestApp;
  clock: { now: Date };
  advance(ms: number): void;
  /** Bearer token of an official with this role and unit (created on first use). */
  official(username: string, role: Role, unitCode: string | null): Promise<string>;
  /** POST /v1/venues as `bearer`. */
  register(bearer: string, body: unknown): Promise<LightMyRequestResponse>;
  presence(venueId: unknown, kind: unknown): Promise<LightMyRequestResponse>;
  occupancy(
    venueId: string,
    auth: { bearer?: string; code?: string },
    date?: string,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function venueBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "Quán phở Lê Lợi",
    address: "12 Lê Lợi, Phường Bến Thành",
    communeCode: BEN_THANH,
    category: "restaurant",
    defaultCheckInMinutes: 60,
    ...overrides,
  };
}

/** Row counts and hash sums of the check-in tables (to check a rejected request changed nothing). */
export async function checkinState(t: TestApp): Promise<string> {
  const digest = (table: string) =>
    sql.raw(`(SELECT count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM ${table} x)`);
  const [row] = await rows<{ state: string }>(
    t.db,
    sql`SELECT concat_ws('/', ${digest("venues")}, ${digest("venue_presence_hourly")},
      ${digest("venue_flags")}, ${digest("check_in_reports")}, ${digest("checkin_assisted_entries")}) AS state`,
  );
  return row?.state ?? "";
}

export async function createCheckinHarness(
  options: { env?: Env; start?: Date } = {},
): Promise<CheckinHarness> {
  const clock = { now: options.start ?? new Date("2026-05-10T03:10:00Z") };
  const t = await createTestApp({
    features: [authFeature, unitsFeature, checkinFeature],
    env: { ...CHECKIN_TEST_ENV, ...options.env },
    clock: () => clock.now,
    config: { rateLimit: { max: 0, windowMs: 60_000 }, publicBaseUrl: "https://bluezone.example.vn" },
  });
  const full = loadUnitsDataset();
  const wanted = new Set(["79", "01"]);
  await seedUnits(t.db, {
    version: "checkin-tests",
    units: full.units.filter(
      (u) => u.hierarchy === "v2025" && (wanted.has(u.code) || wanted.has(u.parentCode ?? "")),
    ),
    mapping: [],
  });
  return {
    t,
    clock,
    advance: (ms) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    official: officialSessions(t),
    register: (bearer, body) =>
      t.app.inject({
        method: "POST",
        url: "/v1/venues",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        payload: JSON.stringify(body),
      }),
    presence: (venueId, kind) =>
      t.app.inject({
        method: "POST",
        url: "/v1/presence",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ venueId, kind }),
      }),
    occupancy: (venueId, auth, date) =>
      t.app.inject({
        method: "GET",
        url: `/v1/venues/${venueId}/occupancy${date ? `?date=${date}` : ""}`,
        headers: {
          ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
          ...(auth.code !== undefined ? { "x-venue-tracing-code": auth.code } : {}),
        },
      }),
    close: () => t.close(),
  };
}
