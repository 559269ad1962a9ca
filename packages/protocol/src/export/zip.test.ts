import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { utf8 } from "../bytes.ts";
import { DecodeError } from "../errors.ts";
import { crc32 } from "./crc32.ts";
import { ENS_ZIP, INTERNALS_ZIP, vectorBytes } from "./gaen-fixtures.testutil.ts";
import { readExportZip, writeExportZip } from "./zip.ts";

/** Offset of the central-directory entry whose name is `name`. */
function centralEntry(zip: Uint8Array, name: string): number {
  const want = utf8(name);
  for (let p = zip.length - 46; p >= 0; p--) {
    if (zip[p] === 0x50 && zip[p + 1] === 0x4b && zip[p + 2] === 1 && zip[p + 3] === 2) {
      const n = zip[p + 28]! | (zip[p + 29]! << 8);
      if (n === want.length && want.every((b, i) => zip[p + 46 + i] === b)) return p;
    }
  }
  throw new Error(`no central entry ${name}`);
}

function setU32(zip: Uint8Array, at: number, v: number): void {
  new DataView(zip.buffer, zip.byteOffset).setUint32(at, v, true);
}

const sample = { exportBin: utf8("EK Export v1    some body"), exportSig: new Uint8Array([1, 2, 3]) };

describe("readExportZip", () => {
  it("reads both official zips (Go archive/zip, deflated, data descriptors)", () => {
    const ens = readExportZip(vectorBytes(ENS_ZIP));
    expect([ens.exportBin.length, ens.exportSig.length]).toEqual([135, 115]);
    const internals = readExportZip(vectorBytes(INTERNALS_ZIP));
    expect([internals.exportBin.length, internals.exportSig.length]).toEqual([3854, 111]);
    expect(new TextDecoder().decode(internals.exportBin.subarray(0, 16))).toBe("EK Export v1    ");
  });

  it("agrees with fflate's own unzip on the official zips", () => {
    for (const name of [ENS_ZIP, INTERNALS_ZIP]) {
      const zip = vectorBytes(name);
      const ours = readExportZip(zip);
      const theirs = unzipSync(zip);
      expect(ours.exportBin).toEqual(theirs["export.bin"]);
      expect(ours.exportSig).toEqual(theirs["export.sig"]);
    }
  });

  it("round-trips what writeExportZip writes, and fflate reads it too (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 5000 }),
        fc.uint8Array({ maxLength: 200 }),
        (exportBin, exportSig) => {
          const zip = writeExportZip({ exportBin, exportSig });
          expect(readExportZip(zip)).toEqual({ exportBin, exportSig });
          expect(Object.keys(unzipSync(zip)).sort()).toEqual(["export.bin", "export.sig"]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("writes deterministic bytes (fixed timestamp)", () => {
    expect(writeExportZip(sample)).toEqual(writeExportZip(sample));
  });

  it("reads stored (uncompressed) entries and ignores extra entries", () => {
    const zip = zipSync(
      { "README.txt": utf8("hello"), "export.bin": sample.exportBin, "export.sig": sample.exportSig },
      {
        level: 0,
      },
    );
    expect(readExportZip(zip)).toEqual(sample);
  });

  it("rejects a missing entry, a duplicate entry and an encrypted entry", () => {
    expect(() => readExportZip(zipSync({ "export.bin": sample.exportBin }))).toThrow(/no export.sig/);
    const dup = zipSync({
      "export.bin": sample.exportBin,
      "export.sig": sample.exportSig,
      "export.biN": utf8("x"),
    });
    dup[centralEntry(dup, "export.biN") + 46 + 9] = 0x6e; // rename the third central entry to export.bin
    expect(() => readExportZip(dup)).toThrow(/duplicate entry export.bin/);
    const enc = writeExportZip(sample);
    enc[centralEntry(enc, "export.sig") + 8]! |= 1;
    expect(() => readExportZip(enc)).toThrow(/encrypted/);
  });

  it("rejects corrupted data through the CRC-32 check", () => {
    const zip = zipSync({ "export.bin": sample.exportBin, "export.sig": sample.exportSig }, { level: 0 });
    const stored = zip.findIndex((_, i) => sample.exportBin.every((b, j) => zip[i + j] === b));
    expect(stored).toBeGreaterThan(0);
    zip[stored + 20]! ^= 0x01;
    expect(() => readExportZip(zip)).toThrow(/CRC-32/);
  });

  it("writes zips the Info-ZIP unzip tool accepts", () => {
    const dir = mkdtempSync(join(tmpdir(), "bz-zip-"));
    try {
      writeFileSync(join(dir, "a.zip"), writeExportZip(sample));
      execFileSync("unzip", ["-tq", join(dir, "a.zip")]);
      const bin = execFileSync("unzip", ["-p", join(dir, "a.zip"), "export.bin"]);
      expect(new Uint8Array(bin)).toEqual(sample.exportBin);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops a zip bomb: declared size too large, or inflating past the declared size", () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const bomb = zipSync({ "export.bin": zeros, "export.sig": sample.exportSig }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const liar = bomb.slice();
    setU32(liar, centralEntry(liar, "export.bin") + 24, 1000);
    expect(() => readExportZip(liar)).toThrow(/more than its declared size/);
    const huge = bomb.slice();
    setU32(huge, centralEntry(huge, "export.bin") + 24, 0x7fffffff);
    expect(() => readExportZip(huge)).toThrow(/larger than/);
  });

  it("rejects non-zips, truncations and zip64 markers with DecodeError", () => {
    expect(() => readExportZip(new Uint8Array(10))).toThrow(/too short/);
    expect(() => readExportZip(new Uint8Array(100))).toThrow(/not a zip/);
    const good = vectorBytes(ENS_ZIP);
    for (const cut of [1, 30, 200, good.length - 23]) {
      expect(() => readExportZip(good.subarray(0, cut))).toThrow(DecodeError);
    }
    const z64 = writeExportZip(sample);
    const eocd = z64.length - 22;
    setU32(z64, eocd + 16, 0xffffffff);
    expect(() => readExportZip(z64)).toThrow(/zip64/);
  });
});

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(utf8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});
