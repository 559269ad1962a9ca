import { describe, expect, it } from "vitest";
import { ProtocolError } from "../errors.ts";
import { CWA } from "./cwa-vectors.testutil.ts";
import type { QRCodePayload } from "./types.ts";
import {
  isValidTraceLocationText,
  MAX_TRACE_LOCATION_TEXT_LENGTH,
  TraceLocationValidationError,
  traceLocationProblem,
  validateQrCodePayload,
} from "./validation.ts";

const NOW = 1_700_000_000;

function payload(
  description: string,
  address: string,
  seedLength: number,
  start = 0,
  end = 0,
): QRCodePayload {
  return {
    version: 1,
    locationData: { version: 1, description, address, startTimestamp: start, endTimestamp: end },
    crowdNotifierData: {
      version: 1,
      publicKey: new Uint8Array(91).fill(4),
      cryptographicSeed: new Uint8Array(seedLength).fill(7),
    },
    vendorData: new Uint8Array([8, 1, 16, 1]),
  };
}

describe("traceLocationValidationCases (iOS CheckinQRCodeParserTests)", () => {
  for (const c of CWA.traceLocationValidationCases.cases) {
    it(`${c.test}: ${c.expected ?? c.expectedError}`, () => {
      const start = c.startDate === "now" ? NOW : 0;
      const end = c.endDate === "oneHourAgo" ? NOW - 3600 : 0;
      const p = payload(c.description, c.address, c.cryptographicSeedLength, start, end);
      if (c.expected === "valid") {
        expect(traceLocationProblem(p)).toBeNull();
        expect(() => validateQrCodePayload(p)).not.toThrow();
      } else {
        expect(traceLocationProblem(p)).toBe(c.expectedError);
        let thrown: unknown;
        try {
          validateQrCodePayload(p);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(TraceLocationValidationError);
        expect(thrown).toBeInstanceOf(ProtocolError);
        expect((thrown as TraceLocationValidationError).code).toBe(c.expectedError);
      }
    });
  }
});

describe("trace location field rules", () => {
  it("counts user-perceived characters, so decomposed Vietnamese is not penalised", () => {
    const nfc = "Chợ Bến Thành ".repeat(40).slice(0, MAX_TRACE_LOCATION_TEXT_LENGTH);
    const nfd = nfc.normalize("NFD");
    expect(nfd.length).toBeGreaterThan(MAX_TRACE_LOCATION_TEXT_LENGTH);
    expect(isValidTraceLocationText(nfc)).toBe(true);
    expect(isValidTraceLocationText(nfd)).toBe(true);
    expect(isValidTraceLocationText(`${nfd}ờ`)).toBe(false);
    expect(isValidTraceLocationText("🇻🇳".repeat(MAX_TRACE_LOCATION_TEXT_LENGTH))).toBe(true);
  });

  it("accepts exactly 255 characters and rejects 256, empty text and line breaks", () => {
    expect(isValidTraceLocationText("a".repeat(255))).toBe(true);
    expect(isValidTraceLocationText("a".repeat(256))).toBe(false);
    expect(isValidTraceLocationText("")).toBe(false);
    expect(isValidTraceLocationText("a\r\nb")).toBe(false);
    expect(isValidTraceLocationText(7 as unknown as string)).toBe(false);
  });

  it("checks in the apps' order: description, address, seed, time stamps", () => {
    expect(traceLocationProblem(payload("", "", 1, 5, 1))).toBe("invalidDescription");
    expect(traceLocationProblem(payload("x", "", 1, 5, 1))).toBe("invalidAddress");
    expect(traceLocationProblem(payload("x", "y", 1, 5, 1))).toBe("invalidCryptoSeed");
    expect(traceLocationProblem(payload("x", "y", 16, 5, 1))).toBe("invalidTimeStamps");
  });

  it("accepts a start with no end only when both are zero or start <= end", () => {
    expect(traceLocationProblem(payload("x", "y", 16, 0, 0))).toBeNull();
    expect(traceLocationProblem(payload("x", "y", 16, NOW, NOW))).toBeNull();
    expect(traceLocationProblem(payload("x", "y", 16, 0, NOW))).toBeNull();
    expect(traceLocationProblem(payload("x", "y", 16, NOW, 0))).toBe("invalidTimeStamps");
  });
});
