import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../platform/db/database.ts";
import { rows, sql } from "../platform/db/database.ts";
import { createTestDb } from "../platform/db/test-db.ts";
import { loadUnitsDataset, seedUnits } from "../units/index.ts";
import { cachedUnitLookup } from "./unit-lookup.ts";

let database: Database;

beforeAll(async () => {
  database = await createTestDb();
  const full = loadUnitsDataset();
  await seedUnits(database.db, {
    version: "unit-lookup-test",
    units: full.units.filter((u) => u.hierarchy === "v2025" && (u.code === "79" || u.parentCode === "79")),
    mapping: [],
  });
});
afterAll(async () => {
  await database?.close();
});

describe("cachedUnitLookup", () => {
  it("finds v2025 units, leaves unknown codes out, and answers from the cache until it expires", async () => {
    let now = 0;
    const lookup = cachedUnitLookup(database.db, { ttlMs: 1000, now: () => now });
    const first = await lookup(["79", "26743", "99999", "26743"]);
    expect([...first.keys()]).toEqual(["79", "26743"]);
    expect(first.get("26743")).toEqual({
      code: "26743",
      name: "Phường Bến Thành",
      level: "commune",
      parentCode: "79",
    });
    // Renamed in the table: the cache still answers the old name, until the entry expires.
    await rows(database.db, sql`UPDATE admin_units SET name = 'Phường Đổi Tên' WHERE code = '26743'`);
    now = 999;
    expect((await lookup(["26743"])).get("26743")?.name).toBe("Phường Bến Thành");
    now = 1000;
    expect((await lookup(["26743"])).get("26743")?.name).toBe("Phường Đổi Tên");
    const uncached = cachedUnitLookup(database.db, { ttlMs: 0 });
    expect((await uncached(["26743"])).get("26743")?.name).toBe("Phường Đổi Tên");
  });
});
