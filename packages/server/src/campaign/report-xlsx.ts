// The weekly report as an XLSX workbook (exceljs): a summary sheet, one sheet per level of sub-units with
// simple formulas (coverage = TRUNC(phones*10000/subscribers)/100, totals by SUM), agencies and the trend.
import ExcelJS from "exceljs";
import type { ReportData, ReportRow } from "./report-data.ts";

export const SHEET_NAMES = {
  summary: "Tổng hợp",
  province: "Tỉnh, thành phố",
  commune: "Xã, phường",
  agencies: "Cơ quan chưa đạt",
  trend: "Xu hướng",
} as const;

const viDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const pct = (bp: number | null) => (bp === null ? null : bp / 100);
const coverageFormula = (phones: string, subscribers: string) =>
  `IF(${subscribers}>0,TRUNC(${phones}*10000/${subscribers})/100,"")`;

function header(sheet: ExcelJS.Worksheet, titles: string[], widths: number[]): void {
  const row = sheet.addRow(titles);
  row.font = { bold: true };
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
    cell.border = { bottom: { style: "thin" } };
  });
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  sheet.views = [{ state: "frozen", ySplit: row.number }];
}

function levelSheet(
  workbook: ExcelJS.Workbook,
  level: "province" | "commune",
  rows: readonly ReportRow[],
): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES[level]);
  const communes = level === "commune";
  const titles = [
    "STT",
    "Mã",
    "Đơn vị",
    ...(communes ? ["Tỉnh, thành phố"] : []),
    "Lượt cài đặt",
    "Có số điện thoại",
    "Hoạt động trong ngày",
    "Số thuê bao",
    "Tỷ lệ phủ (%)",
    "Chỉ tiêu (%)",
    "Đánh giá",
  ];
  header(sheet, titles, [6, 8, 30, ...(communes ? [24] : []), 14, 16, 14, 14, 12, 12, 12]);
  // Column numbers after the name (and province) columns.
  const at = (offset: number) => (communes ? 4 : 3) + offset;
  const C = {
    installs: at(1),
    phones: at(2),
    active: at(3),
    subscribers: at(4),
    coverage: at(5),
    target: at(6),
    verdict: at(7),
  };
  const letter = (n: number) => String.fromCharCode(64 + n);
  const ref = (n: number, row: number) => `${letter(n)}${row}`;
  const first = 2;
  rows.forEach((r, i) => {
    const n = first + i;
    const row = sheet.addRow([
      i + 1,
      r.code,
      r.name,
      ...(communes ? [r.parentName ?? ""] : []),
      r.installs,
      r.withPhone,
      r.active,
      r.subscribers,
    ]);
    row.getCell(C.coverage).value = {
      formula: coverageFormula(ref(C.phones, n), ref(C.subscribers, n)),
      result: pct(r.coverageBp) ?? "",
    };
    row.getCell(C.target).value = pct(r.targetBp);
    const cov = ref(C.coverage, n);
    const tgt = ref(C.target, n);
    row.getCell(C.verdict).value = {
      formula: `IF(OR(${cov}="",${tgt}=""),"",IF(${cov}>=${tgt},"Đạt","Chưa đạt"))`,
      result: r.targetBp === null || r.coverageBp === null ? "" : r.reached ? "Đạt" : "Chưa đạt",
    };
  });
  const last = first + rows.length - 1;
  const sum = (k: "installs" | "withPhone" | "active" | "subscribers") => rows.reduce((s, r) => s + r[k], 0);
  const total = sheet.addRow(["", "", "Tổng cộng"]);
  total.font = { bold: true };
  const t = total.number;
  const sumCell = (n: number, result: number) => ({
    formula: `SUM(${ref(n, first)}:${ref(n, last)})`,
    result,
  });
  total.getCell(C.installs).value = sumCell(C.installs, sum("installs"));
  total.getCell(C.phones).value = sumCell(C.phones, sum("withPhone"));
  total.getCell(C.active).value = sumCell(C.active, sum("active"));
  total.getCell(C.subscribers).value = sumCell(C.subscribers, sum("subscribers"));
  const totalBp =
    sum("subscribers") > 0 ? Math.floor((sum("withPhone") * 10_000) / sum("subscribers")) : null;
  total.getCell(C.coverage).value = {
    formula: coverageFormula(ref(C.phones, t), ref(C.subscribers, t)),
    result: pct(totalBp) ?? "",
  };
  for (const n of [C.installs, C.phones, C.active, C.subscribers]) sheet.getColumn(n).numFmt = "#,##0";
  for (const n of [C.coverage, C.target]) sheet.getColumn(n).numFmt = "0.00";
}

/** Builds the XLSX bytes of a report. */
export async function buildReportXlsx(data: ReportData): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Bluezone";
  workbook.created = data.generatedAt;
  const summary = workbook.addWorksheet(SHEET_NAMES.summary);
  summary.getColumn(1).width = 42;
  summary.getColumn(2).width = 22;
  summary.addRow([`BÁO CÁO TUẦN: KẾT QUẢ TRIỂN KHAI ỨNG DỤNG BLUEZONE`]).font = { bold: true, size: 14 };
  summary.addRow([data.unit.name]).font = { bold: true };
  summary.addRow([
    `Tuần từ ${viDate(data.weekStart)} đến ${viDate(data.weekEnd)}; số liệu đến hết ngày ${viDate(data.asOf)}`,
  ]);
  summary.addRow([]);
  const s = data.summary;
  const lines: [string, ExcelJS.CellValue][] = [
    ["Mã đơn vị", s.code],
    ["Lượt cài đặt", s.installs],
    ["Có số điện thoại", s.withPhone],
    ["Hoạt động trong ngày", s.active],
    ["Số thuê bao", s.subscribers],
    ["Tỷ lệ phủ (%)", null],
    ["Chỉ tiêu (%)", pct(s.targetBp)],
    ["Hạn hoàn thành", s.deadline ? viDate(s.deadline) : ""],
    ["Tăng trong tuần: lượt cài đặt", data.weekGain.installs],
    ["Tăng trong tuần: có số điện thoại", data.weekGain.withPhone],
  ];
  for (const [label, value] of lines) summary.addRow([label, value]);
  const coverageRow = summary.getRow(10); // rows: 1-3 titles, 4 blank, 5 code, 6 installs, 7 phones, 8 active, 9 subscribers
  coverageRow.getCell(2).value = { formula: coverageFormula("B7", "B9"), result: pct(s.coverageBp) ?? "" };
  summary.getColumn(2).numFmt = "#,##0.##";

  for (const level of data.levels) levelSheet(workbook, level.level, level.rows);

  const agencies = workbook.addWorksheet(SHEET_NAMES.agencies);
  header(
    agencies,
    [
      "STT",
      "Cơ quan, đơn vị",
      "Mã đơn vị hành chính",
      "Biên chế",
      "Đã tham gia",
      "Tỷ lệ (%)",
      "Chỉ tiêu (%)",
    ],
    [6, 40, 18, 12, 12, 12, 12],
  );
  data.agenciesBelowTarget.forEach((a, i) => {
    const n = i + 2;
    const row = agencies.addRow([i + 1, a.name, a.unitCode, a.headcount, a.joined]);
    row.getCell(6).value = { formula: coverageFormula(`E${n}`, `D${n}`), result: pct(a.complianceBp) ?? "" };
    row.getCell(7).value = a.appliedTargetBp / 100;
  });

  const trend = workbook.addWorksheet(SHEET_NAMES.trend);
  header(
    trend,
    ["Ngày", "Lượt cài đặt", "Có số điện thoại", "Số thuê bao", "Tỷ lệ phủ (%)"],
    [12, 14, 16, 14, 14],
  );
  data.trend.forEach((p, i) => {
    const n = i + 2;
    const row = trend.addRow([viDate(p.day), p.installs, p.withPhone, p.subscribers]);
    row.getCell(5).value = { formula: coverageFormula(`C${n}`, `D${n}`), result: pct(p.coverageBp) ?? "" };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
