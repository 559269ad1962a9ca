// Test helpers (integration tests only): an app with auth, units (HCM City, Ha Noi and Da Nang of the real
// dataset) and declarations on a test database, an injectable clock, officials, valid bodies, the citizen's calls.
import type { LightMyRequestResponse } from "fastify";
import { authFeature, type Role } from "../auth/index.ts";
import { officialSessions } from "../auth/sessions.testutil.ts";
import { rows, sql } from "../platform/db/database.ts";
import type { Env } from "../platform/env.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { loadUnitsDataset, seedUnits, unitsFeature } from "../units/index.ts";
import { declarationFeature } from "./index.ts";

/** Provinces (v2025) loaded for the tests, with all their communes. */
export const TEST_PROVINCES = ["79", "01", "48"] as const;
/** Phường Bến Thành and Phường Thủ Dầu Một (TP Hồ Chí Minh), Phường Ba Đình (Hà Nội). */
export const BEN_THANH = "26743";
export const THU_DAU_MOT = "25747";
export const BA_DINH = "00004";

/** Env for tests: roomy rate limits, every count shown unless a test says otherwise. */
export const DECLARATION_TEST_ENV: Env = {
  AUTH_SCRYPT_COST: "10",
  AUTH_SESSION_TTL: "30d",
  UNITS_SEED: "false",
  DECLARATION_SUBMIT_RATE_LIMIT: "100000",
  DECLARATION_READ_RATE_LIMIT: "100000",
  DECLARATION_STATS_MIN_COUNT: "1",
};

export interface DeclarationHarness {
  t: TestApp;
  clock: { now: Date };
  advance(ms: number): void;
  /** Bearer token of an official with this role and unit (created on first use). */
  official(username: string, role: Role, unitCode: string | null): Promise<string>;
  /** POST /v1/declarations with an optional declarant key and Accept-Language. */
  submit(body: unknown, options?: { key?: string; lang?: string }): Promise<LightMyRequestResponse>;
  /** Submits and returns the new declaration's id (and key when none was given); throws unless 201. */
  declare(body?: unknown, key?: string): Promise<{ id: string; key: string }>;
  /** A request with the declarant key as Bearer. */
  asDeclarant(
    key: string,
    method: "GET" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  stats(bearer: string, query?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A valid health declaration (Bến Thành), with overrides. */
export function healthBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: "health",
    fullName: "Nguyễn Thị Thu Hà",
    yearOfBirth: 1990,
    gender: "female",
    nationality: "VN",
    idNumber: "079190001234",
    phone: "0912 345 678",
    address: { provinceCode: "79", communeCode: BEN_THANH, street: "12 Lê Lợi" },
    symptoms: ["fever", "cough"],
    exposures: ["contact_f1"],
    conditions: ["hypertension"],
    ...overrides,
  };
}

/** A valid domestic travel declaration from Ba Đình (Hà Nội) to Thủ Dầu Một (TP HCM) on `date`. */
export function travelBody(date: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return healthBody({
    kind: "domestic_travel",
    symptoms: [],
    exposures: [],
    travel: {
      transport: "plane",
      vehicleNumber: "VN 213",
      departure: { provinceCode: "01", communeCode: BA_DINH },
      destination: { provinceCode: "79", communeCode: THU_DAU_MOT },
      date,
    },
    ...overrides,
  });
}

/** A digest of every declaration table (to check a rejected request changed nothing): row counts and hash sums. */
export async function declarationState(t: TestApp): Promise<string> {
  const digest = (table: string) =>
    sql.raw(`(SELECT count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM ${table} x)`);
  const [row] = await rows<{ state: string }>(
    t.db,
    sql`SELECT concat_ws('/', ${digest("declarants")}, ${digest("declarations")},
      ${digest("declaration_follow_ups")}, ${digest("declaration_counts")}) AS state`,
  );
  return row?.state ?? "";
}

export async function createDeclarationHarness(
  options: { env?: Env; start?: Date; captureLogs?: boolean } = {},
): Promise<DeclarationHarness> {
  const clock = { now: options.start ?? new Date("2026-05-10T03:00:00Z") };
  const t = await createTestApp({
    features: [authFeature, unitsFeature, declarationFeature],
    env: { ...DECLARATION_TEST_ENV, ...options.env },
    clock: () => clock.now,
    config: { rateLimit: { max: 0, windowMs: 60_000 } },
    ...(options.captureLogs ? { captureLogs: true } : {}),
  });
  const full = loadUnitsDataset();
  const wanted = new Set<string>(TEST_PROVINCES);
  await seedUnits(t.db, {
    version: "declaration-tests",
    units: full.units.filter(
      (u) => u.hierarchy === "v2025" && (wanted.has(u.code) || wanted.has(u.parentCode ?? "")),
    ),
    mapping: [],
  });
  const submit = (body: unknown, o: { key?: string; lang?: string } = {}) =>
    t.app.inject({
      method: "POST",
      url: "/v1/declarations",
      headers: {
        "content-type": "application/json",
        ...(o.key ? { authorization: `Bearer ${o.key}` } : {}),
        ...(o.lang ? { "accept-language": o.lang } : {}),
      },
      payload: JSON.stringify(body),
    });
  return {
    t,
    clock,
    advance: (ms) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    official: officialSessions(t),
    submit,
    async declare(body = healthBody(), key) {
      const res = await submit(body, key ? { key } : {});
      if (res.statusCode !== 201) throw new Error(`declare failed: ${res.statusCode} ${res.body}`);
      const json = res.json();
      return { id: json.declaration.id as string, key: key ?? (json.declarantKey as string) };
    },
    asDeclarant: (key, method, url, payload) =>
      t.app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(payload === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      }),
    stats: (bearer, query = "") =>
      t.app.inject({
        method: "GET",
        url: `/v1/declarations/stats${query ? `?${query}` : ""}`,
        headers: { authorization: `Bearer ${bearer}` },
      }),
    close: () => t.close(),
  };
}
