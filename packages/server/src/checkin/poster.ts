// Venue posters as PDF: an A4 poster (QR code 16 x 16 cm) and an A6 table sign, with the venue name, address,
// category and the Vietnamese instruction, in Be Vietnam Pro (full Vietnamese coverage).
import QRCode from "qrcode";
import { createPdf, type PdfDoc } from "../platform/pdf.ts";

/** Points per centimetre (PDF user space is 1/72 inch). */
export const PT_PER_CM = 72 / 2.54;
/** Side of the QR code (modules + quiet zone) on each format, in cm. */
export const QR_SIDE_CM = { a4: 16, a6: 8 } as const;
export const INSTRUCTION_VI = "Quét mã để ghi nhận ra/vào";
export const INSTRUCTION_EN = "Scan to record your entry/exit";

export type PosterFormat = keyof typeof QR_SIDE_CM;

/** What a poster shows. */
export interface PosterContent {
  url: string;
  name: string;
  address: string;
  categoryVi: string;
}

/** Draws the QR code of `text` as filled squares, quiet zone included, in a `side` x `side` pt square. */
export function drawQr(doc: PdfDoc, text: string, x: number, y: number, side: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = side / (n + 2 * quiet);
  doc.save().rect(x, y, side, side).fill("#ffffff");
  doc.fillColor("#000000");
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
  doc.fill("#000000").restore();
}

/** Renders the A4 poster or the A6 table sign. */
export function renderPoster(content: PosterContent, format: PosterFormat): Promise<Uint8Array> {
  const { doc, bytes } = createPdf({
    size: format === "a4" ? "A4" : "A6",
    margin: 0,
    info: { Title: `${content.name} - QR`, Author: "Bluezone" },
  });
  const pageWidth = doc.page.width;
  const scale = format === "a4" ? 1 : 0.5;
  const margin = 36 * scale;
  const width = pageWidth - 2 * margin;
  doc
    .font("bold")
    .fontSize(30 * scale)
    .fillColor("#0b5394")
    .text(INSTRUCTION_VI, margin, margin * 1.2, { width, align: "center" });
  doc
    .font("regular")
    .fontSize(14 * scale)
    .fillColor("#444444")
    .text(INSTRUCTION_EN, { width, align: "center" });
  const side = QR_SIDE_CM[format] * PT_PER_CM;
  const qrY = doc.y + 12 * scale;
  drawQr(doc, content.url, (pageWidth - side) / 2, qrY, side);
  doc
    .font("bold")
    .fontSize(24 * scale)
    .fillColor("#000000")
    .text(content.name, margin, qrY + side + 12 * scale, { width, align: "center" });
  doc
    .font("regular")
    .fontSize(13 * scale)
    .fillColor("#222222")
    .text(content.address, { width, align: "center" });
  doc
    .fontSize(12 * scale)
    .fillColor("#555555")
    .text(content.categoryVi, { width, align: "center" });
  doc.end();
  return bytes;
}
