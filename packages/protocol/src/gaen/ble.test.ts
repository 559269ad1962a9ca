import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError, ProtocolError } from "../errors.ts";
import {
  advertisementServiceData,
  bleMetadata,
  parseAdvertisementServiceData,
  parseBleMetadata,
} from "./ble.ts";

const FUZZ_RUNS = 10_000;

/** Arbitrary decoder input: byte arrays of any length (biased to near-valid sizes) and non-byte values. */
const anyInput = fc.oneof(
  { weight: 6, arbitrary: fc.uint8Array({ maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 24 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
  },
  { weight: 1, arbitrary: fc.anything() },
);

function decodeOrNull<T>(decode: () => T): T | null {
  try {
    return decode();
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return null;
  }
}

describe("BLE metadata", () => {
  it("round-trips every version and transmit power", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -128, max: 127 }),
        (versionMajor, versionMinor, txPowerDbm) => {
          const bytes = bleMetadata({ versionMajor, versionMinor, txPowerDbm });
          expect(bytes).toHaveLength(4);
          expect(bytes[2]).toBe(0);
          expect(bytes[3]).toBe(0);
          expect(parseBleMetadata(bytes)).toEqual({ versionMajor, versionMinor, txPowerDbm });
        },
      ),
    );
  });

  it("defaults to version 1.0 and rejects out-of-range fields", () => {
    expect(Array.from(bleMetadata({ txPowerDbm: -20 }))).toEqual([0x40, 0xec, 0, 0]);
    expect(() => bleMetadata({ txPowerDbm: 128 })).toThrow(ProtocolError);
    expect(() => bleMetadata({ versionMajor: 4, txPowerDbm: 0 })).toThrow(ProtocolError);
  });

  it("fuzz: anything but 4 bytes is a DecodeError, never another exception", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = decodeOrNull(() => parseBleMetadata(input as Uint8Array));
        const valid = input instanceof Uint8Array && input.length === 4;
        expect(out !== null).toBe(valid);
        if (out !== null) {
          const b = input as Uint8Array;
          expect(out.versionMajor).toBe(b[0]! >> 6);
          expect(out.txPowerDbm).toBe((b[1]! << 24) >> 24);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe("EN service data", () => {
  it("fuzz: anything but 20 bytes is a DecodeError; 20 bytes split into RPI and AEM", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = decodeOrNull(() => parseAdvertisementServiceData(input as Uint8Array));
        const valid = input instanceof Uint8Array && input.length === 20;
        expect(out !== null).toBe(valid);
        if (out !== null) {
          expect(Array.from(advertisementServiceData(out.rpi, out.aem))).toEqual(
            Array.from(input as Uint8Array),
          );
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it("builds 20 bytes from a 16-byte RPI and 4-byte AEM only", () => {
    expect(advertisementServiceData(new Uint8Array(16), new Uint8Array(4))).toHaveLength(20);
    expect(() => advertisementServiceData(new Uint8Array(15), new Uint8Array(4))).toThrow(ProtocolError);
  });
});
