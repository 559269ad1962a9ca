// Administrative units of Viet Nam as pure data: the two hierarchies (v2025 two-level, legacy three-level),
// names without diacritics, validity by date, paths, descendants, scoping (isWithin), search and legacy mapping.

/** `v2025`: 34 provinces / 3,321 communes from 2025-07-01; `legacy`: 63 / ~700 districts / ~10,000 before. */
export const HIERARCHIES = ["v2025", "legacy"] as const;
export type Hierarchy = (typeof HIERARCHIES)[number];

export const LEVELS = ["province", "district", "commune"] as const;
export type AdminLevel = (typeof LEVELS)[number];

/** The day the two-level hierarchy took effect (Resolution 202/2025/QH15); legacy units end the day before. */
export const REFORM_DATE = "2025-07-01";

/** One administrative unit. Codes are the statistics office's (GSO/TCTK) and are unique within a hierarchy. */
export interface AdminUnit {
  code: string;
  /** Official name with its kind, NFC, with diacritics: "Phường Bến Thành", "Thành phố Hà Nội". */
  name: string;
  /** The name without diacritics: "Phuong Ben Thanh". */
  nameAscii: string;
  /** The kind word that starts the name: "Tỉnh", "Thành phố", "Phường", "Xã", "Đặc khu", "Huyện", ... */
  kind: string;
  level: AdminLevel;
  parentCode: string | null;
  hierarchy: Hierarchy;
  /** First day the unit exists (ISO date), or null when the source does not say. */
  validFrom: string | null;
  /** First day the unit no longer exists (exclusive), or null while it exists. */
  validTo: string | null;
}

/** A legacy unit's successor in the v2025 hierarchy; weight is the share of the legacy unit that went there. */
export interface UnitMapping {
  legacyCode: string;
  newCode: string;
  weight: number;
}

/** Kind words, longest first so "Thành phố" wins over shorter prefixes. */
export const UNIT_KINDS = [
  "Thành phố",
  "Đặc khu",
  "Thị trấn",
  "Thị xã",
  "Phường",
  "Huyện",
  "Quận",
  "Tỉnh",
  "Xã",
] as const;

/** Typographic apostrophes some sources use in Central Highlands names ("Ea H’Leo"). */
const APOSTROPHES = /[\u2018\u2019\u02bc]/g;

/** Removes diacritics (đ/Đ -> d/D, typographic apostrophes -> '): "Hà Nội" -> "Ha Noi". Pure. */
export function foldDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(APOSTROPHES, "'")
    .normalize("NFC");
}

/** The key names are searched by: lower case, no diacritics or apostrophes, [a-z0-9] words, single spaces. */
export function searchKey(text: string): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/'/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Cleans a source name: NFC, single spaces, ASCII apostrophes and the kind word in its canonical case
 * ("Thành Phố Đồng Hới" -> "Thành phố Đồng Hới").
 */
export function normalizeUnitName(raw: string): string {
  const name = raw.normalize("NFC").replace(APOSTROPHES, "'").replace(/\s+/g, " ").trim();
  const lower = name.toLocaleLowerCase("vi");
  for (const kind of UNIT_KINDS) {
    if (lower.startsWith(`${kind.toLocaleLowerCase("vi")} `)) return kind + name.slice(kind.length);
  }
  return name;
}

/** The kind word a name starts with, or undefined. */
export function unitKind(name: string): string | undefined {
  return UNIT_KINDS.find((kind) => name.startsWith(`${kind} `));
}

/** The name without its kind word: "Phường Bến Thành" -> "Bến Thành". */
export function shortName(name: string): string {
  const kind = unitKind(name);
  return kind ? name.slice(kind.length + 1) : name;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A Date or ISO date (or date-time) as the calendar day "YYYY-MM-DD" (UTC for Dates). */
export function isoDay(date: Date | string): string {
  if (typeof date !== "string") return date.toISOString().slice(0, 10);
  const day = date.slice(0, 10);
  if (!ISO_DATE.test(day)) throw new RangeError(`not an ISO date: "${date}"`);
  return day;
}

/** Whether the unit exists on the given day. */
export function isValidOn(unit: Pick<AdminUnit, "validFrom" | "validTo">, date: Date | string): boolean {
  const day = isoDay(date);
  return (unit.validFrom === null || unit.validFrom <= day) && (unit.validTo === null || day < unit.validTo);
}

/** Which hierarchy is in force on the given day. */
export function hierarchyOn(date: Date | string): Hierarchy {
  return isoDay(date) < REFORM_DATE ? "legacy" : "v2025";
}

/** Ancestors and the unit itself, province first, given a way to look up a unit by code (same hierarchy). */
export function pathOf(
  code: string,
  lookup: (code: string) => AdminUnit | undefined,
  maxDepth = LEVELS.length,
): AdminUnit[] {
  const path: AdminUnit[] = [];
  let current = lookup(code);
  while (current) {
    path.unshift(current);
    if (current.parentCode === null || path.length > maxDepth) break;
    current = lookup(current.parentCode);
  }
  return path;
}

/** Whether the unit whose path (province first) is given lies within `ancestorCode`; a unit is within itself. */
export function pathIsWithin(path: readonly Pick<AdminUnit, "code">[], ancestorCode: string): boolean {
  return path.some((unit) => unit.code === ancestorCode);
}

/** The chosen successor of a legacy unit: the largest share, ties broken by the lowest code. */
export function primarySuccessor(mappings: readonly UnitMapping[]): UnitMapping | undefined {
  let best: UnitMapping | undefined;
  for (const m of mappings) {
    if (!best || m.weight > best.weight || (m.weight === best.weight && m.newCode < best.newCode)) best = m;
  }
  return best;
}

const LEVEL_ORDER: Record<AdminLevel, number> = { province: 0, district: 1, commune: 2 };

/**
 * How well a unit's name matches a query, lower is better, undefined for no match: 0 the name (with or
 * without its kind word) is the query, 1 it starts with it, 2 a word starts with it, 3 it contains it.
 * Matching ignores diacritics and case; a query typed with diacritics that match exactly gains half a point.
 */
export function matchScore(name: string, query: string): number | undefined {
  const key = searchKey(query);
  if (!key) return undefined;
  const full = searchKey(name);
  const short = searchKey(shortName(name));
  let score: number | undefined;
  if (full === key || short === key) score = 0;
  else if (full.startsWith(key) || short.startsWith(key)) score = 1;
  else if (` ${full}`.includes(` ${key}`)) score = 2;
  else if (full.includes(key)) score = 3;
  if (score === undefined) return undefined;
  const typed = query.normalize("NFC").trim().toLocaleLowerCase("vi");
  const hasDiacritics = searchKey(typed) !== typed.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  if (hasDiacritics && name.toLocaleLowerCase("vi").includes(typed)) score -= 0.5;
  return score;
}

/** Ranks units matching a query: by score, then provinces before districts before communes, then name. */
export function rankByName<U extends Pick<AdminUnit, "name" | "level">>(
  units: readonly U[],
  query: string,
  limit = 20,
): U[] {
  const scored: { unit: U; score: number }[] = [];
  for (const unit of units) {
    const score = matchScore(unit.name, query);
    if (score !== undefined) scored.push({ unit, score });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      LEVEL_ORDER[a.unit.level] - LEVEL_ORDER[b.unit.level] ||
      a.unit.name.length - b.unit.name.length ||
      a.unit.name.localeCompare(b.unit.name, "vi"),
  );
  return scored.slice(0, limit).map((s) => s.unit);
}
