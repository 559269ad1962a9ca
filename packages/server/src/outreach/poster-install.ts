// Install posters as PDF (A4 and A3): "Cài đặt Bluezone", a big QR code to the install page with the
// poster's source, three steps and the privacy promise - Be Vietnam Pro and the QR drawing of checkin/poster.ts.
import { drawQr, PT_PER_CM } from "../checkin/poster.ts";
import { createPdf } from "../platform/pdf.ts";

export const INSTALL_POSTER_SIZES = ["A4", "A3"] as const;
export type InstallPosterSize = (typeof INSTALL_POSTER_SIZES)[number];
/** Side of the QR code (quiet zone included) per paper size, in cm. */
export const INSTALL_QR_SIDE_CM: Record<InstallPosterSize, number> = { A4: 15, A3: 21 };

export const INSTALL_TITLE_VI = "Cài đặt Bluezone";
export const INSTALL_CALL_VI = "Quét mã QR để cài đặt – bảo vệ mình, bảo vệ cộng đồng";
export const INSTALL_CALL_EN = "Scan the QR code to install Bluezone";
export const INSTALL_STEPS_VI = [
  "1. Mở camera điện thoại và quét mã QR.",
  "2. Tải Bluezone từ App Store hoặc Google Play.",
  "3. Mở ứng dụng, bật Bluetooth và cho phép thông báo tiếp xúc.",
];
export const PRIVACY_VI =
  "Bluezone không thu thập vị trí hay danh tính của bạn. Nhật ký tiếp xúc chỉ lưu trên điện thoại của bạn.";

/** Renders the install poster whose QR code encodes `url` (the landing page with the poster's `src`). */
export function renderInstallPoster(url: string, size: InstallPosterSize): Promise<Uint8Array> {
  const { doc, bytes } = createPdf({
    size,
    margin: 0,
    info: { Title: `${INSTALL_TITLE_VI} - ${size}`, Author: "Bluezone" },
  });
  const pageWidth = doc.page.width;
  const k = size === "A4" ? 1 : Math.SQRT2;
  const margin = 42 * k;
  const width = pageWidth - 2 * margin;
  doc.rect(0, 0, pageWidth, 8 * k).fill("#0b5394");
  doc
    .font("bold")
    .fontSize(40 * k)
    .fillColor("#0b5394")
    .text(INSTALL_TITLE_VI, margin, margin, { width, align: "center" });
  doc
    .font("bold")
    .fontSize(17 * k)
    .fillColor("#1a1a1a")
    .text(INSTALL_CALL_VI, { width, align: "center" });
  doc
    .font("regular")
    .fontSize(12 * k)
    .fillColor("#555555")
    .text(INSTALL_CALL_EN, { width, align: "center" });
  const side = INSTALL_QR_SIDE_CM[size] * PT_PER_CM;
  const qrY = doc.y + 14 * k;
  drawQr(doc, url, (pageWidth - side) / 2, qrY, side);
  doc
    .font("regular")
    .fontSize(10 * k)
    .fillColor("#444444")
    .text(url, margin, qrY + side + 6 * k, { width, align: "center" });
  doc.moveDown(0.8);
  doc
    .font("regular")
    .fontSize(14 * k)
    .fillColor("#1a1a1a");
  for (const step of INSTALL_STEPS_VI) doc.text(step, margin + 30 * k, doc.y, { width: width - 60 * k });
  doc.moveDown(0.8);
  doc
    .font("bold")
    .fontSize(12 * k)
    .fillColor("#137333")
    .text("Cam kết quyền riêng tư", margin, doc.y, { width, align: "center" });
  doc
    .font("regular")
    .fontSize(11 * k)
    .fillColor("#333333")
    .text(PRIVACY_VI, { width, align: "center" });
  doc.end();
  return bytes;
}
