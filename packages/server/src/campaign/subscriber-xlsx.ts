// Reads the first worksheet of a subscriber XLSX file into lines of cell text (with Excel row numbers), so
// the same validation as for CSV applies; dates typed as Excel dates come out as "YYYY-MM-DD".
import ExcelJS from "exceljs";
import type { SheetLine } from "./subscriber-rows.ts";

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("result" in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

/** Lines of the first worksheet; throws when the bytes are not an XLSX workbook. */
export async function readXlsxLines(bytes: Uint8Array): Promise<SheetLine[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const lines: SheetLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    lines.push({ line: rowNumber, cells });
  });
  return lines;
}
