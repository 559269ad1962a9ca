import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasPdftoppm, renderAndDecode } from "../checkin/poster.testutil.ts";
import { INSTALL_TITLE_VI, PRIVACY_VI, renderInstallPoster } from "./poster-install.ts";

const URL_ = "https://bluezone.example.vn/cai-dat?src=poster-hn01";
const ARTIFACTS = new URL("../../../../test-artifacts/outreach/", import.meta.url);

/** The text pdftotext reads back, when poppler is installed. */
async function pdfText(pdf: Uint8Array): Promise<string | null> {
  const { execFileSync } = await import("node:child_process");
  try {
    return execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString("utf8");
  } catch {
    return null;
  }
}

describe("renderInstallPoster", () => {
  it("makes one-page A4 and A3 PDFs with Be Vietnam Pro embedded", async () => {
    for (const [size, box] of [
      ["A4", "595.28 841.89"],
      ["A3", "841.89 1190.55"],
    ] as const) {
      const pdf = Buffer.from(await renderInstallPoster(URL_, size));
      const text = pdf.toString("latin1");
      expect(text.startsWith("%PDF-")).toBe(true);
      expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
      expect(text).toContain(`/MediaBox [0 0 ${box}]`);
      expect(text).toMatch(/BeVietnamPro/);
    }
  });

  it.skipIf(!hasPdftoppm())(
    "renders a QR that decodes to the landing URL and text with diacritics",
    async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      for (const [size, dpi] of [
        ["A4", 72],
        ["A3", 60],
      ] as const) {
        const pdf = await renderInstallPoster(URL_, size);
        const { png, text } = renderAndDecode(pdf, dpi);
        writeFileSync(new URL(`install-poster-${size}.png`, ARTIFACTS), png);
        expect(text).toBe(URL_);
        const words = await pdfText(pdf);
        if (words !== null) {
          const flat = words.replace(/\s+/g, " ");
          expect(flat).toContain(INSTALL_TITLE_VI);
          expect(flat).toContain("Quét mã QR để cài đặt");
          expect(flat).toContain(PRIVACY_VI.slice(0, 40));
        }
      }
    },
  );
});
