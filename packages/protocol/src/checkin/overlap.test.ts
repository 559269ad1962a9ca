import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../bytes.ts";
import { CWA } from "./cwa-vectors.testutil.ts";
import { locationIdHash } from "./location-id.ts";
import { checkInOverlapMinutes } from "./overlap.ts";

const O = CWA.overlapCases;
const checkInId = hexToBytes(O.checkInLocationIdHex);
const warningStart = Date.parse(O.warning.start);

describe("overlapCases (Android OverlapTest)", () => {
  it("the check-in's locationIdHash is the stated one", () => {
    expect(bytesToHex(locationIdHash(checkInId))).toBe(O.checkInLocationIdHashHex);
  });

  for (const c of O.cases) {
    it(`${c.name}: ${c.expectedOverlapMinutes}`, () => {
      const checkIn = {
        locationId: checkInId,
        startMs: Date.parse(c.checkInStart),
        endMs: Date.parse(c.checkInEnd),
        ...(c.checkInIsSubmitted ? { submitted: true } : {}),
      };
      const warningId = hexToBytes(c.warningLocationIdHex ?? O.checkInLocationIdHex);
      const span = {
        startIntervalNumber: warningStart / 600_000,
        period: O.warning.period,
        transmissionRiskLevel: O.warning.transmissionRiskLevel,
      };
      // the warning as published (hash) and as decrypted (id) must agree
      expect(checkInOverlapMinutes(checkIn, { ...span, locationIdHash: locationIdHash(warningId) })).toBe(
        c.expectedOverlapMinutes,
      );
      expect(checkInOverlapMinutes(checkIn, { ...span, locationId: warningId })).toBe(
        c.expectedOverlapMinutes,
      );
    });
  }
});

describe("overlap properties", () => {
  it("equals the plain intersection in whole minutes for minute-aligned spans", () => {
    const base = 2_700_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 30 }),
        (startMin, lenMin, warnOffset, period) => {
          const startMs = (base * 10 + startMin) * 60_000;
          const checkIn = { locationId: checkInId, startMs, endMs: startMs + lenMin * 60_000 };
          const w = {
            locationId: checkInId,
            startIntervalNumber: base + warnOffset,
            period,
            transmissionRiskLevel: 5,
          };
          const got = checkInOverlapMinutes(checkIn, w);
          const ws = w.startIntervalNumber * 10;
          const we = ws + period * 10;
          const cs = base * 10 + startMin;
          const expected = Math.min(cs + lenMin, we) - Math.max(cs, ws);
          expect(got).toBe(expected > 0 ? expected : null);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
