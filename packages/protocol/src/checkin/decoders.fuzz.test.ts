/** Every check-in decoder throws ProtocolError (DecodeError and its subclasses) and nothing else on garbage. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, bytesToBase64Url, concatBytes } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { decryptCheckInReport } from "./check-in-crypto.ts";
import { decodeCheckInRecord } from "./check-in-record.ts";
import { CWA } from "./cwa-vectors.testutil.ts";
import { CWA_QR_CODE_DESCRIPTORS, checkInUrlDescriptor, PayloadEncoding } from "./descriptors.ts";
import { decodeCheckInProtectedReport } from "./protected-report.ts";
import { decodeCwaLocationData, decodeQrCodePayload } from "./qr-payload.ts";
import { parseCheckInUrl, verifyCheckInUrl } from "./qr-url.ts";
import { decodeTraceWarningPackage, encodeTraceWarningPackage } from "./trace-warning-package.ts";

const RUNS = 10_000;

/** Random garbage, truncations, byte flips, insertions and deletions of real encodings. */
function corrupted(seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    fc.uint8Array({ maxLength: 512 }),
    seed.chain((s) => fc.nat({ max: s.length }).map((n) => s.subarray(0, n))),
    seed.chain((s) =>
      fc
        .array(fc.tuple(fc.nat({ max: s.length - 1 }), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        })
        .map((flips) => {
          const c = s.slice();
          for (const [p, x] of flips) c[p]! ^= x;
          return c;
        }),
    ),
    seed.chain((s) =>
      fc
        .tuple(fc.nat({ max: s.length }), fc.uint8Array({ minLength: 1, maxLength: 64 }))
        .map(([p, ins]) => concatBytes(s.subarray(0, p), ins, s.subarray(p))),
    ),
    seed.chain((s) =>
      fc
        .tuple(fc.nat({ max: s.length }), fc.integer({ min: 1, max: 64 }))
        .map(([p, n]) => concatBytes(s.subarray(0, p), s.subarray(p + n))),
    ),
  );
}

/** Runs `f`, requiring that anything it throws is a ProtocolError; counts successes. */
function onlyProtocolErrors<T>(f: (input: T) => unknown, counter: { ok: number }): (input: T) => void {
  return (input) => {
    try {
      f(input);
      counter.ok++;
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw new Error(`non-protocol error: ${String(e)}`);
    }
  };
}

const payloadSeeds = CWA.locationIdCases.cases.map((c) => base64ToBytes(c.qrCodePayloadBase64));
const reportSeeds = CWA.checkInEncryption.serializedProtectedReportCases.cases.flatMap((c) =>
  c.reportsBase64.map((r) => base64ToBytes(r)),
);
const packageSeed = encodeTraceWarningPackage({
  intervalNumber: 448569,
  region: "VN",
  checkInProtectedReports: reportSeeds.map((r) => decodeCheckInProtectedReport(r)),
});

function fuzz<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  f: (x: T) => unknown,
  expectSomeAccepted: boolean,
): void {
  it(`${name}: ${RUNS} cases`, () => {
    const counter = { ok: 0 };
    fc.assert(fc.property(arb, onlyProtocolErrors(f, counter)), { numRuns: RUNS });
    if (expectSomeAccepted) expect(counter.ok).toBeGreaterThan(0);
    expect(counter.ok).toBeLessThan(RUNS);
  });
}

describe("check-in decoders on hostile input", () => {
  fuzz("decodeQrCodePayload", corrupted(payloadSeeds), decodeQrCodePayload, true);
  fuzz(
    "decodeCwaLocationData",
    corrupted([base64ToBytes("CAEQARgK"), base64ToBytes("CAEQAg==")]),
    decodeCwaLocationData,
    true,
  );
  fuzz("decodeCheckInProtectedReport", corrupted(reportSeeds), decodeCheckInProtectedReport, true);
  fuzz("decodeTraceWarningPackage", corrupted([packageSeed]), decodeTraceWarningPackage, true);
  fuzz(
    "decodeCheckInRecord",
    corrupted([new Uint8Array([8, 0xad, 0xb7, 0xa5, 1, 16, 28, 24, 7])]),
    decodeCheckInRecord,
    true,
  );

  const id = base64ToBytes(CWA.checkInEncryption.roundTripCases[0]!.locationIdBase64);
  fuzz(
    "decryptCheckInReport",
    corrupted(reportSeeds),
    (b: Uint8Array) => decryptCheckInReport(decodeCheckInProtectedReport(b), id),
    true,
  );

  // URLs: seeds from the vectors and our own shape, mutated as text
  const ours = checkInUrlDescriptor("https://bluezone.example/c/");
  const descriptors = [
    ours,
    ...CWA_QR_CODE_DESCRIPTORS,
    { ...CWA_QR_CODE_DESCRIPTORS[0]!, payloadEncoding: PayloadEncoding.BASE32 },
  ];
  const urlSeeds = [
    ...CWA.qrUrlDecodeCases.map((c) => c.url),
    ...CWA.qrUrlValidityCases.map((c) => c.input).filter((u) => u.length > 0),
    `https://bluezone.example/c/?v=1#${bytesToBase64Url(payloadSeeds[2]!)}`,
    `https://bluezone.example/c/?v=1#${bytesToBase64(payloadSeeds[3]!)}`,
    `https://app.luca-app.de/webapp/x#y/CWA1/${bytesToBase64Url(payloadSeeds[0]!)}`,
  ];
  const seedUrl = fc.constantFrom(...urlSeeds);
  const urlArb = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "binary", maxLength: 100 }),
    seedUrl.chain((s) => fc.nat({ max: s.length }).map((n) => s.slice(0, n))),
    seedUrl.chain((s) =>
      fc
        .array(
          fc.tuple(
            fc.nat({ max: s.length - 1 }),
            fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 3 }),
          ),
          {
            minLength: 1,
            maxLength: 6,
          },
        )
        .map((edits) => edits.reduce((u, [p, t]) => u.slice(0, p) + t + u.slice(p + 1), s)),
    ),
    seedUrl.chain((s) =>
      fc
        .tuple(fc.nat({ max: s.length }), fc.string({ maxLength: 40 }))
        .map(([p, ins]) => s.slice(0, p) + ins + s.slice(p)),
    ),
    seedUrl.map((s) => s.toUpperCase()),
  );
  fuzz("parseCheckInUrl", urlArb, (u: string) => parseCheckInUrl(u, descriptors), true);
  fuzz("verifyCheckInUrl", urlArb, (u: string) => verifyCheckInUrl(u, descriptors), true);
});
