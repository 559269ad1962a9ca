// The report's trend chart drawn with pdfkit vector paths: coverage per day as a line, the target as a dashed
// line, light grid, percent ticks on the left and dates below.
import type { PdfDoc } from "../platform/pdf.ts";
import { viDate, viPercent } from "./report-format.ts";
import type { TrendPoint } from "./series.ts";

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Draws the chart in `box`; `font` is the regular font's name. */
export function drawTrendChart(
  doc: PdfDoc,
  box: ChartBox,
  points: readonly TrendPoint[],
  targetBp: number | null,
  font: string,
): void {
  const left = box.x + 38;
  const bottom = box.y + box.height - 18;
  const width = box.width - 46;
  const height = box.height - 26;
  const values = points.map((p) => p.coverageBp).filter((v): v is number => v !== null);
  const top = Math.max(targetBp ?? 0, ...values, 1000);
  const maxBp = Math.ceil(top / 1000) * 1000;
  const minBp = Math.max(0, Math.floor(Math.min(...values, targetBp ?? top) / 1000) * 1000 - 1000);
  const span = Math.max(1000, maxBp - minBp);
  const xAt = (i: number) => left + (points.length <= 1 ? 0 : (i * width) / (points.length - 1));
  const yAt = (bp: number) => bottom - ((bp - minBp) * height) / span;

  doc.save();
  doc.font(font).fontSize(7).fillColor("#555555");
  for (let bp = minBp; bp <= minBp + span; bp += 1000) {
    const y = yAt(bp);
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.3)
      .strokeColor("#cccccc")
      .stroke();
    doc.text(viPercent(bp).replace(",00", ""), box.x, y - 3, { width: 34, align: "right", lineBreak: false });
  }
  doc
    .moveTo(left, bottom)
    .lineTo(left + width, bottom)
    .lineWidth(0.8)
    .strokeColor("#333333")
    .stroke();
  const step = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((p, i) => {
    if (i % step === 0 || i === points.length - 1) {
      doc.text(viDate(p.day).slice(0, 5), xAt(i) - 15, bottom + 4, {
        width: 30,
        align: "center",
        lineBreak: false,
      });
    }
  });
  if (targetBp !== null) {
    const y = yAt(targetBp);
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(1)
      .dash(4, { space: 3 })
      .strokeColor("#c0392b")
      .stroke()
      .undash();
    doc.fillColor("#c0392b").text(`Chỉ tiêu ${viPercent(targetBp)}`, left + width - 90, y - 10, {
      width: 90,
      align: "right",
      lineBreak: false,
    });
  }
  let started = false;
  points.forEach((p, i) => {
    if (p.coverageBp === null) return;
    if (!started) doc.moveTo(xAt(i), yAt(p.coverageBp));
    else doc.lineTo(xAt(i), yAt(p.coverageBp));
    started = true;
  });
  if (started) doc.lineWidth(1.6).strokeColor("#1f5fa8").stroke();
  const last = [...points].reverse().find((p) => p.coverageBp !== null);
  if (last?.coverageBp != null) {
    const i = points.indexOf(last);
    doc.circle(xAt(i), yAt(last.coverageBp), 2.2).fillColor("#1f5fa8").fill();
    doc.fillColor("#1f5fa8").text(viPercent(last.coverageBp), xAt(i) - 40, yAt(last.coverageBp) + 4, {
      width: 40,
      align: "right",
      lineBreak: false,
    });
  }
  doc.restore();
}
