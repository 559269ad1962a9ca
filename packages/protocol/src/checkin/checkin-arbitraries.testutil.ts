/** Test-only fast-check arbitraries for the check-in domain types. */
import fc from "fast-check";
import type { TraceLocationType } from "./location-type.ts";
import type {
  CheckInProtectedReport,
  CheckInRecord,
  CWALocationData,
  QRCodePayload,
  TraceWarningPackage,
} from "./types.ts";

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u64 = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffffffff }), fc.maxSafeNat());
const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("", "Chợ Bến Thành", "Phường Hoàn Kiếm, Hà Nội"),
);

export const arbCwaLocationData: fc.Arbitrary<CWALocationData> = fc.record({
  version: u32,
  type: fc.integer({ min: 0, max: 12 }).map((t) => t as TraceLocationType),
  defaultCheckInLengthInMinutes: u32,
});

export const arbQrCodePayload: fc.Arbitrary<QRCodePayload> = fc.record({
  version: u32,
  locationData: fc.record({
    version: u32,
    description: text,
    address: text,
    startTimestamp: u64,
    endTimestamp: u64,
  }),
  crowdNotifierData: fc.record({
    version: u32,
    publicKey: fc.uint8Array({ maxLength: 100 }),
    cryptographicSeed: fc.uint8Array({ maxLength: 32 }),
  }),
  vendorData: fc.uint8Array({ maxLength: 20 }),
});

export const arbCheckInRecord: fc.Arbitrary<CheckInRecord> = fc.record({
  startIntervalNumber: u32,
  period: u32,
  transmissionRiskLevel: u32,
});

const bytesOf = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

export const arbReport: fc.Arbitrary<CheckInProtectedReport> = fc.record({
  locationIdHash: bytesOf(32),
  iv: bytesOf(16),
  encryptedCheckInRecord: fc.integer({ min: 1, max: 3 }).chain((blocks) => bytesOf(16 * blocks)),
  mac: bytesOf(32),
});

export const arbPackage: fc.Arbitrary<TraceWarningPackage> = fc.record({
  intervalNumber: u32,
  region: fc.oneof(fc.constant(""), fc.constant("VN"), fc.string({ maxLength: 5 })),
  checkInProtectedReports: fc.array(arbReport, { maxLength: 8 }),
});
