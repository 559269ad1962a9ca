// The weekly report as a PDF in the style of an official letter (pdfkit, Be Vietnam Pro for full Vietnamese):
// national motto header, dateline, title, overall figures, the trend chart, sub-units and lagging agencies.
import { createPdf, type PdfDoc } from "../platform/pdf.ts";
import type { ReportData, ReportRow } from "./report-data.ts";
import { dateline, placeName, viDate, viNumber, viPercent } from "./report-format.ts";
import { drawTrendChart } from "./report-pdf-chart.ts";

export const REPORT_MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"] as const;

const MARGIN = { top: 50, bottom: 50, left: 56, right: 42 };
const PAGE_WIDTH = 595.28 - MARGIN.left - MARGIN.right;

function letterHead(doc: PdfDoc, data: ReportData, place: string): void {
  const y = MARGIN.top;
  const leftWidth = 210;
  const rightX = MARGIN.left + leftWidth + 10;
  const rightWidth = PAGE_WIDTH - leftWidth - 10;
  doc
    .font("regular")
    .fontSize(10)
    .text("BAN CHỈ ĐẠO TRIỂN KHAI BLUEZONE", MARGIN.left, y, { width: leftWidth, align: "center" });
  doc.font("bold").fontSize(10).text(data.unit.name.toUpperCase(), { width: leftWidth, align: "center" });
  const lineY = doc.y + 2;
  doc
    .moveTo(MARGIN.left + leftWidth / 2 - 35, lineY)
    .lineTo(MARGIN.left + leftWidth / 2 + 35, lineY)
    .lineWidth(0.6)
    .stroke();
  doc
    .font("regular")
    .fontSize(10)
    .text(`Số: ....../BC-BCĐ`, MARGIN.left, lineY + 6, { width: leftWidth, align: "center" });
  doc.font("bold").fontSize(10.5).text(REPORT_MOTTO[0], rightX, y, { width: rightWidth, align: "center" });
  doc.font("bold").fontSize(11).text(REPORT_MOTTO[1], { width: rightWidth, align: "center" });
  const mottoY = doc.y + 2;
  doc
    .moveTo(rightX + rightWidth / 2 - 75, mottoY)
    .lineTo(rightX + rightWidth / 2 + 75, mottoY)
    .lineWidth(0.6)
    .stroke();
  doc
    .font("italic")
    .fontSize(10.5)
    .text(dateline(place, data.today), rightX, mottoY + 8, { width: rightWidth, align: "center" });
  doc.x = MARGIN.left;
  doc.y = Math.max(doc.y, lineY + 24) + 18;
}

function heading(doc: PdfDoc, text: string): void {
  doc.moveDown(0.6).font("bold").fontSize(11.5).text(text, MARGIN.left, doc.y, { width: PAGE_WIDTH });
  doc.moveDown(0.3);
}

interface Column {
  title: string;
  width: number;
  align: "left" | "right" | "center";
  value: (r: ReportRow, i: number) => string;
}

function table(doc: PdfDoc, columns: readonly Column[], rows: readonly ReportRow[], total?: ReportRow): void {
  const rowHeight = 15;
  const drawRow = (cells: string[], bold: boolean, shade: boolean) => {
    if (doc.y + rowHeight > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      drawRow(
        columns.map((c) => c.title),
        true,
        true,
      );
    }
    const y = doc.y;
    if (shade) doc.rect(MARGIN.left, y, PAGE_WIDTH, rowHeight).fillColor("#e8eef6").fill();
    doc.fillColor("#000000").font(bold ? "bold" : "regular");
    let x = MARGIN.left;
    columns.forEach((c, i) => {
      const fitted = fit(doc, cells[i] ?? "", c.width - 6, 8.5, c.align === "left");
      doc
        .fontSize(fitted.size)
        .text(fitted.text, x + 3, y + 4, { width: c.width - 6, align: c.align, lineBreak: false });
      x += c.width;
    });
    doc
      .moveTo(MARGIN.left, y + rowHeight)
      .lineTo(MARGIN.left + PAGE_WIDTH, y + rowHeight)
      .lineWidth(0.3)
      .strokeColor("#999999")
      .stroke();
    doc.x = MARGIN.left;
    doc.y = y + rowHeight;
  };
  drawRow(
    columns.map((c) => c.title),
    true,
    true,
  );
  for (const [i, r] of rows.entries()) {
    drawRow(
      columns.map((c) => c.value(r, i)),
      false,
      false,
    );
  }
  if (total)
    drawRow(
      columns.map((c, i) => (i === 1 ? "Tổng cộng" : i === 0 ? "" : c.value(total, -1))),
      true,
      false,
    );
}

/** Text that fits `width` on one line: numbers shrink (down to 6.5 pt), names are cut with an ellipsis. */
function fit(
  doc: PdfDoc,
  text: string,
  width: number,
  size: number,
  cut: boolean,
): { text: string; size: number } {
  doc.fontSize(size);
  if (doc.widthOfString(text) <= width) return { text, size };
  if (!cut) {
    let s = size;
    while (s > 6.5 && doc.fontSize(s).widthOfString(text) > width) s -= 0.5;
    return { text, size: s };
  }
  let out = text;
  while (out.length > 1 && doc.widthOfString(`${out}…`) > width) out = out.slice(0, -1);
  return { text: `${out.trimEnd()}…`, size };
}

const verdict = (r: ReportRow) =>
  r.targetBp === null || r.coverageBp === null ? "–" : r.reached ? "Đạt" : "Chưa đạt";

function unitColumns(nameWidth: number): Column[] {
  const rest = (PAGE_WIDTH - 28 - nameWidth) / 6;
  return [
    { title: "STT", width: 28, align: "center", value: (_r, i) => String(i + 1) },
    { title: "Đơn vị", width: nameWidth, align: "left", value: (r) => r.name },
    { title: "Cài đặt", width: rest, align: "right", value: (r) => viNumber(r.installs) },
    { title: "Có SĐT", width: rest, align: "right", value: (r) => viNumber(r.withPhone) },
    { title: "Thuê bao", width: rest, align: "right", value: (r) => viNumber(r.subscribers) },
    { title: "Tỷ lệ phủ", width: rest, align: "right", value: (r) => viPercent(r.coverageBp) },
    { title: "Chỉ tiêu", width: rest, align: "right", value: (r) => viPercent(r.targetBp) },
    { title: "Đánh giá", width: rest, align: "center", value: verdict },
  ];
}

/** Builds the PDF bytes of a report. `provinceName` dates the letter (national: Hà Nội). */
export async function buildReportPdf(data: ReportData, provinceName?: string): Promise<Uint8Array> {
  const { doc, bytes } = createPdf({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: `Báo cáo tuần ${viDate(data.weekStart)} - ${data.unit.name}`,
      Author: "Bluezone",
      Creator: "Bluezone",
    },
  });

  letterHead(doc, data, placeName(provinceName));
  doc.font("bold").fontSize(14).text("BÁO CÁO", MARGIN.left, doc.y, { width: PAGE_WIDTH, align: "center" });
  doc
    .font("bold")
    .fontSize(11.5)
    .text(
      `Kết quả triển khai ứng dụng Bluezone tuần từ ${viDate(data.weekStart)} đến ${viDate(data.weekEnd)}`,
      { width: PAGE_WIDTH, align: "center" },
    );
  doc.moveDown(0.8);

  const s = data.summary;
  heading(doc, "1. Kết quả chung");
  doc.font("regular").fontSize(10.5);
  const lines = [
    `Tính đến hết ngày ${viDate(data.asOf)}, trên địa bàn ${data.unit.name} có ${viNumber(s.installs)} lượt cài đặt ứng dụng Bluezone, trong đó ${viNumber(s.withPhone)} lượt đã xác nhận số điện thoại; ${viNumber(s.active)} thiết bị hoạt động trong ngày.`,
    `Số thuê bao di động (theo số liệu nhà mạng): ${viNumber(s.subscribers)}. Tỷ lệ phủ (số cài đặt có số điện thoại / số thuê bao): ${viPercent(s.coverageBp)}.`,
    s.targetBp === null
      ? "Chưa giao chỉ tiêu cho đơn vị."
      : `Chỉ tiêu: ${viPercent(s.targetBp)} trước ngày ${viDate(s.deadline!)} - ${s.reached ? "đã đạt" : "chưa đạt"}.`,
    `Trong tuần tăng ${viNumber(data.weekGain.installs)} lượt cài đặt và ${viNumber(data.weekGain.withPhone)} lượt có số điện thoại.`,
  ];
  for (const line of lines) doc.text(line, { width: PAGE_WIDTH, align: "justify", indent: 18 }).moveDown(0.2);

  heading(doc, "2. Diễn biến tỷ lệ phủ 8 tuần gần nhất");
  const chartY = doc.y;
  drawTrendChart(
    doc,
    { x: MARGIN.left, y: chartY, width: PAGE_WIDTH, height: 170 },
    data.trend,
    s.targetBp,
    "regular",
  );
  doc.x = MARGIN.left;
  doc.y = chartY + 178;

  let section = 3;
  for (const level of data.levels) {
    if (level.level === "commune" && data.unit.level === "national") continue; // 3,321 rows: in the XLSX
    heading(
      doc,
      `${section++}. Kết quả theo ${level.level === "province" ? "tỉnh, thành phố" : "xã, phường, đặc khu"}`,
    );
    const sorted = [...level.rows].sort((a, b) => (b.coverageBp ?? -1) - (a.coverageBp ?? -1));
    table(doc, unitColumns(140), sorted, s);
  }
  if (data.unit.level === "national") {
    doc
      .moveDown(0.4)
      .font("italic")
      .fontSize(9.5)
      .text("Chi tiết theo xã, phường, đặc khu: xem tệp XLSX kèm theo.", MARGIN.left, doc.y, {
        width: PAGE_WIDTH,
      });
  }

  heading(doc, `${section}. Cơ quan, đơn vị chưa đạt chỉ tiêu cài đặt của cán bộ, nhân viên`);
  if (data.agenciesBelowTarget.length === 0) {
    doc.font("regular").fontSize(10.5).text("Không có.", { width: PAGE_WIDTH, indent: 18 });
  } else {
    const agencyRows: ReportRow[] = data.agenciesBelowTarget.slice(0, 40).map((a) => ({
      code: String(a.id),
      name: a.name,
      parentName: null,
      installs: a.headcount,
      withPhone: a.joined,
      active: 0,
      subscribers: 0,
      coverageBp: a.complianceBp,
      targetBp: a.appliedTargetBp,
      deadline: null,
      reached: false,
    }));
    const w = (PAGE_WIDTH - 28 - 220) / 4;
    table(
      doc,
      [
        { title: "STT", width: 28, align: "center", value: (_r, i) => String(i + 1) },
        { title: "Cơ quan, đơn vị", width: 220, align: "left", value: (r) => r.name },
        { title: "Biên chế", width: w, align: "right", value: (r) => viNumber(r.installs) },
        { title: "Đã tham gia", width: w, align: "right", value: (r) => viNumber(r.withPhone) },
        { title: "Tỷ lệ", width: w, align: "right", value: (r) => viPercent(r.coverageBp) },
        { title: "Chỉ tiêu", width: w, align: "right", value: (r) => viPercent(r.targetBp) },
      ],
      agencyRows,
    );
  }

  if (doc.y + 90 > doc.page.height - MARGIN.bottom) doc.addPage();
  const signY = doc.y + 24;
  doc.font("bold").fontSize(10).text("Nơi nhận:", MARGIN.left, signY, { width: 220 });
  doc.font("regular").fontSize(9).text("- Ban Chỉ đạo cấp trên;\n- Lưu: VT.", { width: 220 });
  doc
    .font("bold")
    .fontSize(10.5)
    .text("NGƯỜI LẬP BÁO CÁO", MARGIN.left + 260, signY, { width: PAGE_WIDTH - 260, align: "center" });
  doc
    .font("italic")
    .fontSize(9.5)
    .text("(Báo cáo được tạo tự động bởi hệ thống Bluezone)", { width: PAGE_WIDTH - 260, align: "center" });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits below the text area; do not start a new page for it
    doc
      .font("regular")
      .fontSize(8)
      .fillColor("#666666")
      .text(`Trang ${i + 1}/${range.count}`, MARGIN.left, doc.page.height - 35, {
        width: PAGE_WIDTH,
        align: "center",
        lineBreak: false,
      });
  }
  doc.end();
  return bytes;
}
