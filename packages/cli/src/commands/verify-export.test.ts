import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyExportCommand } from "./verify-export.ts";

const vector = (name: string) =>
  fileURLToPath(new URL(`../../../../../shared/gaen-vectors/${name}`, import.meta.url));
const INTERNALS_ZIP = vector("internals_sample_diagnosis_key_file.zip");
const INTERNALS_PEM = vector("internals_sample_zip_pubkey_310-v1.pem");
const ENS_ZIP = vector("ens_testExport-2-records-1-of-1.zip");
const ENS_PEM = vector("ens_testExport_public.pem");

describe("verify-export", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bz-cli-verify-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints the batch metadata of a good zip and exits 0", async () => {
    const r = await verifyExportCommand(INTERNALS_ZIP, { pubkey: [ENS_PEM, INTERNALS_PEM] });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("region:     US");
    expect(r.stdout).toContain("start:      2020-07-01T20:00:00.000Z (1593633600)");
    expect(r.stdout).toContain("end:        2020-07-01T20:05:00.000Z (1593633900)");
    expect(r.stdout).toContain("batch:      1/1");
    expect(r.stdout).toContain("keys:       140 (+0 revised)");
    expect(r.stdout).toContain('signed by:  key id "310", version "v1", algorithm 1.2.840.10045.4.3.2');
    expect(r.stdout).toContain("verified:   OK with --pubkey #2 (internals_sample_zip_pubkey_310-v1.pem)");
  });

  it("accepts a single --pubkey string and inline PEM text", async () => {
    const r = await verifyExportCommand(ENS_ZIP, { pubkey: readFileSync(ENS_PEM, "utf8") });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("keys:       2 (+0 revised)");
    expect(r.stdout).toContain("inline key #1");
  });

  it("exits 1 with one line when the signature does not verify (wrong key)", async () => {
    const r = await verifyExportCommand(ENS_ZIP, { pubkey: [INTERNALS_PEM] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^verify-export: .*signature check failed: signature does not verify/);
    expect(r.stdout).toContain("region:     US"); // metadata is still shown
  });

  it("exits 1 when the zip is corrupted (flipped byte, truncated, not a zip)", async () => {
    const good = readFileSync(INTERNALS_ZIP);
    const cases: [string, Uint8Array, RegExp][] = [
      ["flipped.zip", good.map((b, i) => (i === 200 ? b ^ 0x40 : b)), /invalid export file/],
      ["truncated.zip", good.subarray(0, 1000), /invalid export file: export zip/],
      ["garbage.zip", new TextEncoder().encode("hello world, not a zip at all"), /not a zip/],
    ];
    for (const [name, bytes, pattern] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const r = await verifyExportCommand(path, { pubkey: [INTERNALS_PEM] });
      expect(r.exitCode, name).toBe(1);
      expect(r.stderr, name).toMatch(pattern);
      expect(r.stderr.trim().split("\n"), name).toHaveLength(1);
    }
  });

  it("exits 1 when export.bin was altered but the zip itself is consistent", async () => {
    const { readExportZip, writeExportZip } = await import("@bluezone/protocol");
    const archive = readExportZip(new Uint8Array(readFileSync(ENS_ZIP)));
    const bin = archive.exportBin.slice();
    bin[bin.length - 1]! ^= 0x01; // last key's rolling period 114 -> 115: still a valid file
    const path = join(dir, "altered.zip");
    writeFileSync(path, writeExportZip({ exportBin: bin, exportSig: archive.exportSig }));
    const r = await verifyExportCommand(path, { pubkey: [ENS_PEM] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/signature does not verify/);
  });

  it("exits 2 on usage and I/O problems", async () => {
    expect((await verifyExportCommand(ENS_ZIP, {})).exitCode).toBe(2);
    const missing = await verifyExportCommand(join(dir, "nope.zip"), { pubkey: [ENS_PEM] });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/ENOENT/);
    const badPem = join(dir, "bad.pem");
    writeFileSync(badPem, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    const r = await verifyExportCommand(ENS_ZIP, { pubkey: [badPem] });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--pubkey #1 \(bad.pem\)/);
  });
});
