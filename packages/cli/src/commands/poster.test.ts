import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { posterInstallCommand } from "./poster.ts";

const dir = mkdtempSync(join(tmpdir(), "bz-cli-poster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bluezone poster install", () => {
  it("writes an A3 PDF whose QR targets PUBLIC_BASE_URL/cai-dat with the source", async () => {
    const out = join(dir, "hn01.pdf");
    const result = await posterInstallCommand({
      size: "a3",
      src: "poster-hn01",
      out,
      env: { PUBLIC_BASE_URL: "https://bluezone.gov.vn" },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("https://bluezone.gov.vn/cai-dat?src=poster-hn01");
    const pdf = readFileSync(out).toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf).toContain("/MediaBox [0 0 841.89 1190.55]");
  });

  it("refuses an unknown size or source", async () => {
    expect((await posterInstallCommand({ size: "A5", out: join(dir, "x.pdf"), env: {} })).exitCode).toBe(2);
    expect((await posterInstallCommand({ src: "tv-1", out: join(dir, "x.pdf"), env: {} })).exitCode).toBe(2);
  });
});
