import { describe, expect, it } from "vitest";
import {
  mapHeader,
  parseCount,
  parseCsv,
  parseDay,
  type ValidateOptions,
  validateSubscriberLines,
} from "./subscriber-rows.ts";

const options: ValidateOptions = {
  isKnownUnit: (code) => ["VN", "01", "79", "00004", "26743"].includes(code),
  inScope: (code) => code !== "79" && code !== "26743",
  today: "2025-08-10",
};

describe("parseCsv", () => {
  it("reads quoted cells, CRLF, a BOM and semicolons, keeping each record's first line number", () => {
    const text =
      '\uFEFFMã đơn vị;Số thuê bao;Ngày\r\n00004;"1.234.567";01/08/2025\r\n"01";"12\n345";2025-08-01\n\n"a""b";2;x';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ["Mã đơn vị", "Số thuê bao", "Ngày"] },
      { line: 2, cells: ["00004", "1.234.567", "01/08/2025"] },
      { line: 3, cells: ["01", "12\n345", "2025-08-01"] },
      { line: 5, cells: [""] },
      { line: 6, cells: ['a"b', "2", "x"] },
    ]);
  });
});

describe("headers", () => {
  it("accepts Vietnamese with or without diacritics and English, in any order", () => {
    expect(mapHeader(["Ngày", "MÃ ĐƠN VỊ", "Số thuê bao"])).toEqual({
      columns: { unitCode: 1, subscribers: 2, date: 0 },
    });
    expect(mapHeader(["unit code", "Subscribers", "date"])).toEqual({
      columns: { unitCode: 0, subscribers: 1, date: 2 },
    });
    expect(mapHeader(["ma don vi", "so thue bao"])).toEqual({ missing: ["date"] });
  });
});

describe("values", () => {
  it("parses counts with thousands separators but not decimals", () => {
    expect(parseCount("1234567")).toBe(1_234_567);
    expect(parseCount("1.234.567")).toBe(1_234_567);
    expect(parseCount("1,234,567")).toBe(1_234_567);
    expect(parseCount("1 234 567")).toBe(1_234_567);
    expect(parseCount("1.5")).toBeNull();
    expect(parseCount("1.234,567")).toBeNull();
    expect(parseCount("-5")).toBeNull();
  });

  it("parses ISO and day-first dates", () => {
    expect(parseDay("2025-08-01")).toBe("2025-08-01");
    expect(parseDay("1/8/2025")).toBe("2025-08-01");
    expect(parseDay("31/02/2025")).toBeNull();
    expect(parseDay("08/31/2025")).toBeNull();
  });
});

describe("validateSubscriberLines", () => {
  it("returns every row of a valid file", () => {
    const lines = parseCsv(
      'unit code,subscribers,date\n00004,120000,2025-08-01\n01,"8,500,000",01/08/2025\n',
    );
    expect(validateSubscriberLines(lines, options)).toEqual({
      ok: true,
      rows: [
        { line: 2, unitCode: "00004", subscribers: 120_000, asOf: "2025-08-01" },
        { line: 3, unitCode: "01", subscribers: 8_500_000, asOf: "2025-08-01" },
      ],
    });
  });

  it("reports every bad row with its line number, and no rows", () => {
    const csv = [
      "Mã đơn vị,Số thuê bao,Ngày",
      "00004,120000,2025-08-01", // 2 ok
      "99999,5,2025-08-01", // 3 unknown unit
      "79,5,2025-08-01", // 4 out of scope
      "01,1.5,2025-08-01", // 5 bad number
      "01,100,2025-13-01", // 6 bad date
      "", // 7 empty: skipped
      "01,100,2025-08-11", // 8 future
      "00004,99,2025-08-01", // 9 duplicate of line 2
      ",,", // 10 all empty: skipped
      "01,,2025-08-01", // 11 missing count
    ].join("\n");
    const result = validateSubscriberLines(parseCsv(csv), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, "unitCode", "unknown-unit"],
      [4, "unitCode", "out-of-scope"],
      [5, "subscribers", "invalid-number"],
      [6, "date", "invalid-date"],
      [8, "date", "future-date"],
      [9, "unitCode", "duplicate"],
      [11, "subscribers", "missing-value"],
    ]);
    expect(result.errors[5]?.message).toContain("line 2");
    expect(result.errors.map((e) => e.value)).toEqual([
      "99999",
      "79",
      "1.5",
      "2025-13-01",
      "2025-08-11",
      "00004",
      "",
    ]);
  });

  it("refuses files without the required columns or rows", () => {
    const noDate = validateSubscriberLines(parseCsv("unit code,subscribers\n01,5\n"), options);
    expect(noDate).toMatchObject({ ok: false, errors: [{ line: 1, code: "missing-header" }] });
    expect(validateSubscriberLines(parseCsv(""), options)).toMatchObject({
      ok: false,
      errors: [{ code: "empty-file" }],
    });
    expect(validateSubscriberLines(parseCsv("unit code,subscribers,date\n"), options)).toMatchObject({
      ok: false,
      errors: [{ code: "empty-file" }],
    });
  });
});
