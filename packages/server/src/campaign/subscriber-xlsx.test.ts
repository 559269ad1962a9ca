import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { validateSubscriberLines } from "./subscriber-rows.ts";
import { readXlsxLines } from "./subscriber-xlsx.ts";

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Thuê bao");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("readXlsxLines", () => {
  it("reads text, numbers and Excel dates with their row numbers", async () => {
    const bytes = await workbook([
      ["Mã đơn vị", "Số thuê bao", "Ngày"],
      ["00004", 120000, new Date(Date.UTC(2025, 7, 1))],
      [],
      ["01", "8.500.000", "01/08/2025"],
    ]);
    const lines = await readXlsxLines(bytes);
    expect(lines).toEqual([
      { line: 1, cells: ["Mã đơn vị", "Số thuê bao", "Ngày"] },
      { line: 2, cells: ["00004", "120000", "2025-08-01"] },
      { line: 4, cells: ["01", "8.500.000", "01/08/2025"] },
    ]);
    const result = validateSubscriberLines(lines, {
      isKnownUnit: () => true,
      inScope: () => true,
      today: "2025-08-10",
    });
    expect(result).toMatchObject({
      ok: true,
      rows: [
        { line: 2, subscribers: 120_000 },
        { line: 4, asOf: "2025-08-01" },
      ],
    });
  });

  it("rejects bytes that are not a workbook", async () => {
    await expect(readXlsxLines(new TextEncoder().encode("unit code,subscribers,date"))).rejects.toThrow();
  });
});
