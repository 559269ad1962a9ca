// The captive-portal install page (pure): tiny server-rendered HTML for public Wi-Fi splash pages and the
// webviews they open in - inline CSS, an inline SVG QR code, no script, no external asset; Vietnamese first.
import QRCode from "qrcode";

/** The QR code of `text` as a compact SVG (one stroked path of horizontal runs, 4-module quiet zone). */
export function qrSvg(text: string, options: { size?: number; title?: string } = {}): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 4;
  const side = n + 2 * quiet;
  let d = "";
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      d += `M${start + quiet} ${r + quiet}.5h${c - start}`;
    }
  }
  const size = options.size ?? 240;
  const title = options.title ? `<title>${escapeHtml(options.title)}</title>` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${size}" height="${size}" ` +
    `shape-rendering="crispEdges" role="img">${title}<rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path stroke="#000" d="${d}"/></svg>`
  );
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);

/** The Google Play link with the Install Referrer carrying the source (the Android app reads it). */
export function androidLink(androidUrl: string, source: string | null): string {
  if (!source) return androidUrl;
  return `${androidUrl}${androidUrl.includes("?") ? "&" : "?"}referrer=${encodeURIComponent(`src=${source}`)}`;
}

export interface PortalPage {
  iosUrl: string;
  androidUrl: string;
  /** The full install page (the QR code's target), with the source. */
  pageUrl: string;
}

const CSS =
  "body{margin:0;font:16px/1.45 system-ui,sans-serif;color:#1a1a1a;background:#f3f7fb}" +
  "main{max-width:26rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;color:#0b5394;margin:.2rem 0}" +
  ".b{display:block;margin:.6rem 0;padding:.8rem;border-radius:.6rem;background:#0b5394;color:#fff;" +
  "text-align:center;font-weight:600;text-decoration:none}.b.g{background:#137333}" +
  "ol{padding-left:1.3rem}.q{text-align:center;margin:1rem 0}.q svg{max-width:60%;height:auto}" +
  ".p{font-size:.9rem;background:#fff;border-left:4px solid #137333;padding:.5rem .7rem}" +
  "small{color:#555}";

/**
 * The captive-portal page. Its only absolute URLs are the two store links and the QR code's target
 * (drawn, not linked); the SVG namespace is an identifier, never fetched.
 */
export function renderPortalPage(page: PortalPage): string {
  const qr = qrSvg(page.pageUrl, { size: 200, title: "Mã QR trang cài đặt Bluezone" });
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Cài đặt Bluezone</title>
<style>${CSS}</style></head><body><main>
<h1>Cài đặt Bluezone</h1>
<p>Bluezone cảnh báo nếu bạn đã tiếp xúc gần với người nhiễm bệnh. Cài đặt miễn phí, chỉ mất một phút.</p>
<a class="b" href="${escapeHtml(page.androidUrl)}">Tải trên Google Play (Android)</a>
<a class="b g" href="${escapeHtml(page.iosUrl)}">Tải trên App Store (iPhone)</a>
<ol><li>Bấm nút tải phù hợp với điện thoại của bạn.</li><li>Cài đặt và mở ứng dụng Bluezone.</li>
<li>Bật Bluetooth và cho phép thông báo tiếp xúc.</li></ol>
<p class="p"><b>Cam kết quyền riêng tư:</b> Bluezone không thu thập vị trí hay danh tính của bạn. Nhật ký tiếp xúc chỉ lưu trên điện thoại của bạn.</p>
<div class="q">${qr}<br><small>Đang dùng máy tính? Quét mã bằng điện thoại.</small></div>
<p lang="en"><small>Install Bluezone: exposure notifications that keep your data on your phone. Tap the store button for your phone.</small></p>
</main></body></html>`;
}
