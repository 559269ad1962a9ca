// SQL of the units feature: seeding the tables from the data files (idempotent, versioned), lookups by code,
// children, paths, legacy -> v2025 resolution, scoping (isWithin) and diacritic-insensitive search.
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { type Db, rows, transaction } from "../platform/db/database.ts";
import type { UnitsDataset } from "./dataset.ts";
import {
  type AdminLevel,
  type AdminUnit,
  type Hierarchy,
  isoDay,
  pathIsWithin,
  pathOf,
  primarySuccessor,
  rankByName,
  searchKey,
} from "./model.ts";
import { adminUnitData, adminUnitMapping, adminUnits } from "./tables.ts";

/** Which units a lookup sees: a hierarchy (default v2025), or the units in force on a day. */
export interface UnitScope {
  hierarchy?: Hierarchy;
  asOf?: Date | string;
}

type UnitRecord = typeof adminUnits.$inferSelect;
const toUnit = (r: UnitRecord): AdminUnit => ({
  code: r.code,
  name: r.name,
  nameAscii: r.nameAscii,
  kind: r.kind,
  level: r.level,
  parentCode: r.parentCode,
  hierarchy: r.hierarchy,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

/** SQL condition on table (or alias) `t` for the scope: its hierarchy, or validity on the `asOf` day. */
function scopeCondition(scope: UnitScope = {}, t: SQL = sql.raw("admin_units")): SQL {
  if (scope.asOf === undefined) return sql`${t}.hierarchy = ${scope.hierarchy ?? "v2025"}`;
  const day = isoDay(scope.asOf);
  const valid = sql`(${t}.valid_from IS NULL OR ${t}.valid_from <= ${day}::date)
    AND (${t}.valid_to IS NULL OR ${day}::date < ${t}.valid_to)`;
  return scope.hierarchy ? sql`${valid} AND ${t}.hierarchy = ${scope.hierarchy}` : valid;
}

/** Loads the dataset into the tables unless they already hold this version. Safe to run concurrently. */
export async function seedUnits(
  db: Db,
  dataset: UnitsDataset,
  options: { chunkSize?: number } = {},
): Promise<{ loaded: boolean; version: string }> {
  const chunkSize = options.chunkSize ?? 1000;
  return transaction(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('bluezone:units-seed', 0))`);
    const [current] = await tx.select().from(adminUnitData).where(eq(adminUnitData.id, 1));
    const [present] = await tx.select({ code: adminUnits.code }).from(adminUnits).limit(1);
    if (current?.version === dataset.version && present) return { loaded: false, version: dataset.version };
    await tx.delete(adminUnitMapping);
    await tx.delete(adminUnits);
    const order: Record<AdminLevel, number> = { province: 0, district: 1, commune: 2 };
    const units = [...dataset.units].sort((a, b) => order[a.level] - order[b.level]);
    for (let i = 0; i < units.length; i += chunkSize) {
      await tx
        .insert(adminUnits)
        .values(units.slice(i, i + chunkSize).map((u) => ({ ...u, searchKey: searchKey(u.name) })));
    }
    for (let i = 0; i < dataset.mapping.length; i += chunkSize) {
      await tx.insert(adminUnitMapping).values(dataset.mapping.slice(i, i + chunkSize));
    }
    await tx
      .insert(adminUnitData)
      .values({ id: 1, version: dataset.version, loadedAt: new Date() })
      .onConflictDoUpdate({
        target: adminUnitData.id,
        set: { version: dataset.version, loadedAt: new Date() },
      });
    return { loaded: true, version: dataset.version };
  });
}

/** The data version the tables hold, or undefined before the first seed. */
export async function unitsDataVersion(db: Db): Promise<string | undefined> {
  const [row] = await db.select().from(adminUnitData).where(eq(adminUnitData.id, 1));
  return row?.version;
}

/** The unit with this code in the scope (v2025 by default). */
export async function getUnit(db: Db, code: string, scope?: UnitScope): Promise<AdminUnit | undefined> {
  const [row] = await db
    .select()
    .from(adminUnits)
    .where(and(eq(adminUnits.code, code), scopeCondition(scope)))
    .orderBy(desc(adminUnits.validFrom))
    .limit(1);
  return row ? toUnit(row) : undefined;
}

/** The units directly below `code` (same hierarchy), by code; empty when the code is unknown. */
export async function listChildren(db: Db, code: string, scope?: UnitScope): Promise<AdminUnit[]> {
  const parent = await getUnit(db, code, scope);
  if (!parent) return [];
  const found = await db
    .select()
    .from(adminUnits)
    .where(and(eq(adminUnits.hierarchy, parent.hierarchy), eq(adminUnits.parentCode, parent.code)))
    .orderBy(asc(adminUnits.code));
  return found.map(toUnit);
}

/** Every province in the scope, by code. */
export async function listProvinces(db: Db, scope?: UnitScope): Promise<AdminUnit[]> {
  const found = await db
    .select()
    .from(adminUnits)
    .where(and(eq(adminUnits.level, "province"), scopeCondition(scope)))
    .orderBy(asc(adminUnits.code));
  return found.map(toUnit);
}

/** Province first, the unit last; empty when unknown. */
export async function unitPath(db: Db, code: string, scope?: UnitScope): Promise<AdminUnit[]> {
  const unit = await getUnit(db, code, scope);
  if (!unit) return [];
  const ancestors = new Map<string, AdminUnit>([[unit.code, unit]]);
  let next = unit.parentCode;
  while (next !== null && !ancestors.has(next)) {
    const parent = await getUnit(db, next, { hierarchy: unit.hierarchy });
    if (!parent) break;
    ancestors.set(parent.code, parent);
    next = parent.parentCode;
  }
  return pathOf(unit.code, (c) => ancestors.get(c));
}

/** The v2025 successors of a legacy unit, largest share first. */
export async function successorsOf(
  db: Db,
  legacyCode: string,
): Promise<{ unit: AdminUnit; weight: number }[]> {
  const found = await db
    .select({ unit: adminUnits, weight: adminUnitMapping.weight })
    .from(adminUnitMapping)
    .innerJoin(
      adminUnits,
      and(eq(adminUnits.hierarchy, "v2025"), eq(adminUnits.code, adminUnitMapping.newCode)),
    )
    .where(eq(adminUnitMapping.legacyCode, legacyCode))
    .orderBy(desc(adminUnitMapping.weight), asc(adminUnitMapping.newCode));
  return found.map((r) => ({ unit: toUnit(r.unit), weight: r.weight }));
}

/** A v2025 code as its unit; a legacy-only code (commune, district, province) as its v2025 successor. */
export async function resolveUnit(db: Db, code: string): Promise<AdminUnit | undefined> {
  const current = await getUnit(db, code, { hierarchy: "v2025" });
  if (current) return current;
  const successors = await successorsOf(db, code);
  const best = primarySuccessor(
    successors.map((s) => ({ legacyCode: code, newCode: s.unit.code, weight: s.weight })),
  );
  return successors.find((s) => s.unit.code === best?.newCode)?.unit;
}

/**
 * Whether unit `code` lies within `ancestorCode` in the current hierarchy (a unit is within itself); legacy
 * codes are resolved to their successors first. For scoping officials: a commune officer sees only their commune.
 */
export async function isWithin(db: Db, code: string, ancestorCode: string): Promise<boolean> {
  const [unit, ancestor] = await Promise.all([resolveUnit(db, code), resolveUnit(db, ancestorCode)]);
  if (!unit || !ancestor) return false;
  return pathIsWithin(await unitPath(db, unit.code), ancestor.code);
}

export interface UnitSearchOptions extends UnitScope {
  level?: AdminLevel;
  /** Only units within this unit (its code, in the same hierarchy). */
  within?: string;
  limit?: number;
}

/** A search hit: the unit and its full name up to the province ("Phường Bến Thành, Thành phố Hồ Chí Minh"). */
export type UnitSearchHit = AdminUnit & { fullName: string };

/** Units whose name matches `query` ignoring diacritics and case, best first (see model.matchScore). */
export async function searchUnits(
  db: Db,
  query: string,
  options: UnitSearchOptions = {},
): Promise<UnitSearchHit[]> {
  const key = searchKey(query);
  if (!key) return [];
  const u = sql.raw("u");
  const conditions: SQL[] = [scopeCondition(options, u), sql`u.search_key LIKE ${`%${key}%`}`];
  if (options.level) conditions.push(sql`u.level = ${options.level}`);
  if (options.within) {
    const w = options.within;
    conditions.push(sql`(u.code = ${w} OR u.parent_code = ${w} OR p.parent_code = ${w})`);
  }
  // Candidates in SQL (provinces and short names first), ranked precisely by model.rankByName.
  const found = await rows<{ unit: string; parent_name: string | null; grandparent_name: string | null }>(
    db,
    sql`SELECT row_to_json(u)::text AS unit, p.name AS parent_name, g.name AS grandparent_name
        FROM admin_units u
        LEFT JOIN admin_units p ON p.hierarchy = u.hierarchy AND p.code = u.parent_code
        LEFT JOIN admin_units g ON g.hierarchy = p.hierarchy AND g.code = p.parent_code
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY CASE u.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END,
          length(u.search_key), u.code
        LIMIT 1000`,
  );
  const hits = found.map((r): UnitSearchHit => {
    const raw = JSON.parse(r.unit) as Record<string, string | null>;
    const unit: AdminUnit = {
      code: raw.code!,
      name: raw.name!,
      nameAscii: raw.name_ascii!,
      kind: raw.kind!,
      level: raw.level as AdminLevel,
      parentCode: raw.parent_code ?? null,
      hierarchy: raw.hierarchy as Hierarchy,
      validFrom: raw.valid_from ?? null,
      validTo: raw.valid_to ?? null,
    };
    const names = [unit.name, r.parent_name, r.grandparent_name].filter((n): n is string => !!n);
    return { ...unit, fullName: names.join(", ") };
  });
  return rankByName(hits, query, options.limit ?? 20);
}
