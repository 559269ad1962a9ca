import { createHash } from "node:crypto";
import { type ExportKey, ReportType } from "@bluezone/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareKeyData,
  exportFilePath,
  exportFiles,
  exportFolder,
  exportSignatureInfo,
  fileCount,
  indexPath,
  nextExportWindow,
  padBatch,
  type RandomSource,
  renderIndex,
  sortByKeyData,
  splitBatch,
  uniformInt,
} from "./model.ts";

/** Deterministic random source for tests: SHA-256 counter stream. */
function seeded(seed: string): RandomSource {
  let counter = 0;
  let pool = new Uint8Array(0);
  return (n) => {
    while (pool.length < n) {
      const block = createHash("sha256").update(`${seed}:${counter++}`).digest();
      const next = new Uint8Array(pool.length + block.length);
      next.set(pool);
      next.set(block, pool.length);
      pool = next;
    }
    const out = pool.slice(0, n);
    pool = pool.slice(n);
    return out;
  };
}

const key = (byte: number, extra: Partial<ExportKey> = {}): ExportKey => ({
  keyData: new Uint8Array(16).fill(byte),
  rollingStartIntervalNumber: 2_650_032,
  rollingPeriod: 144,
  ...extra,
});

const arbKey = fc.record({
  keyData: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  rollingStartIntervalNumber: fc.integer({ min: 0, max: 3_000_000 }),
  rollingPeriod: fc.integer({ min: 1, max: 144 }),
});

const hex = (k: ExportKey) => Buffer.from(k.keyData).toString("hex");
const H = 3_600_000;

describe("nextExportWindow", () => {
  const at = (iso: string) => new Date(iso);

  it("closes the last full period once the close delay has passed", () => {
    const w = nextExportWindow({
      lastEnd: null,
      now: at("2025-03-01T10:07:00Z"),
      periodMs: H,
      closeDelayMs: 300_000,
    });
    expect(w).toEqual({ start: at("2025-03-01T09:00:00Z"), end: at("2025-03-01T10:00:00Z") });
    // Within the delay the window ending at 10:00 is not closed yet.
    const early = nextExportWindow({
      lastEnd: null,
      now: at("2025-03-01T10:03:00Z"),
      periodMs: H,
      closeDelayMs: 300_000,
    });
    expect(early?.end).toEqual(at("2025-03-01T09:00:00Z"));
  });

  it("continues from the last batch and catches up missed periods in one window", () => {
    const lastEnd = at("2025-03-01T04:00:00Z");
    const w = nextExportWindow({ lastEnd, now: at("2025-03-01T10:30:00Z"), periodMs: H, closeDelayMs: 0 });
    expect(w).toEqual({ start: lastEnd, end: at("2025-03-01T10:00:00Z") });
    expect(
      nextExportWindow({
        lastEnd: at("2025-03-01T10:00:00Z"),
        now: at("2025-03-01T10:59:59Z"),
        periodMs: H,
        closeDelayMs: 0,
      }),
    ).toBeNull();
  });
});

describe("paths and index", () => {
  it("names files by window end and batch position inside the region folder", () => {
    const folder = exportFolder("exposureKeyExport", "VN");
    expect(folder).toBe("exposureKeyExport-VN");
    expect(indexPath(folder)).toBe("exposureKeyExport-VN/index.txt");
    expect(exportFilePath(folder, 1_740_823_200, 2, 3)).toBe("exposureKeyExport-VN/1740823200-2-of-3.zip");
  });

  it("renders one path per line, oldest first", () => {
    expect(renderIndex(["a/1-1-of-1.zip", "a/2-1-of-1.zip"])).toBe("a/1-1-of-1.zip\na/2-1-of-1.zip\n");
    expect(renderIndex([])).toBe("");
  });
});

describe("compareKeyData", () => {
  it("orders bytes unsigned, like PostgreSQL bytea", () => {
    expect(compareKeyData(Uint8Array.of(0x7f), Uint8Array.of(0x80))).toBeLessThan(0);
    expect(compareKeyData(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(0);
    expect(compareKeyData(Uint8Array.of(1), Uint8Array.of(1, 0))).toBeLessThan(0);
  });
});

describe("sortByKeyData", () => {
  const naive = (keys: ExportKey[]) => [...keys].sort((a, b) => Buffer.compare(a.keyData, b.keyData));

  it("matches a plain byte-wise sort, also when many keys share their first bytes", () => {
    // Prefix bytes drawn from a tiny alphabet force long runs of equal 4-byte prefixes (the slow path).
    const arbPrefixedKey = fc
      .tuple(
        fc.uint8Array({ minLength: 4, maxLength: 4, min: 0, max: 2 }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
      )
      .map(([head, tail]) => key(0, { keyData: Uint8Array.from([...head, ...tail]) }));
    fc.assert(
      fc.property(fc.array(fc.oneof(arbKey, arbPrefixedKey), { minLength: 0, maxLength: 400 }), (keys) => {
        expect(sortByKeyData(keys).map(hex)).toEqual(naive(keys).map(hex));
      }),
      { numRuns: 200 },
    );
  });

  it("sorts unsigned (0x80 after 0x7f) and keeps duplicates", () => {
    const keys = Array.from({ length: 100 }, (_, i) => key(i % 2 === 0 ? 0x80 : 0x7f));
    const sorted = sortByKeyData(keys);
    expect(sorted.slice(0, 50).every((k) => k.keyData[0] === 0x7f)).toBe(true);
    expect(sorted.slice(50).every((k) => k.keyData[0] === 0x80)).toBe(true);
  });
});

describe("uniformInt", () => {
  it("stays in range and rejects biased draws", () => {
    const draws = [Uint8Array.of(255, 255, 255, 255), Uint8Array.of(0, 0, 0, 7)];
    // 0xffffffff is in the biased tail for n = 10 (2^32 mod 10 = 6), so it is rejected and 7 is used.
    expect(uniformInt(() => draws.shift()!, 10)).toBe(7);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.string(), (n, seed) => {
        const v = uniformInt(seeded(seed), n);
        return v >= 0 && v < n && Number.isInteger(v);
      }),
    );
  });
});

describe("padBatch (minimum batch size)", () => {
  it("fills a small batch up to the minimum with fresh random keys", () => {
    const real = [key(1, { reportType: ReportType.CONFIRMED_TEST, transmissionRiskLevel: 4 }), key(2)];
    const padding = padBatch(real, 140, seeded("a"));
    expect(padding).toHaveLength(138);
    const seen = new Set([...real, ...padding].map(hex));
    expect(seen.size).toBe(140); // no padding key repeats a real key or another padding key
    for (const p of padding) expect(p.keyData).toHaveLength(16);
  });

  it("adds nothing to an empty batch or one that is large enough", () => {
    expect(padBatch([], 140, seeded("b"))).toEqual([]);
    const full = Array.from({ length: 140 }, (_, i) => key(i));
    expect(padBatch(full, 140, seeded("b"))).toEqual([]);
    expect(padBatch([key(1)], 0, seeded("b"))).toEqual([]);
  });

  it("copies each padding key's metadata from a real key (the real joint distribution)", () => {
    fc.assert(
      fc.property(fc.array(arbKey, { minLength: 1, maxLength: 20 }), fc.string(), (real, seed) => {
        const withMeta = real.map((k, i) => ({
          ...k,
          transmissionRiskLevel: i % 8,
          reportType: (i % 2 === 0
            ? ReportType.CONFIRMED_TEST
            : ReportType.RECURSIVE) as ExportKey["reportType"],
          daysSinceOnsetOfSymptoms: (i % 29) - 14,
        }));
        const metaOf = (k: ExportKey) =>
          JSON.stringify([
            k.rollingStartIntervalNumber,
            k.rollingPeriod,
            k.transmissionRiskLevel,
            k.reportType,
            k.daysSinceOnsetOfSymptoms,
          ]);
        const allowed = new Set(withMeta.map(metaOf));
        const padding = padBatch(withMeta, 30, seeded(seed));
        expect(padding).toHaveLength(30 - withMeta.length);
        for (const p of padding) expect(allowed.has(metaOf(p))).toBe(true);
      }),
    );
  });

  it("keeps optional metadata absent when the real key has none", () => {
    const [p] = padBatch([key(9)], 2, seeded("c"));
    expect(p).toBeDefined();
    expect(Object.keys(p!).sort()).toEqual(["keyData", "rollingPeriod", "rollingStartIntervalNumber"]);
  });

  it("samples real keys in proportion to their frequency", () => {
    // 3 keys of type RECURSIVE and 1 of CONFIRMED_TEST: padding should be ~75% RECURSIVE.
    const real = [
      key(1, { reportType: ReportType.RECURSIVE }),
      key(2, { reportType: ReportType.RECURSIVE }),
      key(3, { reportType: ReportType.RECURSIVE }),
      key(4, { reportType: ReportType.CONFIRMED_TEST }),
    ];
    const padding = padBatch(real, 4004, seeded("d"));
    const recursive = padding.filter((p) => p.reportType === ReportType.RECURSIVE).length / padding.length;
    expect(recursive).toBeGreaterThan(0.71);
    expect(recursive).toBeLessThan(0.79);
  });
});

describe("splitBatch", () => {
  it("returns no file for an empty batch", () => {
    expect(splitBatch([], [], 10)).toEqual([]);
    expect(fileCount(0, 10)).toBe(0);
  });

  it("sorts keys by key bytes and cuts keys then revised keys into files of at most max", () => {
    const keys = [key(5), key(1), key(200), key(3)];
    const revised = [key(9), key(7)];
    const files = splitBatch(keys, revised, 4);
    expect(
      files.map((f) => [f.keys.map((k) => k.keyData[0]), f.revisedKeys.map((k) => k.keyData[0])]),
    ).toEqual([
      [[1, 3, 5, 200], []],
      [[], [7, 9]],
    ]);
    const seam = splitBatch(keys, revised, 5);
    expect(seam.map((f) => [f.keys.length, f.revisedKeys.length])).toEqual([
      [4, 1],
      [0, 1],
    ]);
  });

  it("keeps every key exactly once, in order, within the file limit", () => {
    fc.assert(
      fc.property(
        fc.array(arbKey, { maxLength: 60 }),
        fc.array(arbKey, { maxLength: 20 }),
        fc.integer({ min: 1, max: 25 }),
        (keys, revised, max) => {
          const files = splitBatch(keys, revised, max);
          expect(files).toHaveLength(fileCount(keys.length + revised.length, max));
          for (const f of files) {
            expect(f.keys.length + f.revisedKeys.length).toBeLessThanOrEqual(max);
            expect(f.keys.length + f.revisedKeys.length).toBeGreaterThan(0);
          }
          const outKeys = files.flatMap((f) => f.keys);
          const outRevised = files.flatMap((f) => f.revisedKeys);
          expect(outKeys.map(hex)).toEqual(keys.map(hex).sort());
          expect(outRevised.map(hex)).toEqual(revised.map(hex).sort());
        },
      ),
    );
  });
});

describe("exportFiles", () => {
  it("numbers the files of a batch and stamps the window and signer", () => {
    const window = { start: new Date("2025-03-01T09:00:00Z"), end: new Date("2025-03-01T10:00:00Z") };
    const info = exportSignatureInfo("452", "v1");
    const files = exportFiles(
      { region: "VN", window, signatureInfo: info },
      splitBatch([key(1), key(2)], [], 1),
    );
    expect(files.map((f) => [f.batchNum, f.batchSize, f.startTimestamp, f.endTimestamp, f.region])).toEqual([
      [1, 2, 1_740_819_600, 1_740_823_200, "VN"],
      [2, 2, 1_740_819_600, 1_740_823_200, "VN"],
    ]);
    expect(files[0]?.signatureInfos).toEqual([
      { verificationKeyId: "452", verificationKeyVersion: "v1", signatureAlgorithm: "1.2.840.10045.4.3.2" },
    ]);
  });
});
