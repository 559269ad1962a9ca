// Administrative units as the declaration checks and views need them, looked up through units/ and kept in a
// small in-memory cache (unit data changes only when a new dataset is seeded at start, so minutes are safe).
import type { Db } from "../platform/db/database.ts";
import { getUnit } from "../units/index.ts";
import type { UnitFacts } from "./model.ts";

export type UnitLookupFn = (codes: Iterable<string>) => Promise<Map<string, UnitFacts>>;

/**
 * Looks up v2025 units by code (unknown codes are left out of the map), remembering answers, found or not, for
 * `ttlMs` (0 = no cache). At most `maxEntries` are kept; the cache starts over when full.
 */
export function cachedUnitLookup(
  db: Db,
  options: { ttlMs: number; maxEntries?: number; now?: () => number },
): UnitLookupFn {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 20_000;
  const cache = new Map<string, { unit: UnitFacts | undefined; until: number }>();
  return async (codes) => {
    const found = new Map<string, UnitFacts>();
    for (const code of new Set(codes)) {
      const hit = cache.get(code);
      let unit: UnitFacts | undefined;
      if (hit && hit.until > now()) unit = hit.unit;
      else {
        const row = await getUnit(db, code);
        unit = row ? { code, name: row.name, level: row.level, parentCode: row.parentCode } : undefined;
        if (options.ttlMs > 0) {
          if (cache.size >= maxEntries) cache.clear();
          cache.set(code, { unit, until: now() + options.ttlMs });
        }
      }
      if (unit) found.set(code, unit);
    }
    return found;
  };
}
