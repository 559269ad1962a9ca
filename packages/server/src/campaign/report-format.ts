// Pure text of the official letter: Vietnamese number and percent formats (1.234.567; 47,59%), dates
// ("ngày 04 tháng 8 năm 2025", 28/07/2025) and the place name a unit's letters are dated from.
import { formatBasisPoints } from "./coverage.ts";

/** 1234567 -> "1.234.567". */
export function viNumber(n: number): string {
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** 4759 -> "47,59%" (truncated two decimals, comma as in Vietnamese letters); null -> "–". */
export const viPercent = (bp: number | null): string => formatBasisPoints(bp, ",");

/** "2025-07-28" -> "28/07/2025". */
export const viDate = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** "Hà Nội, ngày 04 tháng 8 năm 2025": the dateline of a letter. */
export function dateline(place: string, day: string): string {
  const month = Number(day.slice(5, 7));
  return `${place}, ngày ${day.slice(8, 10)} tháng ${month < 3 ? String(month).padStart(2, "0") : month} năm ${day.slice(0, 4)}`;
}

/** The place a unit's letter is dated from: the province's short name ("Thành phố Hà Nội" -> "Hà Nội"). */
export function placeName(provinceName: string | undefined): string {
  if (!provinceName) return "Hà Nội";
  return provinceName.replace(/^(Thành phố|Tỉnh)\s+/u, "");
}
