import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectCommand } from "./inspect.ts";

const vector = (name: string) =>
  fileURLToPath(new URL(`../../../../../shared/gaen-vectors/${name}`, import.meta.url));

interface KeyJson {
  keyData: string;
  rollingStartIntervalNumber: number;
  rollingStartTime: string;
  rollingPeriod: number;
  transmissionRiskLevel?: number;
}
interface Dump {
  type: string;
  exportBin?: {
    region: string;
    keyCount: number;
    startTime: string;
    keys: KeyJson[];
    signatureInfos: unknown[];
  };
  exportSig?: { signatures: { signatureInfo: unknown; signature: string }[] };
}

describe("inspect", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bz-cli-inspect-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("dumps a signed zip with every key field and the signature", async () => {
    const r = await inspectCommand(vector("ens_testExport-2-records-1-of-1.zip"));
    expect(r.exitCode).toBe(0);
    const dump = JSON.parse(r.stdout) as Dump;
    expect(dump.type).toBe("export.zip");
    expect(dump.exportBin?.startTime).toBe("2020-05-22T15:00:00.000Z");
    expect(dump.exportBin?.keys).toEqual([
      {
        keyData: "Fy/EgOWYSQw0F3YEM5sVQw==",
        rollingStartIntervalNumber: 2649980,
        rollingStartTime: "2020-05-20T15:20:00.000Z",
        rollingPeriod: 1,
        transmissionRiskLevel: 8,
      },
      {
        keyData: "K2MFOsSDI43hdhaehh89zQ==",
        rollingStartIntervalNumber: 2649866,
        rollingStartTime: "2020-05-19T20:20:00.000Z",
        rollingPeriod: 114,
        transmissionRiskLevel: 1,
      },
    ]);
    expect(dump.exportSig?.signatures[0]?.signatureInfo).toEqual({
      verificationKeyVersion: "1",
      verificationKeyId: "some_id",
      signatureAlgorithm: "1.2.840.10045.4.3.2",
    });
    expect(dump.exportSig?.signatures[0]?.signature).toMatch(/^MEY/); // base64 of DER 0x30 0x46 ...
  });

  it("detects a bare export.bin by its header", async () => {
    const r = await inspectCommand(vector("internals_cpp_testdata_export.bin"));
    expect(r.exitCode).toBe(0);
    const dump = JSON.parse(r.stdout) as Dump;
    expect(dump.type).toBe("export.bin");
    expect(dump.exportBin?.keyCount).toBe(200);
    expect(dump.exportBin?.keys).toHaveLength(200);
    expect(dump.exportSig).toBeUndefined();
  });

  it("exits 1 with one line on corrupted or unknown files", async () => {
    const bin = readFileSync(vector("internals_app_raw_export.bin"));
    const cases: [string, Uint8Array, RegExp][] = [
      ["cut.bin", bin.subarray(0, bin.length - 5), /invalid file: export.bin: malformed protobuf/],
      [
        "cut.zip",
        readFileSync(vector("internals_sample_diagnosis_key_file.zip")).subarray(0, 900),
        /export zip/,
      ],
      ["random.dat", new Uint8Array([1, 2, 3, 4, 5]), /neither a zip nor an export.bin/],
    ];
    for (const [name, bytes, pattern] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const r = await inspectCommand(path);
      expect(r.exitCode, name).toBe(1);
      expect(r.stdout, name).toBe("");
      expect(r.stderr, name).toMatch(pattern);
      expect(r.stderr.trim().split("\n"), name).toHaveLength(1);
    }
  });

  it("exits 2 when the file cannot be read", async () => {
    const r = await inspectCommand(join(dir, "missing.zip"));
    expect(r.exitCode).toBe(2);
  });
});
