import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, bytesToHex } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { CWA } from "./cwa-vectors.testutil.ts";
import { locationId } from "./location-id.ts";
import { TraceLocationType, traceLocationTypeFromName } from "./location-type.ts";
import { newTraceLocation } from "./new-trace-location.ts";
import { decodeCwaLocationData, decodeQrCodePayload } from "./qr-payload.ts";
import { TraceLocationValidationError } from "./validation.ts";
import { traceLocationTypeForCategory } from "./venue-category.ts";

const SEED = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
const KEY = new Uint8Array(91).fill(0x30);

describe("newTraceLocation", () => {
  // the mock-server vectors have real 16-byte seeds, so the whole creation path must reproduce their bytes
  for (const c of CWA.locationIdCases.cases.filter((x) => x.id.startsWith("mock-server"))) {
    it(`${c.id}: reproduces the CWA payload bytes and locationId`, () => {
      const t = c.traceLocation;
      const bytes = newTraceLocation(
        {
          description: t.description,
          address: t.address,
          type: traceLocationTypeFromName(t.type)!,
          ...(t.startTimestamp !== null ? { startTimestamp: t.startTimestamp } : {}),
          ...(t.endTimestamp !== null ? { endTimestamp: t.endTimestamp } : {}),
          ...(t.defaultCheckInLengthInMinutes !== null
            ? { defaultCheckInLengthInMinutes: t.defaultCheckInLengthInMinutes }
            : {}),
        },
        base64ToBytes(t.cryptographicSeedBase64),
        base64ToBytes(t.cnPublicKeyBase64),
      );
      expect(bytesToHex(bytes)).toBe(bytesToHex(base64ToBytes(c.qrCodePayloadBase64)));
      expect(bytesToBase64(locationId(bytes))).toBe(c.expectedLocationIdBase64);
    });
  }

  it("builds a Vietnamese market's payload with every version at 1", () => {
    const bytes = newTraceLocation(
      {
        description: "Chợ Đồng Xuân",
        address: "Phố Đồng Xuân, phường Hoàn Kiếm, Hà Nội",
        type: traceLocationTypeForCategory("market"),
        defaultCheckInLengthInMinutes: 45,
      },
      SEED,
      KEY,
    );
    const p = decodeQrCodePayload(bytes);
    expect(p.version).toBe(1);
    expect(p.locationData).toEqual({
      version: 1,
      description: "Chợ Đồng Xuân",
      address: "Phố Đồng Xuân, phường Hoàn Kiếm, Hà Nội",
      startTimestamp: 0,
      endTimestamp: 0,
    });
    expect(p.crowdNotifierData).toEqual({ version: 1, publicKey: KEY, cryptographicSeed: SEED });
    expect(decodeCwaLocationData(p.vendorData)).toEqual({
      version: 1,
      type: TraceLocationType.LOCATION_TYPE_PERMANENT_RETAIL,
      defaultCheckInLengthInMinutes: 45,
    });
  });

  it("gives different locationIds for different seeds of the same venue", () => {
    const input = {
      description: "Cơ quan",
      address: "Hà Nội",
      type: TraceLocationType.LOCATION_TYPE_PERMANENT_WORKPLACE,
    };
    const other = SEED.map((b) => b ^ 1);
    expect(locationId(newTraceLocation(input, SEED, KEY))).not.toEqual(
      locationId(newTraceLocation(input, other, KEY)),
    );
  });

  it("refuses input the apps would refuse, with their error names", () => {
    const ok = {
      description: "Trường học",
      address: "Huế",
      type: TraceLocationType.LOCATION_TYPE_PERMANENT_EDUCATIONAL_INSTITUTION,
    };
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(TraceLocationValidationError);
        return (e as TraceLocationValidationError).code;
      }
      return "none";
    };
    expect(code(() => newTraceLocation({ ...ok, description: "" }, SEED, KEY))).toBe("invalidDescription");
    expect(code(() => newTraceLocation({ ...ok, address: "a\nb" }, SEED, KEY))).toBe("invalidAddress");
    expect(code(() => newTraceLocation({ ...ok, startTimestamp: 20, endTimestamp: 10 }, SEED, KEY))).toBe(
      "invalidTimeStamps",
    );
  });

  it("rejects a wrong seed length, an empty key and an unspecified or unknown type", () => {
    const ok = { description: "x", address: "y", type: TraceLocationType.LOCATION_TYPE_PERMANENT_OTHER };
    expect(() => newTraceLocation(ok, new Uint8Array(15), KEY)).toThrow(ProtocolError);
    expect(() => newTraceLocation(ok, SEED, new Uint8Array())).toThrow(ProtocolError);
    expect(() =>
      newTraceLocation({ ...ok, type: TraceLocationType.LOCATION_TYPE_UNSPECIFIED }, SEED, KEY),
    ).toThrow(ProtocolError);
    expect(() => newTraceLocation({ ...ok, type: 13 as TraceLocationType }, SEED, KEY)).toThrow(
      ProtocolError,
    );
  });
});
