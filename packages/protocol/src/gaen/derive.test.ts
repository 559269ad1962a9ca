import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equalBytes } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { decryptAem, encryptAem } from "./aem.ts";
import { deriveAemk, deriveRpik, rpiFor, rpisForKey, writeRpiPaddedData } from "./derive.ts";
import {
  EN_INTERVAL_SECONDS,
  enIntervalNumber,
  intervalStartSeconds,
  rollingStartIntervalNumber,
  TEK_ROLLING_PERIOD,
} from "./intervals.ts";
import { generateTek } from "./tek.ts";

const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const interval = fc.integer({ min: 0, max: 0xffffffff - 200 });

describe("GAEN key schedule properties", () => {
  it("rpisForKey equals rpiFor at every interval", () => {
    fc.assert(
      fc.property(key16, interval, fc.integer({ min: 0, max: 144 }), (rpik, start, count) => {
        const all = rpisForKey(rpik, start, count);
        expect(all).toHaveLength(count * 16);
        for (let i = 0; i < count; i++) {
          expect(equalBytes(all.subarray(i * 16, i * 16 + 16), rpiFor(rpik, start + i))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("AEM decrypt(encrypt(metadata)) is the metadata, and the AEM differs per RPI", () => {
    fc.assert(
      fc.property(key16, key16, fc.uint8Array({ minLength: 4, maxLength: 4 }), (tek, rpi, metadata) => {
        const aemk = deriveAemk(tek);
        const aem = encryptAem(aemk, rpi, metadata);
        expect(aem).toHaveLength(4);
        expect(Array.from(decryptAem(aemk, rpi, aem))).toEqual(Array.from(metadata));
      }),
      { numRuns: 500 },
    );
  });

  it("RPIK and AEMK differ (domain separation by info string)", () => {
    fc.assert(
      fc.property(key16, (tek) => {
        expect(equalBytes(deriveRpik(tek), deriveAemk(tek))).toBe(false);
      }),
    );
  });

  it("writes the padded data block 'EN-RPI' || 0^6 || uint32_le(interval)", () => {
    const out = new Uint8Array(32).fill(0xaa);
    writeRpiPaddedData(out, 0x01020304, 2);
    expect(Array.from(out.subarray(0, 16))).toEqual([
      0x45, 0x4e, 0x2d, 0x52, 0x50, 0x49, 0, 0, 0, 0, 0, 0, 0x04, 0x03, 0x02, 0x01,
    ]);
    expect(Array.from(out.subarray(28, 32))).toEqual([0x05, 0x03, 0x02, 0x01]);
  });

  it("rejects wrong key lengths and intervals with ProtocolError", () => {
    expect(() => deriveRpik(new Uint8Array(15))).toThrow(ProtocolError);
    expect(() => rpiFor(new Uint8Array(16), -1)).toThrow(ProtocolError);
    expect(() => rpisForKey(new Uint8Array(16), 0xffffffff, 2)).toThrow(ProtocolError);
    expect(() => encryptAem(new Uint8Array(16), new Uint8Array(16), new Uint8Array(5))).toThrow(
      ProtocolError,
    );
    expect(() => generateTek(new Uint8Array(8), 0)).toThrow(ProtocolError);
  });
});

describe("EN intervals", () => {
  it("maps time to 10-minute intervals and day-aligned rolling starts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), (t) => {
        const i = enIntervalNumber(t);
        expect(intervalStartSeconds(i)).toBeLessThanOrEqual(t);
        expect(intervalStartSeconds(i + 1)).toBeGreaterThan(t);
        const start = rollingStartIntervalNumber(t);
        expect(start % TEK_ROLLING_PERIOD).toBe(0);
        expect(i - start).toBeGreaterThanOrEqual(0);
        expect(i - start).toBeLessThan(TEK_ROLLING_PERIOD);
        // The rolling start is UTC midnight.
        expect(intervalStartSeconds(start) % 86_400).toBe(0);
      }),
    );
    expect(EN_INTERVAL_SECONDS * TEK_ROLLING_PERIOD).toBe(86_400);
    expect(() => enIntervalNumber(Number.NaN)).toThrow(ProtocolError);
  });

  it("generates a TEK that copies the random bytes", () => {
    const random = new Uint8Array(16).fill(7);
    const tek = generateTek(random, 1_600_000_000);
    random[0] = 0;
    expect(tek.keyData[0]).toBe(7);
    expect(tek.rollingStartIntervalNumber).toBe(rollingStartIntervalNumber(1_600_000_000));
  });
});
