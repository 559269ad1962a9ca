// Pure parsing of telco subscriber files: CSV text (comma or semicolon, quotes, BOM) into lines of cells,
// Vietnamese or English headers, and validation of every row with its line number (all rows or none).
import { foldDiacritics } from "../units/model.ts";
import { isIsoDay } from "./coverage.ts";
import type { RowErrorCode } from "./row-errors.ts";

/** One row of the file as cells, with its line number in the file (1 = header line). */
export interface SheetLine {
  line: number;
  cells: string[];
}

/** A valid subscriber count. */
export interface SubscriberRow {
  line: number;
  unitCode: string;
  subscribers: number;
  /** "YYYY-MM-DD". */
  asOf: string;
}

export type { RowErrorCode } from "./row-errors.ts";

/** A problem in one line (line 1 = the header). */
export interface RowError {
  line: number;
  column: "unitCode" | "subscribers" | "date" | null;
  code: RowErrorCode;
  /** The offending cell as written (null when the problem is not one cell's). */
  value: string | null;
  message: string;
}

export type ParseResult = { ok: true; rows: SubscriberRow[] } | { ok: false; errors: RowError[] };

/** Splits CSV text into lines of cells (RFC 4180 quoting; delimiter "," or ";" guessed from the header). */
export function parseCsv(text: string): SheetLine[] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const lines: SheetLine[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      cells.push(cell);
      lines.push({ line: recordLine, cells });
      cells = [];
      cell = "";
      line++;
      recordLine = line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    lines.push({ line: recordLine, cells });
  }
  return lines;
}

type Column = "unitCode" | "subscribers" | "date";

/** Header names (diacritics and case ignored) of each column. */
const HEADERS: Record<Column, string[]> = {
  unitCode: ["ma don vi", "ma dv", "ma", "unit code", "unit", "code", "ma don vi hanh chinh"],
  subscribers: ["so thue bao", "thue bao", "subscribers", "subscriber count", "so luong thue bao"],
  date: ["ngay", "date", "as of", "ngay so lieu", "ngay bao cao"],
};

const headerKey = (text: string) =>
  foldDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Column positions from the header cells; the names of missing columns otherwise. */
export function mapHeader(
  cells: readonly string[],
): { columns: Record<Column, number> } | { missing: Column[] } {
  const keys = cells.map(headerKey);
  const found: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(HEADERS) as Column[]) {
    const index = keys.findIndex((k) => HEADERS[column].includes(k));
    if (index >= 0) found[column] = index;
  }
  const missing = (Object.keys(HEADERS) as Column[]).filter((c) => found[c] === undefined);
  return missing.length > 0 ? { missing } : { columns: found as Record<Column, number> };
}

/** "1234567", "1.234.567", "1,234,567", "1 234 567" -> 1234567; null for anything else (decimals, signs). */
export function parseCount(text: string): number | null {
  const t = text.trim().replace(/\u00a0/g, " ");
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^\d{1,3}(([., ])\d{3})?(\2\d{3})*$/.exec(t);
  if (!m?.[2]) return null;
  return Number(t.replace(/[., ]/g, ""));
}

/** "2025-08-01", "01/08/2025", "1/8/2025", "01-08-2025" (day first, as in Viet Nam) -> "2025-08-01"; else null. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!y || !m || !d) return null;
  const day = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  return isIsoDay(day) ? day : null;
}

export interface ValidateOptions {
  /** Whether the code is a current (v2025) unit: a commune, a province or "VN". */
  isKnownUnit(code: string): boolean;
  /** Whether the uploading official may set this unit's figure. */
  inScope(code: string): boolean;
  /** Today (local); dates after it are refused. */
  today: string;
  /** Largest accepted count (a guard against typos). */
  maxSubscribers?: number;
}

/** Validates every line; returns all rows, or every error found (never a partial result). */
export function validateSubscriberLines(lines: readonly SheetLine[], options: ValidateOptions): ParseResult {
  const nonEmpty = lines.filter((l) => l.cells.some((c) => c.trim() !== ""));
  const header = nonEmpty[0];
  if (!header)
    return {
      ok: false,
      errors: [{ line: 1, column: null, code: "empty-file", value: null, message: "The file is empty" }],
    };
  const mapped = mapHeader(header.cells);
  if ("missing" in mapped) {
    return {
      ok: false,
      errors: [
        {
          line: header.line,
          column: null,
          code: "missing-header",
          value: null,
          message: `Missing column(s): ${mapped.missing.join(", ")} (mã đơn vị / unit code, số thuê bao / subscribers, ngày / date)`,
        },
      ],
    };
  }
  const { columns } = mapped;
  const max = options.maxSubscribers ?? 200_000_000;
  const errors: RowError[] = [];
  const rows: SubscriberRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of nonEmpty.slice(1)) {
    const rawCode = (cells[columns.unitCode] ?? "").trim();
    const rawCount = cells[columns.subscribers] ?? "";
    const rawDate = cells[columns.date] ?? "";
    const cell = (column: RowError["column"]) =>
      column === "unitCode"
        ? rawCode
        : column === "subscribers"
          ? rawCount.trim()
          : column === "date"
            ? rawDate.trim()
            : null;
    const err = (column: RowError["column"], code: RowErrorCode, message: string) =>
      errors.push({ line, column, code, value: cell(column), message });
    let bad = false;
    if (rawCode === "") {
      err("unitCode", "missing-value", "Unit code is empty");
      bad = true;
    } else if (!options.isKnownUnit(rawCode)) {
      err("unitCode", "unknown-unit", `Unknown unit code "${rawCode}"`);
      bad = true;
    } else if (!options.inScope(rawCode)) {
      err("unitCode", "out-of-scope", `Unit ${rawCode} is outside your area`);
      bad = true;
    }
    const subscribers = parseCount(rawCount);
    if (rawCount.trim() === "") {
      err("subscribers", "missing-value", "Subscriber count is empty");
      bad = true;
    } else if (subscribers === null || subscribers < 1 || subscribers > max) {
      err("subscribers", "invalid-number", `"${rawCount.trim()}" is not a whole number between 1 and ${max}`);
      bad = true;
    }
    const asOf = parseDay(rawDate);
    if (rawDate.trim() === "") {
      err("date", "missing-value", "Date is empty");
      bad = true;
    } else if (asOf === null) {
      err("date", "invalid-date", `"${rawDate.trim()}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
      bad = true;
    } else if (asOf > options.today) {
      err("date", "future-date", `${asOf} is in the future`);
      bad = true;
    }
    if (bad || subscribers === null || asOf === null) continue;
    const key = `${rawCode}|${asOf}`;
    const first = seen.get(key);
    if (first !== undefined) {
      err("unitCode", "duplicate", `Unit ${rawCode} on ${asOf} already appears on line ${first}`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, unitCode: rawCode, subscribers, asOf });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0) {
    return {
      ok: false,
      errors: [{ line: header.line, column: null, code: "empty-file", value: null, message: "No data rows" }],
    };
  }
  return { ok: true, rows };
}
