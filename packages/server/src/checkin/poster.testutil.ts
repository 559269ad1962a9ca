// Test helper: renders a PDF page to PNG with poppler's pdftoppm and decodes the QR code on it with jsQR.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";

// jsqr is CommonJS with `exports.default`: under NodeNext the default import is the module object.
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: JsQr = (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

/** True when pdftoppm is installed (apt-get install poppler-utils). */
export function hasPdftoppm(): boolean {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Renders page 1 at `dpi` and returns the PNG and the decoded QR text (undefined if none found). */
export function renderAndDecode(pdf: Uint8Array, dpi: number): { png: Uint8Array; text: string | undefined } {
  const dir = mkdtempSync(join(tmpdir(), "bz-poster-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      String(dpi),
      "-singlefile",
      join(dir, "in.pdf"),
      join(dir, "out"),
    ]);
    const png = readFileSync(join(dir, "out.png"));
    const image = PNG.sync.read(png);
    const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    return { png: new Uint8Array(png), text: found?.data };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
