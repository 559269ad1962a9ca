// Pure presentation rules of the campaign console: coverage as in the letters (truncated, two decimals; a
// decimal comma in Vietnamese), counts and dates per language, status colours, and the ranking table's
// sort and diacritic-insensitive search.
import type { RankedUnit, TargetStatus } from "./types.ts";

/** 4759 -> "47,59%" (vi) / "47.59%" (en); null -> "–". Never rounds. */
export function formatCoverage(bp: number | null, language: string): string {
  if (bp === null) return "–";
  const whole = Math.floor(Math.abs(bp) / 100);
  const cents = String(Math.abs(bp) % 100).padStart(2, "0");
  return `${bp < 0 ? "-" : ""}${whole}${language === "vi" ? "," : "."}${cents}%`;
}

/** 1234567 -> "1.234.567" (vi) / "1,234,567" (en). */
export function formatCount(n: number | null, language: string): string {
  if (n === null) return "–";
  const digits = String(Math.trunc(Math.abs(n))).replace(
    /\B(?=(\d{3})+(?!\d))/g,
    language === "vi" ? "." : ",",
  );
  return `${n < 0 ? "-" : ""}${digits}`;
}

/** "2025-08-31" -> "31/08/2025" (vi) / "31 Aug 2025" (en). */
export function formatDay(day: string | null, language: string): string {
  if (!day) return "–";
  const [y, m, d] = day.split("-");
  if (language === "vi") return `${d}/${m}/${y}`;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${Number(d)} ${months[Number(m) - 1]} ${y}`;
}

/** Fill colours by status (WCAG AA against dark text). */
export const STATUS_COLORS: Record<TargetStatus, string> = {
  reached: "#2e9e5b",
  on_track: "#9fd3a8",
  behind: "#f0a35e",
  no_target: "#9bbbe0",
  no_data: "#d7dbe0",
};

/** Lower case, no diacritics (đ -> d), single spaces: "Phường Bến Thành" -> "phuong ben thanh". */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export type SortKey = "rank" | "name" | "installs" | "withPhone" | "subscribers" | "coverage" | "progress";

/** Filters by name (diacritics ignored) or code prefix, then sorts; units without a value stay last. */
export function sortRanking(
  units: readonly RankedUnit[],
  sort: SortKey,
  descending: boolean,
  query: string,
): RankedUnit[] {
  const key = searchKey(query);
  const value = (u: RankedUnit): number | null =>
    sort === "installs"
      ? u.installs
      : sort === "withPhone"
        ? u.withPhone
        : sort === "subscribers"
          ? u.subscribers
          : sort === "coverage"
            ? u.coverageBp
            : sort === "progress"
              ? u.progressBp
              : u.rank;
  const filtered = key
    ? units.filter((u) => u.code.startsWith(key) || searchKey(u.name).includes(key))
    : [...units];
  return filtered.sort((a, b) => {
    if (sort === "name") return (descending ? -1 : 1) * a.name.localeCompare(b.name, "vi");
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
    return (descending ? y - x : x - y) || a.rank - b.rank;
  });
}
