import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../platform/db/database.ts";
import { openSecondHandle } from "../platform/db/test-db.ts";
import { rows } from "../platform/index.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { loadUnitsDataset } from "./dataset.ts";
import { unitsFeature } from "./index.ts";
import {
  getUnit,
  isWithin,
  listChildren,
  listProvinces,
  resolveUnit,
  searchUnits,
  seedUnits,
  unitPath,
  unitsDataVersion,
} from "./store.ts";

const dataset = loadUnitsDataset();
let t: TestApp;

const counts = async (db: TestApp["db"]) => {
  const [row] = await rows<{ units: number; mapping: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM admin_units)::int AS units, (SELECT count(*) FROM admin_unit_mapping)::int AS mapping`,
  );
  return row;
};

beforeAll(async () => {
  t = await createTestApp({ features: [unitsFeature] });
});
afterAll(async () => {
  await t.close();
});

describe("seeding", () => {
  it("loads every unit and mapping row at start", async () => {
    expect(await counts(t.db)).toEqual({ units: dataset.units.length, mapping: dataset.mapping.length });
    expect(await unitsDataVersion(t.db)).toBe(dataset.version);
  });

  it("is idempotent: the same version again changes nothing", async () => {
    const [before] = await rows<{ loaded_at: string }>(
      t.db,
      sql`SELECT loaded_at::text FROM admin_unit_data`,
    );
    expect(await seedUnits(t.db, dataset)).toEqual({ loaded: false, version: dataset.version });
    const [after] = await rows<{ loaded_at: string }>(t.db, sql`SELECT loaded_at::text FROM admin_unit_data`);
    expect(after).toEqual(before);
    expect(await counts(t.db)).toEqual({ units: dataset.units.length, mapping: dataset.mapping.length });
  });

  it("replaces the rows when the data version changes, and reloads empty tables", async () => {
    const smaller = {
      version: "test-smaller",
      units: dataset.units.filter(
        (u) => u.hierarchy === "v2025" && (u.code === "79" || u.parentCode === "79"),
      ),
      mapping: dataset.mapping.filter((m) => m.newCode === "79"),
    };
    try {
      expect((await seedUnits(t.db, smaller, { chunkSize: 50 })).loaded).toBe(true);
      expect(await counts(t.db)).toEqual({ units: 169, mapping: smaller.mapping.length });
    } finally {
      expect(await seedUnits(t.db, dataset)).toEqual({ loaded: true, version: dataset.version });
    }
    await t.db.execute(sql`DELETE FROM admin_unit_mapping`);
    await t.db.execute(sql`DELETE FROM admin_units`);
    expect((await seedUnits(t.db, dataset)).loaded).toBe(true);
    expect(await counts(t.db)).toEqual({ units: dataset.units.length, mapping: dataset.mapping.length });
  });

  it("lets concurrent starters load once (PostgreSQL only)", async () => {
    const second = await openSecondHandle(t.database);
    if (!second) return; // PGlite has a single connection: nothing runs concurrently.
    try {
      await t.db.execute(sql`UPDATE admin_unit_data SET version = 'old'`);
      const results = await Promise.all([seedUnits(t.db, dataset), seedUnits(second.db, dataset)]);
      expect(results.map((r) => r.loaded).sort()).toEqual([false, true]);
      expect(await counts(t.db)).toEqual({ units: dataset.units.length, mapping: dataset.mapping.length });
    } finally {
      await second.close();
    }
  });
});

describe("lookups for other features", () => {
  it("gets units and children, by hierarchy or as of a day", async () => {
    expect(await getUnit(t.db, "79")).toMatchObject({ name: "Thành phố Hồ Chí Minh", hierarchy: "v2025" });
    expect(await getUnit(t.db, "02")).toBeUndefined();
    expect(await getUnit(t.db, "02", { asOf: "2025-06-30" })).toMatchObject({ name: "Tỉnh Hà Giang" });
    expect(await getUnit(t.db, "02", { asOf: new Date("2025-07-01T00:00:00Z") })).toBeUndefined();
    expect((await getUnit(t.db, "01", { asOf: "2024-01-01" }))?.hierarchy).toBe("legacy");
    expect(await listChildren(t.db, "79")).toHaveLength(168);
    expect(await listChildren(t.db, "001", { hierarchy: "legacy" })).not.toHaveLength(0);
    expect(await listChildren(t.db, "99")).toEqual([]);
    expect(await listProvinces(t.db)).toHaveLength(34);
    expect(await listProvinces(t.db, { asOf: "2025-06-30" })).toHaveLength(63);
    const path = await unitPath(t.db, "00001", { hierarchy: "legacy" });
    expect(path.map((u) => u.code)).toEqual(["01", "001", "00001"]);
  });

  it("resolves legacy codes and scopes officials (isWithin)", async () => {
    expect(await resolveUnit(t.db, "00001")).toMatchObject({ code: "00097", hierarchy: "v2025" });
    expect((await resolveUnit(t.db, "77"))?.code).toBe("79");
    expect(await resolveUnit(t.db, "88888")).toBeUndefined();
    expect(await isWithin(t.db, "26743", "79")).toBe(true);
    expect(await isWithin(t.db, "26743", "26743")).toBe(true);
    expect(await isWithin(t.db, "26740", "26743")).toBe(false);
    expect(await isWithin(t.db, "26743", "01")).toBe(false);
    expect(await isWithin(t.db, "00001", "01")).toBe(true);
    expect(await isWithin(t.db, "00001", "nope")).toBe(false);
  });

  it("searches in SQL with the same ranking as the model", async () => {
    const [hanoi] = await searchUnits(t.db, "ha noi");
    expect(hanoi).toMatchObject({ code: "01", fullName: "Thành phố Hà Nội" });
    const [benThanh] = await searchUnits(t.db, "phuong ben thanh");
    expect(benThanh).toMatchObject({ code: "26743", fullName: "Phường Bến Thành, Thành phố Hồ Chí Minh" });
    const legacy = await searchUnits(t.db, "phuc xa", { hierarchy: "legacy" });
    expect(legacy[0]?.fullName).toBe("Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội");
    const within = await searchUnits(t.db, "ba dinh", { within: "38" });
    expect(within.map((u) => u.name)).toEqual(["Xã Ba Đình"]);
    expect(await searchUnits(t.db, "%")).toEqual([]);
  });
});

describe("HTTP API", () => {
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, headers });

  it("lists provinces with cache headers and answers 304 to a matching If-None-Match", async () => {
    const res = await get("/v1/units/provinces");
    expect(res.statusCode).toBe(200);
    expect(res.json().provinces).toHaveLength(34);
    expect(res.headers["cache-control"]).toBe("public, max-age=86400");
    const etag = String(res.headers.etag);
    expect(etag).toContain(dataset.version);
    expect((await get("/v1/units/provinces", { "if-none-match": etag })).statusCode).toBe(304);
    expect((await get("/v1/units/provinces?asOf=2025-06-30")).json().provinces).toHaveLength(63);
    expect((await get("/v1/units/provinces?hierarchy=legacy")).json().provinces).toHaveLength(63);
  });

  it("returns a unit with its path and children, and a legacy unit with its successors", async () => {
    const province = (await get("/v1/units/79")).json();
    expect(province).toMatchObject({ code: "79", level: "province", path: [], successors: [] });
    expect(province.children).toHaveLength(168);
    const commune = (await get("/v1/units/26743")).json();
    expect(commune.path.map((u: { code: string }) => u.code)).toEqual(["79"]);
    expect(commune.children).toEqual([]);
    const legacy = (await get("/v1/units/00001")).json();
    expect(legacy).toMatchObject({ hierarchy: "legacy", name: "Phường Phúc Xá", validTo: "2025-07-01" });
    expect(legacy.successors).toEqual([expect.objectContaining({ code: "00097", weight: 1 })]);
    const reused = (await get("/v1/units/01?asOf=2025-06-30")).json();
    expect(reused).toMatchObject({ hierarchy: "legacy" });
    expect(reused.children).toHaveLength(30);
  });

  it("answers unknown codes with 404 and malformed ones with 400, as problem+json", async () => {
    const missing = await get("/v1/units/99999");
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    expect(missing.json()).toMatchObject({ status: 404, type: "urn:bluezone:problem:not-found" });
    expect((await get("/v1/units/02?hierarchy=v2025")).statusCode).toBe(404);
    const bad = await get("/v1/units/abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().type).toBe("urn:bluezone:problem:validation");
    expect((await get("/v1/units/provinces?asOf=30-06-2025")).statusCode).toBe(400);
  });

  it("searches without diacritics", async () => {
    const res = await get(`/v1/units/search?q=${encodeURIComponent("phuong ben thanh")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0]).toMatchObject({ name: "Phường Bến Thành", parentCode: "79" });
    expect((await get("/v1/units/search?q=ha%20noi&limit=1")).json().results).toEqual([
      expect.objectContaining({ code: "01", name: "Thành phố Hà Nội" }),
    ]);
    const names = async (q: string) =>
      (await get(`/v1/units/search?q=${encodeURIComponent(q)}&level=commune`))
        .json()
        .results.map((u: { name: string }) => u.name);
    expect((await names("ba dinh")).sort()).toEqual(["Phường Ba Đình", "Xã Ba Dinh", "Xã Ba Đình"]);
    expect((await names("Ba Đình")).slice(0, 2).sort()).toEqual(["Phường Ba Đình", "Xã Ba Đình"]);
    expect((await get("/v1/units/search")).statusCode).toBe(400);
    expect((await get("/v1/units/search?q=a&limit=500")).statusCode).toBe(400);
  });

  it("serves the province map as TopoJSON or GeoJSON with an ETag", async () => {
    const topo = await get("/v1/units/map");
    expect(topo.statusCode).toBe(200);
    expect(topo.headers["cache-control"]).toBe("public, max-age=86400");
    const body = topo.json();
    expect(body.type).toBe("Topology");
    expect(body.objects.provinces.geometries).toHaveLength(34);
    expect(body.objects.legacyProvinces.geometries).toHaveLength(63);
    const etag = String(topo.headers.etag);
    expect((await get("/v1/units/map", { "if-none-match": etag })).statusCode).toBe(304);
    const geo = await get("/v1/units/map?format=geojson");
    expect(geo.headers["content-type"]).toContain("application/geo+json");
    expect(geo.json().features).toHaveLength(34);
    expect(geo.headers.etag).not.toBe(etag);
    expect((await get("/v1/units/map?format=geojson&hierarchy=legacy")).json().features).toHaveLength(63);
  });
});
