import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exportOnceCommand, issueCodeCommand } from "./key-server.ts";

// Runs against PGlite in a temporary DATA_DIR (the commands open the configured database themselves).
describe("bluezone issue-code / export --once", () => {
  const dirs: string[] = [];
  const envFor = async () => {
    const dir = await mkdtemp(join(tmpdir(), "bz-cli-"));
    dirs.push(dir);
    return { ...process.env, DATABASE_URL: "", DATA_DIR: dir, DEMO_MODE: "true", NODE_ENV: "test" };
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("issues an 8-digit code and a 16-character long code", async () => {
    const result = await issueCodeCommand({ type: "confirmed", env: await envFor() });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/verification code: \d{8} /);
    expect(result.stdout).toMatch(/long code \(SMS link\): +\S{16} /);
  });

  it("refuses an unknown test type with a usage error", async () => {
    const result = await issueCodeCommand({ type: "positive", env: await envFor() });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("close_contact");
  });

  it("runs the export once on an empty database and writes no file", async () => {
    const result = await exportOnceCommand(await envFor());
    expect(result.exitCode).toBe(0);
    // No keys were uploaded: either no window was due, or the due window closed without a file.
    expect(result.stdout).toMatch(
      /^(nothing to export \(no closed window with keys\)|VN: window .* closed with no keys \(no file\))$/,
    );
  });
});
