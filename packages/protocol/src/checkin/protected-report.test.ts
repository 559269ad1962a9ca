import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, bytesToHex } from "../bytes.ts";
import { DecodeError, ProtocolError } from "../errors.ts";
import { decodeCheckInRecord, encodeCheckInRecord } from "./check-in-record.ts";
import { CWA } from "./cwa-vectors.testutil.ts";
import {
  CHECK_IN_REPORT_LENGTHS,
  decodeCheckInProtectedReport,
  encodeCheckInProtectedReport,
  hasSubmissionLengths,
} from "./protected-report.ts";
import { CheckInProtectedReportType } from "./proto.ts";
import {
  decodeTraceWarningPackage,
  encodeTraceWarningPackage,
  traceWarningIntervalNumber,
} from "./trace-warning-package.ts";
import type { CheckInProtectedReport } from "./types.ts";

const E = CWA.checkInEncryption;
const ALL_REPORTS = E.serializedProtectedReportCases.cases.flatMap((c) => c.reportsBase64);
const RULES = E.serverLengthRules;

function reportOfLengths(lengths: Record<keyof CheckInProtectedReport, number>): CheckInProtectedReport {
  return {
    locationIdHash: new Uint8Array(lengths.locationIdHash).fill(1),
    iv: new Uint8Array(lengths.iv).fill(2),
    encryptedCheckInRecord: new Uint8Array(lengths.encryptedCheckInRecord).fill(3),
    mac: new Uint8Array(lengths.mac).fill(4),
  };
}

describe("CheckInProtectedReport codec", () => {
  for (const r of ALL_REPORTS) {
    it(`decodes and re-encodes ${r.slice(0, 12)}... byte for byte`, () => {
      const bytes = base64ToBytes(r);
      const report = decodeCheckInProtectedReport(bytes);
      expect(report.locationIdHash).toHaveLength(32);
      expect(report.iv).toHaveLength(16);
      expect(bytesToBase64(encodeCheckInProtectedReport(report))).toBe(r);
    });
  }

  it("CHECK_IN_REPORT_LENGTHS are the server's accepted lengths", () => {
    expect({ ...CHECK_IN_REPORT_LENGTHS }).toEqual(RULES.acceptedLengths);
  });

  it("server length rules: accepts 32/16/16/32 and rejects 100, 33 and 0 bytes in every field", () => {
    expect(hasSubmissionLengths(reportOfLengths(RULES.acceptedLengths))).toBe(true);
    for (const field of Object.keys(RULES.acceptedLengths) as (keyof CheckInProtectedReport)[]) {
      for (const n of RULES.rejectedLengths) {
        const r = reportOfLengths({ ...RULES.acceptedLengths, [field]: n });
        expect(hasSubmissionLengths(r)).toBe(false);
        // the decoder refuses these shapes too
        const wire = CheckInProtectedReportType.encode(r).finish();
        expect(() => decodeCheckInProtectedReport(wire)).toThrow(DecodeError);
        expect(() => encodeCheckInProtectedReport(r)).toThrow(ProtocolError);
      }
    }
  });

  it("allows longer ciphertexts of whole AES blocks in decoding, but not for submission", () => {
    const r = reportOfLengths({ ...RULES.acceptedLengths, encryptedCheckInRecord: 32 });
    expect(decodeCheckInProtectedReport(encodeCheckInProtectedReport(r))).toEqual(r);
    expect(hasSubmissionLengths(r)).toBe(false);
  });
});

describe("CheckInRecord codec", () => {
  it("leaves zeros out and round-trips", () => {
    expect(encodeCheckInRecord({ startIntervalNumber: 0, period: 0, transmissionRiskLevel: 0 })).toHaveLength(
      0,
    );
    const r = { startIntervalNumber: 2710445, period: 28, transmissionRiskLevel: 7 };
    expect(bytesToHex(encodeCheckInRecord(r))).toBe("08adb7a501" + "101c" + "1807");
    expect(decodeCheckInRecord(encodeCheckInRecord(r))).toEqual(r);
  });

  it("rejects out-of-range fields and garbage", () => {
    expect(() =>
      encodeCheckInRecord({ startIntervalNumber: -1, period: 1, transmissionRiskLevel: 1 }),
    ).toThrow(ProtocolError);
    expect(() => decodeCheckInRecord(new Uint8Array([0x08, 0xff]))).toThrow(DecodeError);
  });
});

describe("TraceWarningPackage codec", () => {
  const reports = ALL_REPORTS.map((r) => decodeCheckInProtectedReport(base64ToBytes(r)));
  const hour = traceWarningIntervalNumber(Date.UTC(2021, 2, 4, 9, 30));

  it("numbers hourly intervals since the epoch", () => {
    expect(hour).toBe(18690 * 24 + 9); // 2021-03-04 is day 18,690 of the epoch
    expect(traceWarningIntervalNumber(0)).toBe(0);
    expect(() => traceWarningIntervalNumber(-1)).toThrow(ProtocolError);
  });

  it("round-trips a package of the vector reports", () => {
    const pkg = { intervalNumber: hour, region: "VN", checkInProtectedReports: reports };
    const bytes = encodeTraceWarningPackage(pkg);
    expect(decodeTraceWarningPackage(bytes)).toEqual(pkg);
    // field 1 = varint 448569, field 2 = "VN", then the reports as field 4
    expect(bytesToHex(bytes.subarray(0, 9))).toBe("08b9b01b" + "1202564e" + "22");
  });

  it("encodes an empty package as zero bytes and decodes it back", () => {
    const empty = { intervalNumber: 0, region: "", checkInProtectedReports: [] };
    expect(encodeTraceWarningPackage(empty)).toHaveLength(0);
    expect(decodeTraceWarningPackage(new Uint8Array())).toEqual(empty);
  });

  it("fails the whole package on one malformed report", () => {
    const bad = { ...reports[0]!, iv: new Uint8Array(15) };
    expect(() =>
      encodeTraceWarningPackage({ intervalNumber: 1, region: "VN", checkInProtectedReports: [bad] }),
    ).toThrow(ProtocolError);
    const good = encodeTraceWarningPackage({
      intervalNumber: 1,
      region: "VN",
      checkInProtectedReports: reports,
    });
    expect(() => decodeTraceWarningPackage(good.subarray(0, good.length - 1))).toThrow(DecodeError);
  });
});
