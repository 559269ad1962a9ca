// In-memory index over a units dataset (pure, no I/O): lookup by code, children, descendants, path,
// isWithin, diacritic-insensitive search, units in force on a date, and legacy -> v2025 resolution.
import {
  type AdminUnit,
  type Hierarchy,
  isValidOn,
  pathIsWithin,
  pathOf,
  primarySuccessor,
  rankByName,
  type UnitMapping,
} from "./model.ts";

export interface SearchOptions {
  hierarchy?: Hierarchy;
  level?: AdminUnit["level"];
  /** Only units within this unit (e.g. a province code). */
  within?: string;
  limit?: number;
}

export interface UnitIndex {
  get(code: string, hierarchy?: Hierarchy): AdminUnit | undefined;
  children(code: string, hierarchy?: Hierarchy): AdminUnit[];
  /** Every unit below `code` (children, grandchildren, ...), parents before their children. */
  descendants(code: string, hierarchy?: Hierarchy): AdminUnit[];
  /** Province first, the unit last; empty when the code is unknown. */
  path(code: string, hierarchy?: Hierarchy): AdminUnit[];
  /** Whether `code` lies within `ancestorCode` (a unit is within itself); both resolved with `resolve`. */
  isWithin(code: string, ancestorCode: string): boolean;
  search(query: string, options?: SearchOptions): AdminUnit[];
  provinces(hierarchy?: Hierarchy): AdminUnit[];
  /** Units in force on the given day. */
  asOf(date: Date | string): AdminUnit[];
  /** The v2025 successors of a legacy unit (largest share first). */
  successors(legacyCode: string): { unit: AdminUnit; weight: number }[];
  /** A v2025 code as itself; a legacy-only code as its primary v2025 successor; otherwise undefined. */
  resolve(code: string): AdminUnit | undefined;
}

export function createUnitIndex(units: readonly AdminUnit[], mapping: readonly UnitMapping[]): UnitIndex {
  const byCode = new Map<string, AdminUnit>();
  const childrenOf = new Map<string, AdminUnit[]>();
  const key = (hierarchy: Hierarchy, code: string) => `${hierarchy}:${code}`;
  for (const unit of units) {
    byCode.set(key(unit.hierarchy, unit.code), unit);
    if (unit.parentCode !== null) {
      const k = key(unit.hierarchy, unit.parentCode);
      const list = childrenOf.get(k);
      if (list) list.push(unit);
      else childrenOf.set(k, [unit]);
    }
  }
  const mappingsOf = new Map<string, UnitMapping[]>();
  for (const m of mapping) {
    const list = mappingsOf.get(m.legacyCode);
    if (list) list.push(m);
    else mappingsOf.set(m.legacyCode, [m]);
  }

  const get = (code: string, hierarchy: Hierarchy = "v2025") => byCode.get(key(hierarchy, code));
  const children = (code: string, hierarchy: Hierarchy = "v2025") => [
    ...(childrenOf.get(key(hierarchy, code)) ?? []),
  ];
  const path = (code: string, hierarchy: Hierarchy = "v2025") => pathOf(code, (c) => get(c, hierarchy));
  const resolve = (code: string): AdminUnit | undefined => {
    const current = get(code, "v2025");
    if (current) return current;
    const best = primarySuccessor(mappingsOf.get(code) ?? []);
    return best ? get(best.newCode, "v2025") : undefined;
  };

  return {
    get,
    children,
    descendants(code, hierarchy = "v2025") {
      const out: AdminUnit[] = [];
      const queue = children(code, hierarchy);
      for (let i = 0; i < queue.length; i++) {
        const unit = queue[i]!;
        out.push(unit);
        queue.push(...children(unit.code, hierarchy));
      }
      return out;
    },
    path,
    isWithin(code, ancestorCode) {
      const unit = resolve(code);
      const ancestor = resolve(ancestorCode);
      if (!unit || !ancestor) return false;
      return pathIsWithin(path(unit.code), ancestor.code);
    },
    search(query, options = {}) {
      const hierarchy = options.hierarchy ?? "v2025";
      const candidates = units.filter(
        (u) =>
          u.hierarchy === hierarchy &&
          (options.level === undefined || u.level === options.level) &&
          (options.within === undefined || pathIsWithin(path(u.code, hierarchy), options.within)),
      );
      return rankByName(candidates, query, options.limit ?? 20);
    },
    provinces(hierarchy = "v2025") {
      return units.filter((u) => u.hierarchy === hierarchy && u.level === "province");
    },
    asOf(date) {
      return units.filter((u) => isValidOn(u, date));
    },
    successors(legacyCode) {
      return (mappingsOf.get(legacyCode) ?? [])
        .map((m) => ({ unit: get(m.newCode, "v2025"), weight: m.weight }))
        .filter((s): s is { unit: AdminUnit; weight: number } => s.unit !== undefined)
        .sort((a, b) => b.weight - a.weight || a.unit.code.localeCompare(b.unit.code));
    },
    resolve,
  };
}
