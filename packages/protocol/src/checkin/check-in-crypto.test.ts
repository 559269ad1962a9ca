import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes } from "../bytes.ts";
import { DecodeError, ProtocolError, VerificationError } from "../errors.ts";
import {
  checkInEncryptionKey,
  checkInMacKey,
  checkInReportMac,
  decryptCheckInReport,
  encryptCheckInRecord,
} from "./check-in-crypto.ts";
import { checkInRecordFromTimes } from "./check-in-record.ts";
import { CWA } from "./cwa-vectors.testutil.ts";
import { locationIdHash } from "./location-id.ts";
import { decodeCheckInProtectedReport } from "./protected-report.ts";
import { deriveTraceWarnings } from "./trace-warnings.ts";
import type { CheckInProtectedReport } from "./types.ts";

const E = CWA.checkInEncryption;
const b64 = base64ToBytes;

describe("key derivation (keyDerivationCases)", () => {
  for (const c of E.keyDerivationCases) {
    it(`locationId ${c.locationIdBase64.slice(0, 8)}...`, () => {
      const id = b64(c.locationIdBase64);
      expect(bytesToBase64(checkInEncryptionKey(id))).toBe(c.expectedEncryptionKeyBase64);
      expect(bytesToBase64(checkInMacKey(id))).toBe(c.expectedMacKeyBase64);
    });
  }
});

describe("MAC (macCases)", () => {
  for (const c of E.macCases) {
    it("HMAC-SHA-256(macKey, iv || ciphertext)", () => {
      const mac = checkInReportMac(b64(c.macKeyBase64), b64(c.ivBase64), b64(c.encryptedCheckInRecordBase64));
      expect(bytesToBase64(mac)).toBe(c.expectedMacBase64);
    });
  }
});

describe("round trips with a fixed IV (roundTripCases, Android and iOS)", () => {
  for (const c of E.roundTripCases) {
    const id = b64(c.locationIdBase64);
    const iv = b64(c.ivBase64);

    it(`${c.id}: encrypts to the exact ciphertext and MAC`, () => {
      const report = encryptCheckInRecord(c.checkInRecord, id, iv);
      expect(bytesToBase64(report.encryptedCheckInRecord)).toBe(c.expectedEncryptedCheckInRecordBase64);
      expect(bytesToBase64(report.mac)).toBe(c.expectedMacBase64);
      expect(report.iv).toEqual(iv);
      expect(report.locationIdHash).toEqual(locationIdHash(id));
    });

    it(`${c.id}: iOS's encrypt input (start, end, risk) is the same record`, () => {
      const i = c.iosEncryptInput;
      const record = {
        startIntervalNumber: i.startInterval,
        period: i.endInterval - i.startInterval,
        transmissionRiskLevel: i.riskLevel,
      };
      expect(record).toEqual(c.checkInRecord);
      expect(checkInRecordFromTimes(i.startInterval * 600_000, i.endInterval * 600_000, i.riskLevel)).toEqual(
        record,
      );
    });

    it(`${c.id}: decrypts back to the record`, () => {
      const report: CheckInProtectedReport = {
        locationIdHash: locationIdHash(id),
        iv,
        encryptedCheckInRecord: b64(c.expectedEncryptedCheckInRecordBase64),
        mac: b64(c.expectedMacBase64),
      };
      expect(decryptCheckInReport(report, id)).toEqual(c.checkInRecord);
    });
  }
});

describe("Android encrypt from check-in times (minutes since the epoch)", () => {
  for (const c of E.androidEncryptFromCheckInTimesCases) {
    it(`${c.id}`, () => {
      const record = checkInRecordFromTimes(
        c.checkInStartMinutesSinceEpoch * 60_000,
        c.checkInEndMinutesSinceEpoch * 60_000,
        c.transmissionRiskLevel,
      );
      const report = encryptCheckInRecord(record, b64(c.locationIdBase64), b64(c.ivBase64));
      expect(bytesToBase64(report.encryptedCheckInRecord)).toBe(c.expectedEncryptedCheckInRecordBase64);
      expect(bytesToBase64(report.mac)).toBe(c.expectedMacBase64);
    });
  }

  it("the derived plaintexts are {271044, 3, 7} and {271011, 1, 8}", () => {
    const [a, b] = E.androidEncryptFromCheckInTimesCases;
    const dec = (c: typeof a) =>
      decryptCheckInReport(
        {
          locationIdHash: locationIdHash(b64(c!.locationIdBase64)),
          iv: b64(c!.ivBase64),
          encryptedCheckInRecord: b64(c!.expectedEncryptedCheckInRecordBase64),
          mac: b64(c!.expectedMacBase64),
        },
        b64(c!.locationIdBase64),
      );
    expect(dec(a)).toEqual({ startIntervalNumber: 271044, period: 3, transmissionRiskLevel: 7 });
    expect(dec(b)).toEqual({ startIntervalNumber: 271011, period: 1, transmissionRiskLevel: 8 });
  });
});

describe("tampered reports (tamperedCases)", () => {
  for (const c of E.tamperedCases) {
    it("fail the MAC check with VerificationError before decrypting", () => {
      const id = b64(c.locationIdBase64);
      const report: CheckInProtectedReport = {
        locationIdHash: locationIdHash(id),
        iv: b64(c.ivBase64),
        encryptedCheckInRecord: b64(c.encryptedCheckInRecordBase64),
        mac: b64(c.macBase64),
      };
      expect(() => decryptCheckInReport(report, id)).toThrow(VerificationError);
    });
  }

  it("any flipped bit of iv, ciphertext or mac fails the MAC check", () => {
    const c = E.roundTripCases[0]!;
    const id = b64(c.locationIdBase64);
    const good = encryptCheckInRecord(c.checkInRecord, id, b64(c.ivBase64));
    for (const field of ["iv", "encryptedCheckInRecord", "mac"] as const) {
      for (let bit = 0; bit < good[field].length * 8; bit += 13) {
        const bad = { ...good, [field]: good[field].slice() };
        bad[field][bit >> 3]! ^= 1 << (bit & 7);
        let err: unknown;
        try {
          decryptCheckInReport(bad, id);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(VerificationError);
        expect((err as VerificationError).code).toBe("bad_mac");
      }
    }
  });

  it("a report that authenticates but holds no valid padding throws DecodeError", () => {
    const id = b64(E.roundTripCases[0]!.locationIdBase64);
    const iv = new Uint8Array(16);
    const ct = new Uint8Array(16).fill(0xa5);
    const report = {
      locationIdHash: locationIdHash(id),
      iv,
      encryptedCheckInRecord: ct,
      mac: checkInReportMac(checkInMacKey(id), iv, ct),
    };
    expect(() => decryptCheckInReport(report, id)).toThrow(DecodeError);
  });

  it("rejects a wrong-length IV or locationId", () => {
    const c = E.roundTripCases[0]!;
    expect(() => encryptCheckInRecord(c.checkInRecord, b64(c.locationIdBase64), new Uint8Array(12))).toThrow(
      ProtocolError,
    );
    expect(() => encryptCheckInRecord(c.checkInRecord, new Uint8Array(16), b64(c.ivBase64))).toThrow(
      ProtocolError,
    );
    expect(() => checkInMacKey(new Uint8Array(33))).toThrow(ProtocolError);
  });
});

describe("serialized protected reports (CheckInWarningMatcherTest2)", () => {
  const S = E.serializedProtectedReportCases;
  const ids = S.checkIns.map((c) => hexToBytes(c.locationIdHex));

  for (const c of S.cases) {
    it(`${c.test}: ${c.expectedWarnings} warnings`, () => {
      const reports = c.reportsBase64.map((r) => decodeCheckInProtectedReport(b64(r)));
      for (const r of reports) {
        expect(ids.some((id) => bytesToHex(locationIdHash(id)) === bytesToHex(r.locationIdHash))).toBe(true);
      }
      const warnings = deriveTraceWarnings(reports, ids);
      expect(warnings).toHaveLength(c.expectedWarnings);
      for (const w of warnings) expect(w.locationIdHash).toEqual(locationIdHash(w.locationId));
    });
  }

  it("the pass reports are the Android encrypt samples and decrypt to them", () => {
    const warnings = deriveTraceWarnings(
      S.cases[0]!.reportsBase64.map((r) => decodeCheckInProtectedReport(b64(r))),
      ids,
    );
    expect(
      warnings.map(({ startIntervalNumber, period, transmissionRiskLevel }) => [
        startIntervalNumber,
        period,
        transmissionRiskLevel,
      ]),
    ).toEqual([
      [271044, 3, 7],
      [271011, 1, 8],
    ]);
  });

  it("the invalid reports authenticate, but one has risk level 0 and the other period 0", () => {
    const records = S.cases[1]!.reportsBase64.map((r, i) =>
      decryptCheckInReport(decodeCheckInProtectedReport(b64(r)), ids[i]!),
    );
    expect(records.map((r) => r.transmissionRiskLevel === 0 || r.period === 0)).toEqual([true, true]);
  });

  it("no check-in at those venues gives no warnings; a report for a matching hash but wrong key is dropped", () => {
    const reports = S.cases[0]!.reportsBase64.map((r) => decodeCheckInProtectedReport(b64(r)));
    expect(deriveTraceWarnings(reports, [])).toEqual([]);
    const forged = { ...reports[0]!, mac: new Uint8Array(32) };
    expect(deriveTraceWarnings([forged], ids)).toEqual([]);
  });
});
