import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ProtocolError, VerificationError } from "../errors.ts";
import { decryptCheckInReport, encryptCheckInRecord } from "./check-in-crypto.ts";
import { decodeCheckInRecord, encodeCheckInRecord } from "./check-in-record.ts";
import {
  arbCheckInRecord,
  arbCwaLocationData,
  arbPackage,
  arbQrCodePayload,
  arbReport,
} from "./checkin-arbitraries.testutil.ts";
import { CWA_QR_CODE_DESCRIPTORS, checkInUrlDescriptor } from "./descriptors.ts";
import { locationId, locationIdHash } from "./location-id.ts";
import { newTraceLocation } from "./new-trace-location.ts";
import { decodeCheckInProtectedReport, encodeCheckInProtectedReport } from "./protected-report.ts";
import {
  decodeCwaLocationData,
  decodeQrCodePayload,
  encodeCwaLocationData,
  encodeQrCodePayload,
} from "./qr-payload.ts";
import { buildCheckInUrl, parseCheckInUrl, verifyCheckInUrl } from "./qr-url.ts";
import { decodeTraceWarningPackage, encodeTraceWarningPackage } from "./trace-warning-package.ts";
import { deriveTraceWarnings } from "./trace-warnings.ts";
import { VENUE_CATEGORIES } from "./venue-category.ts";

const RUNS = 1000;
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

describe("codec round trips", () => {
  it("QRCodePayload", () => {
    fc.assert(
      fc.property(arbQrCodePayload, (p) => {
        const b = encodeQrCodePayload(p);
        expect(decodeQrCodePayload(b)).toEqual(p);
        expect(encodeQrCodePayload(decodeQrCodePayload(b))).toEqual(b);
      }),
      { numRuns: RUNS },
    );
  });

  it("CWALocationData", () => {
    fc.assert(
      fc.property(arbCwaLocationData, (d) => {
        expect(decodeCwaLocationData(encodeCwaLocationData(d))).toEqual(d);
      }),
      { numRuns: RUNS },
    );
  });

  it("CheckInRecord", () => {
    fc.assert(
      fc.property(arbCheckInRecord, (r) => {
        expect(decodeCheckInRecord(encodeCheckInRecord(r))).toEqual(r);
      }),
      { numRuns: RUNS },
    );
  });

  it("CheckInProtectedReport", () => {
    fc.assert(
      fc.property(arbReport, (r) => {
        expect(decodeCheckInProtectedReport(encodeCheckInProtectedReport(r))).toEqual(r);
      }),
      { numRuns: RUNS },
    );
  });

  it("TraceWarningPackage", () => {
    fc.assert(
      fc.property(arbPackage, (p) => {
        expect(decodeTraceWarningPackage(encodeTraceWarningPackage(p))).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });
});

describe("check-in URL round trips", () => {
  const base = fc.constantFrom(
    "https://bluezone.example/c/",
    "https://qr.bluezone.gov.vn",
    "http://localhost:8080/c",
  );
  const venue = fc.record({
    description: fc.string({ minLength: 1, maxLength: 80 }).filter((s) => !/[\r\n]/.test(s)),
    address: fc.constantFrom("Hà Nội", "Phường Bến Thành, TP. Hồ Chí Minh", "Huế"),
    category: fc.constantFrom(...VENUE_CATEGORIES),
    minutes: fc.integer({ min: 0, max: 1440 }),
  });

  it("newTraceLocation -> buildCheckInUrl -> verifyCheckInUrl gives back the payload and the same locationId", () => {
    fc.assert(
      fc.property(base, venue, bytes(16), bytes(65), (baseUrl, v, seed, key) => {
        const payloadBytes = newTraceLocation(
          {
            description: v.description,
            address: v.address,
            type: v.category.traceLocationType,
            defaultCheckInLengthInMinutes: v.minutes,
          },
          seed,
          key,
        );
        const url = buildCheckInUrl(baseUrl, payloadBytes);
        const parsed = verifyCheckInUrl(url, [checkInUrlDescriptor(baseUrl), ...CWA_QR_CODE_DESCRIPTORS]);
        expect(parsed.payloadBytes).toEqual(payloadBytes);
        expect(locationId(parsed.payloadBytes)).toEqual(locationId(payloadBytes));
        expect(parsed.payload.locationData.description).toBe(v.description);
        expect(parsed.cwaLocationData.type).toBe(v.category.traceLocationType);
        expect(parsed.cwaLocationData.defaultCheckInLengthInMinutes).toBe(v.minutes);
      }),
      { numRuns: 500 },
    );
  });

  it("any payload bytes survive the URL unchanged", () => {
    fc.assert(
      fc.property(arbQrCodePayload, (p) => {
        const b = encodeQrCodePayload(p);
        const url = buildCheckInUrl("https://e.coronawarn.app", b);
        try {
          expect(parseCheckInUrl(url).payloadBytes).toEqual(b);
        } catch (e) {
          // random vendorData need not be a CWALocationData; that is the only way this may fail
          expect((e as ProtocolError).code).toBe("invalidVendorData");
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("encryption round trips", () => {
  const record = fc.record({
    startIntervalNumber: fc.integer({ min: 0, max: 0xffffffff }),
    period: fc.integer({ min: 1, max: 0xffffffff }),
    transmissionRiskLevel: fc.integer({ min: 1, max: 8 }),
  });

  it("decrypt(encrypt(record)) = record, and the warning is derived for that venue only", () => {
    fc.assert(
      fc.property(record, bytes(32), bytes(32), bytes(16), (r, id, other, iv) => {
        fc.pre(locationIdHash(id).join() !== locationIdHash(other).join());
        const report = encryptCheckInRecord(r, id, iv);
        expect(decryptCheckInReport(report, id)).toEqual(r);
        expect(() => decryptCheckInReport(report, other)).toThrow(VerificationError);
        expect(report.encryptedCheckInRecord.length % 16).toBe(0);
        const parsed = decodeCheckInProtectedReport(encodeCheckInProtectedReport(report));
        expect(deriveTraceWarnings([parsed], [other, id])).toEqual([
          { ...r, locationId: id, locationIdHash: locationIdHash(id) },
        ]);
        expect(deriveTraceWarnings([parsed], [other])).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
