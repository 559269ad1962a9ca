import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToHex, concatBytes, hexToBytes, utf8 } from "../bytes.ts";
import { DecodeError, ProtocolError } from "../errors.ts";
import { exportFileArb } from "./export-arbitraries.testutil.ts";
import { decodeExportBin, encodeExportBin, hasExportBinHeader } from "./export-bin.ts";
import {
  APP_RAW_BIN,
  CPP_BIN,
  ENS_ZIP,
  INTERNALS_ZIP,
  vectorBytes,
  vectorText,
} from "./gaen-fixtures.testutil.ts";
import { ECDSA_P256_SHA256_OID, type ExportFile, MAX_KEYS_PER_BATCH, ReportType } from "./types.ts";
import { readExportZip } from "./zip.ts";

const compareBytes = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
};

describe("decodeExportBin on the official fixtures", () => {
  it("internals sample zip: 140 keys, US, batch 1/1, key 310/v1, keys sorted, default rolling period", () => {
    const file = decodeExportBin(readExportZip(vectorBytes(INTERNALS_ZIP)).exportBin);
    expect(file.keys).toHaveLength(140);
    expect(file.revisedKeys).toHaveLength(0);
    expect([file.region, file.startTimestamp, file.endTimestamp, file.batchNum, file.batchSize]).toEqual([
      "US",
      1593633600,
      1593633900,
      1,
      1,
    ]);
    expect(file.signatureInfos).toEqual([
      { verificationKeyVersion: "v1", verificationKeyId: "310", signatureAlgorithm: ECDSA_P256_SHA256_OID },
    ]);
    for (const k of file.keys) {
      expect(k.keyData).toHaveLength(16);
      expect(k.rollingPeriod).toBe(144);
      expect(k.transmissionRiskLevel).toBeGreaterThanOrEqual(3);
      expect(k.transmissionRiskLevel).toBeLessThanOrEqual(8);
      expect(k.reportType).toBeUndefined();
    }
    for (let i = 1; i < file.keys.length; i++) {
      expect(compareBytes(file.keys[i - 1]!.keyData, file.keys[i]!.keyData)).toBeLessThan(0);
    }
  });

  it("app raw export.bin: 110 keys, US, skips the legacy SignatureInfo field 2, has the round-trip key", () => {
    const bytes = vectorBytes(APP_RAW_BIN);
    expect(hasExportBinHeader(bytes)).toBe(true);
    const file = decodeExportBin(bytes);
    expect(file.keys).toHaveLength(110);
    expect([file.region, file.startTimestamp, file.endTimestamp, file.batchNum, file.batchSize]).toEqual([
      "US",
      1588885200,
      1588890000,
      1,
      1,
    ]);
    expect(file.signatureInfos).toEqual([{}]);
    expect(file.keys.map((k) => bytesToHex(k.keyData))).toContain("2b714d3ec93c14e5d345003e59027aea");
  });

  it("cpp testdata export.bin: 200 keys, US, some transmission risk 0", () => {
    const file = decodeExportBin(vectorBytes(CPP_BIN));
    expect(file.keys).toHaveLength(200);
    expect([file.region, file.startTimestamp, file.endTimestamp]).toEqual(["US", 1588425586, 1588857586]);
    expect(file.signatureInfos).toEqual([{}]);
    expect(file.keys.some((k) => k.transmissionRiskLevel === 0)).toBe(true);
  });

  it("ens test export: the two keys of keys.json with their metadata", () => {
    const file = decodeExportBin(readExportZip(vectorBytes(ENS_ZIP)).exportBin);
    expect([file.region, file.startTimestamp, file.endTimestamp, file.batchNum, file.batchSize]).toEqual([
      "US",
      1590159600,
      1590246000,
      1,
      1,
    ]);
    expect(file.signatureInfos).toEqual([
      {
        verificationKeyVersion: "1",
        verificationKeyId: "some_id",
        signatureAlgorithm: ECDSA_P256_SHA256_OID,
      },
    ]);
    const json = JSON.parse(vectorText("ens_testExport_keys.json")) as {
      temporaryExposureKeys: {
        key: string;
        rollingStartNumber: number;
        rollingPeriod: number;
        transmissionRisk: number;
      }[];
    };
    const expected = json.temporaryExposureKeys.map((k) => ({
      keyData: base64ToBytes(k.key),
      rollingStartIntervalNumber: k.rollingStartNumber,
      rollingPeriod: k.rollingPeriod,
      transmissionRiskLevel: k.transmissionRisk,
    }));
    expect(file.keys).toEqual(expected);
  });

  it("re-encoding a decoded Google export reproduces its bytes exactly", () => {
    for (const zip of [ENS_ZIP, INTERNALS_ZIP]) {
      const bin = readExportZip(vectorBytes(zip)).exportBin;
      expect(bytesToHex(encodeExportBin(decodeExportBin(bin)))).toBe(bytesToHex(bin));
    }
  });
});

describe("encodeExportBin wire format", () => {
  const file: ExportFile = {
    startTimestamp: 1650000000,
    endTimestamp: 1650003600,
    region: "VN",
    batchNum: 1,
    batchSize: 2,
    signatureInfos: [
      { verificationKeyVersion: "v1", verificationKeyId: "452", signatureAlgorithm: ECDSA_P256_SHA256_OID },
    ],
    keys: [
      {
        keyData: new Uint8Array(16).fill(0x11),
        rollingStartIntervalNumber: 2650000,
        rollingPeriod: 144,
        reportType: ReportType.CONFIRMED_TEST,
        daysSinceOnsetOfSymptoms: -1,
      },
      {
        keyData: new Uint8Array(16).fill(0x22),
        rollingStartIntervalNumber: 2650144,
        rollingPeriod: 72,
        transmissionRiskLevel: 5,
        daysSinceOnsetOfSymptoms: 7,
      },
    ],
    revisedKeys: [],
  };
  // Built by hand from export.proto: header, fixed64 timestamps (LE), region, batch 1/2, SignatureInfo
  // fields 3-5, then keys; rolling_period 144 is left to its default; days since onset is zigzag
  // (-1 -> 0x01, 7 -> 0x0e).
  const expectedHex =
    "454b204578706f72742076312020202009800059620000000011900e5962000000001a02564e20012802321e1a027631220334" +
    "35322a13312e322e3834302e31303034352e342e332e323a1b0a10111111111111111111111111111111111890dfa10128013001" +
    "3a1d0a1022222222222222222222222222222222100518a0e0a1012048300e";

  it("matches a hand-built encoding byte for byte", () => {
    expect(bytesToHex(encodeExportBin(file))).toBe(expectedHex);
  });

  it("decodes the hand-built bytes back, with rolling period 144 from the proto default", () => {
    expect(decodeExportBin(hexToBytes(expectedHex))).toEqual(file);
  });

  it("round-trips any valid export file (property)", () => {
    fc.assert(
      fc.property(exportFileArb, (f) => {
        expect(decodeExportBin(encodeExportBin(f))).toStrictEqual(f);
      }),
      { numRuns: 500 },
    );
  });

  it("skips legacy SignatureInfo fields 1-2 and unknown fields anywhere", () => {
    // SignatureInfo {1: "app", 2: "com.example", 99: varint 7, 4: "k"}, key with unknown field 15, top-level field 20.
    const sig = hexToBytes(`0a03617070120b636f6d2e6578616d706c65980607${"2201" + "6b"}`);
    const key = concatBytes(hexToBytes("0a10"), new Uint8Array(16).fill(7), hexToBytes("1801780f"));
    const body = concatBytes(
      hexToBytes(`32${sig.length.toString(16).padStart(2, "0")}`),
      sig,
      hexToBytes(`3a${key.length.toString(16).padStart(2, "0")}`),
      key,
      hexToBytes("a00101"),
    );
    const decoded = decodeExportBin(concatBytes(utf8("EK Export v1    "), body));
    expect(decoded.signatureInfos).toEqual([{ verificationKeyId: "k" }]);
    expect(decoded.keys).toEqual([
      { keyData: new Uint8Array(16).fill(7), rollingStartIntervalNumber: 1, rollingPeriod: 144 },
    ]);
  });
});

describe("rejections", () => {
  const header = utf8("EK Export v1    ");
  const key16 = new Uint8Array(16);

  it("rejects a wrong or missing header with DecodeError", () => {
    const good = vectorBytes(APP_RAW_BIN);
    const bad = good.slice();
    bad[13] = 0x32; // "v2"
    expect(() => decodeExportBin(bad)).toThrow(DecodeError);
    expect(() => decodeExportBin(good.subarray(0, 10))).toThrow(/header/);
    expect(() => decodeExportBin(new Uint8Array(0))).toThrow(DecodeError);
  });

  it("rejects keys that are not 16 bytes or have an impossible rolling period", () => {
    const shortKey = concatBytes(header, hexToBytes("3a050a03010203"));
    expect(() => decodeExportBin(shortKey)).toThrow(/key_data must be 16 bytes/);
    const zeroPeriod = concatBytes(header, hexToBytes("3a14"), hexToBytes("0a10"), key16, hexToBytes("2000"));
    expect(() => decodeExportBin(zeroPeriod)).toThrow(/rolling_period/);
  });

  it("treats an out-of-range report_type as an unknown field (proto2 closed enum), not as a value", () => {
    const withReport = (v: string) =>
      decodeExportBin(
        concatBytes(header, hexToBytes("3a14"), hexToBytes("0a10"), key16, hexToBytes(`28${v}`)),
      );
    expect(withReport("04").keys[0]!.reportType).toBe(ReportType.RECURSIVE);
    expect(withReport("06").keys[0]).toEqual({
      keyData: key16,
      rollingStartIntervalNumber: 0,
      rollingPeriod: 144,
    });
  });

  it("refuses more than MAX_KEYS_PER_BATCH keys before materialising them", () => {
    const tooMany = new Uint8Array(16 + 2 * (MAX_KEYS_PER_BATCH + 1));
    tooMany.set(header);
    for (let i = 16; i < tooMany.length; i += 2) tooMany[i] = i % 4 ? 0x42 : 0x3a; // empty keys / revised keys
    expect(() => decodeExportBin(tooMany)).toThrow(/more than 1000000 keys/);
  });

  it("rejects a truncated protobuf with DecodeError", () => {
    const good = vectorBytes(CPP_BIN);
    expect(() => decodeExportBin(good.subarray(0, good.length - 3))).toThrow(DecodeError);
  });

  it("encoding refuses invalid files with ProtocolError", () => {
    const base: ExportFile = {
      startTimestamp: 0,
      endTimestamp: 0,
      region: "VN",
      batchNum: 1,
      batchSize: 1,
      signatureInfos: [],
      keys: [],
      revisedKeys: [],
    };
    const k = { keyData: key16, rollingStartIntervalNumber: 0, rollingPeriod: 144 };
    expect(() => encodeExportBin({ ...base, keys: [{ ...k, keyData: new Uint8Array(15) }] })).toThrow(
      ProtocolError,
    );
    expect(() => encodeExportBin({ ...base, keys: [{ ...k, rollingPeriod: 145 }] })).toThrow(
      /rolling_period/,
    );
    expect(() => encodeExportBin({ ...base, startTimestamp: -1 })).toThrow(/startTimestamp/);
    expect(() => encodeExportBin({ ...base, batchNum: 2 ** 31 })).toThrow(/batch_num/);
    expect(encodeExportBin(base).subarray(0, 16)).toEqual(header);
  });
});
