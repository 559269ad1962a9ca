/**
 * Interoperability with an independent implementation: the official CWA .proto files (and CrowdNotifier's
 * generic QRCodePayload) loaded from disk with protobufjs, checked against our codecs in both directions.
 */
import { join } from "node:path";
import fc from "fast-check";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToHex } from "../bytes.ts";
import { decodeCheckInRecord, encodeCheckInRecord } from "./check-in-record.ts";
import {
  arbCheckInRecord,
  arbCwaLocationData,
  arbPackage,
  arbQrCodePayload,
  arbReport,
} from "./checkin-arbitraries.testutil.ts";
import { CWA, PROTO_ROOT } from "./cwa-vectors.testutil.ts";
import { TraceLocationType } from "./location-type.ts";
import { decodeCheckInProtectedReport, encodeCheckInProtectedReport } from "./protected-report.ts";
import {
  decodeCwaLocationData,
  decodeQrCodePayload,
  encodeCwaLocationData,
  encodeQrCodePayload,
} from "./qr-payload.ts";
import { decodeTraceWarningPackage, encodeTraceWarningPackage } from "./trace-warning-package.ts";
import type { QRCodePayload } from "./types.ts";

const PT = "app/coronawarn/server/common/protocols/internal/pt/";
const PKG = "app.coronawarn.server.common.protocols.internal.pt.";

function loadOfficial(files: string[]): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(PROTO_ROOT, target);
  return root.loadSync(files, { keepCase: true });
}

const cwa = loadOfficial([
  `${PT}trace_location.proto`,
  `${PT}check_in.proto`,
  `${PT}trace_warning.proto`,
  "app/coronawarn/server/common/protocols/internal/submission_payload.proto",
]);
const crowdNotifier = loadOfficial(["crowdnotifier-techspec/qrcodepayload.proto"]);
const T = (name: string) => cwa.lookupType(PKG + name);
const TO_OBJECT = { longs: Number, defaults: true, arrays: true } as const;
const RUNS = 300;

/** protobufjs toObject output with Node Buffers -> plain Uint8Arrays, recursively. */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function officialDecode(type: protobuf.Type, bytes: Uint8Array): unknown {
  return plain(type.toObject(type.decode(bytes), TO_OBJECT));
}

function officialEncode(type: protobuf.Type, obj: object): Uint8Array {
  const err = type.verify(obj);
  if (err) throw new Error(err);
  return new Uint8Array(type.encode(type.fromObject(obj)).finish());
}

describe("official schema", () => {
  it("TraceLocationType matches trace_location.proto", () => {
    expect(cwa.lookupEnum(`${PKG}TraceLocationType`).values).toEqual(TraceLocationType);
  });

  it("SubmissionPayload carries protected reports in field 8", () => {
    expect(
      cwa.lookupType("app.coronawarn.server.common.protocols.internal.SubmissionPayload").fields
        .checkInProtectedReports?.id,
    ).toBe(8);
  });
});

describe("QRCodePayload", () => {
  it("what we encode decodes there with the same fields, and to the same bytes as their encoder", () => {
    fc.assert(
      fc.property(arbQrCodePayload, (p) => {
        const ours = encodeQrCodePayload(p);
        expect(officialDecode(T("QRCodePayload"), ours)).toEqual(p);
        expect(bytesToHex(officialEncode(T("QRCodePayload"), p))).toBe(bytesToHex(ours));
      }),
      { numRuns: RUNS },
    );
  });

  it("what they encode decodes here with the same fields", () => {
    fc.assert(
      fc.property(arbQrCodePayload, (p) => {
        expect(decodeQrCodePayload(officialEncode(T("QRCodePayload"), p))).toEqual(p);
      }),
      { numRuns: RUNS },
    );
  });

  it("CrowdNotifier's generic QRCodePayload reads ours (vendorData is its countryData)", () => {
    const bytes = base64ToBytes(CWA.locationIdCases.cases[3]!.qrCodePayloadBase64);
    const ours = decodeQrCodePayload(bytes);
    const generic = officialDecode(crowdNotifier.lookupType("QRCodePayload"), bytes) as Record<
      string,
      unknown
    >;
    const { countryData, crowdNotifierData, ...rest } = generic;
    expect(countryData).toEqual(ours.vendorData);
    expect(rest).toEqual({ version: ours.version, locationData: ours.locationData });
    expect(crowdNotifierData).toEqual({ ...ours.crowdNotifierData, type: 0 });
  });

  it("every vector payload decodes identically in both", () => {
    for (const c of CWA.locationIdCases.cases) {
      const bytes = base64ToBytes(c.qrCodePayloadBase64);
      expect(officialDecode(T("QRCodePayload"), bytes)).toEqual(decodeQrCodePayload(bytes) as QRCodePayload);
    }
  });
});

describe("CWALocationData", () => {
  it("round-trips through the official schema both ways", () => {
    fc.assert(
      fc.property(arbCwaLocationData, (d) => {
        expect(officialDecode(T("CWALocationData"), encodeCwaLocationData(d))).toEqual(d);
        expect(decodeCwaLocationData(officialEncode(T("CWALocationData"), d))).toEqual(d);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("CheckInRecord and CheckInProtectedReport", () => {
  it("CheckInRecord both ways, byte-identical", () => {
    fc.assert(
      fc.property(arbCheckInRecord, (r) => {
        const ours = encodeCheckInRecord(r);
        expect(officialDecode(T("CheckInRecord"), ours)).toEqual(r);
        expect(ours).toEqual(officialEncode(T("CheckInRecord"), r));
        expect(decodeCheckInRecord(officialEncode(T("CheckInRecord"), r))).toEqual(r);
      }),
      { numRuns: RUNS },
    );
  });

  it("CheckInProtectedReport both ways, byte-identical", () => {
    fc.assert(
      fc.property(arbReport, (r) => {
        const ours = encodeCheckInProtectedReport(r);
        expect(officialDecode(T("CheckInProtectedReport"), ours)).toEqual(r);
        expect(ours).toEqual(officialEncode(T("CheckInProtectedReport"), r));
        expect(decodeCheckInProtectedReport(officialEncode(T("CheckInProtectedReport"), r))).toEqual(r);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("TraceWarningPackage", () => {
  it("both ways, byte-identical", () => {
    fc.assert(
      fc.property(arbPackage, (p) => {
        const ours = encodeTraceWarningPackage(p);
        expect(officialDecode(T("TraceWarningPackage"), ours)).toEqual({ ...p, timeIntervalWarnings: [] });
        expect(ours).toEqual(officialEncode(T("TraceWarningPackage"), p));
        expect(decodeTraceWarningPackage(officialEncode(T("TraceWarningPackage"), p))).toEqual(p);
      }),
      { numRuns: RUNS },
    );
  });

  it("skips the deprecated unencrypted timeIntervalWarnings", () => {
    fc.assert(
      fc.property(arbPackage, (p) => {
        const withDeprecated = {
          ...p,
          timeIntervalWarnings: [
            {
              locationIdHash: new Uint8Array(32).fill(9),
              startIntervalNumber: 5,
              period: 6,
              transmissionRiskLevel: 7,
            },
          ],
        };
        expect(decodeTraceWarningPackage(officialEncode(T("TraceWarningPackage"), withDeprecated))).toEqual(
          p,
        );
      }),
      { numRuns: 50 },
    );
  });

  it("reports we encode are what a SubmissionPayload (field 8) carries", () => {
    const reports = CWA.checkInEncryption.serializedProtectedReportCases.cases[0]!.reportsBase64.map((r) =>
      decodeCheckInProtectedReport(base64ToBytes(r)),
    );
    const Submission = cwa.lookupType("app.coronawarn.server.common.protocols.internal.SubmissionPayload");
    const bytes = officialEncode(Submission, { checkInProtectedReports: reports, submissionType: 2 });
    const back = officialDecode(Submission, bytes) as { checkInProtectedReports: unknown[] };
    expect(back.checkInProtectedReports).toEqual(reports);
  });
});
