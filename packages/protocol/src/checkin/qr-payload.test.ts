import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToHex } from "../bytes.ts";
import { DecodeError, ProtocolError } from "../errors.ts";
import { CWA, payloadFromExpected } from "./cwa-vectors.testutil.ts";
import { locationId } from "./location-id.ts";
import { TraceLocationType, traceLocationTypeFromName } from "./location-type.ts";
import { QRCodePayloadType } from "./proto.ts";
import {
  decodeCwaLocationData,
  decodeQrCodePayload,
  encodeCwaLocationData,
  encodeQrCodePayload,
  MAX_QR_CODE_PAYLOAD_BYTES,
} from "./qr-payload.ts";
import type { QRCodePayload } from "./types.ts";

describe("QRCodePayload codec against the locationId vectors' payloads", () => {
  for (const c of CWA.locationIdCases.cases) {
    it(`${c.id}: decodes every field and re-encodes to the same bytes`, () => {
      const bytes = base64ToBytes(c.qrCodePayloadBase64);
      const p = decodeQrCodePayload(bytes);
      const t = c.traceLocation;
      expect(p.version).toBe(1);
      expect(p.locationData).toEqual({
        version: 1,
        description: t.description,
        address: t.address,
        startTimestamp: t.startTimestamp ?? 0,
        endTimestamp: t.endTimestamp ?? 0,
      });
      expect(p.crowdNotifierData).toEqual({
        version: 1,
        publicKey: base64ToBytes(t.cnPublicKeyBase64),
        cryptographicSeed: base64ToBytes(t.cryptographicSeedBase64),
      });
      expect(decodeCwaLocationData(p.vendorData)).toEqual({
        version: 1,
        type: traceLocationTypeFromName(t.type),
        defaultCheckInLengthInMinutes: t.defaultCheckInLengthInMinutes ?? 0,
      });
      expect(bytesToHex(encodeQrCodePayload(p))).toBe(bytesToHex(bytes));
    });
  }

  it("decodes values above 2^32 in the uint64 timestamps", () => {
    const c = CWA.locationIdCases.cases.find((x) => x.id === "mock-server-3")!;
    const p = decodeQrCodePayload(base64ToBytes(c.qrCodePayloadBase64));
    expect(p.locationData.startTimestamp).toBe(1617591600);
    const far = { ...p, locationData: { ...p.locationData, endTimestamp: 2 ** 40 + 5 } };
    expect(decodeQrCodePayload(encodeQrCodePayload(far)).locationData.endTimestamp).toBe(2 ** 40 + 5);
  });
});

describe("QRCodePayload encoding", () => {
  const base = payloadFromExpected(CWA.qrUrlDecodeCases[0]!.expected.qrCodePayload);

  it("leaves zero values out and writes fields in ascending order", () => {
    const zero: QRCodePayload = {
      version: 0,
      locationData: { version: 0, description: "", address: "", startTimestamp: 0, endTimestamp: 0 },
      crowdNotifierData: { version: 0, publicKey: new Uint8Array(), cryptographicSeed: new Uint8Array() },
      vendorData: new Uint8Array(),
    };
    // only the two (empty) sub-messages remain: field 2 and field 3, length 0 each
    expect(bytesToHex(encodeQrCodePayload(zero))).toBe("12001a00");
  });

  it("keeps the raw bytes of an encoder that writes explicit zeros distinct from our re-encoding", () => {
    const ios = CWA.qrUrlValidityCases.find((c) => c.test === "testValidURL")!.input.split("#")[1]!;
    const raw = base64ToBytes(ios);
    const p = decodeQrCodePayload(raw);
    expect(p.locationData.startTimestamp).toBe(0);
    const reencoded = encodeQrCodePayload(p);
    expect(reencoded.length).toBe(raw.length - 4); // "(\0" and "0\0" are dropped
    expect(bytesToHex(locationId(reencoded))).not.toBe(bytesToHex(locationId(raw)));
  });

  it("throws ProtocolError on fields of the wrong type or range", () => {
    const bad: unknown[] = [
      { ...base, version: -1 },
      { ...base, version: 2 ** 32 },
      { ...base, locationData: { ...base.locationData, description: 5 } },
      { ...base, locationData: { ...base.locationData, startTimestamp: 1.5 } },
      { ...base, locationData: { ...base.locationData, endTimestamp: 2 ** 53 } },
      { ...base, crowdNotifierData: { ...base.crowdNotifierData, publicKey: "abc" } },
      { ...base, vendorData: [1, 2] },
      { ...base, locationData: null },
      { ...base, vendorData: new Uint8Array(MAX_QR_CODE_PAYLOAD_BYTES) },
    ];
    for (const b of bad) expect(() => encodeQrCodePayload(b as QRCodePayload)).toThrow(ProtocolError);
  });
});

describe("QRCodePayload decoding", () => {
  it("requires locationData and crowdNotifierData", () => {
    const noCn = QRCodePayloadType.encode({ version: 1, locationData: { description: "x" } }).finish();
    expect(() => decodeQrCodePayload(noCn)).toThrow(DecodeError);
    const noLoc = QRCodePayloadType.encode({ version: 1, crowdNotifierData: { version: 1 } }).finish();
    expect(() => decodeQrCodePayload(noLoc)).toThrow(DecodeError);
    expect(() => decodeQrCodePayload(new Uint8Array())).toThrow(DecodeError);
  });

  it("rejects truncated, oversized and non-byte input with DecodeError", () => {
    const bytes = base64ToBytes(CWA.locationIdCases.cases[0]!.qrCodePayloadBase64);
    expect(() => decodeQrCodePayload(bytes.subarray(0, bytes.length - 3))).toThrow(DecodeError);
    expect(() => decodeQrCodePayload(new Uint8Array(MAX_QR_CODE_PAYLOAD_BYTES + 1))).toThrow(DecodeError);
    expect(() => decodeQrCodePayload("CAES" as unknown as Uint8Array)).toThrow(DecodeError);
  });

  it("returns plain Uint8Arrays that do not alias the input", () => {
    const bytes = base64ToBytes(CWA.locationIdCases.cases[2]!.qrCodePayloadBase64);
    const p = decodeQrCodePayload(bytes);
    expect(Object.getPrototypeOf(p.vendorData)).toBe(Uint8Array.prototype);
    const seed = p.crowdNotifierData.cryptographicSeed.slice();
    bytes.fill(0);
    expect(p.crowdNotifierData.cryptographicSeed).toEqual(seed);
  });
});

describe("CWALocationData codec", () => {
  it("encodes the vendorData of the vectors byte for byte", () => {
    expect(
      encodeCwaLocationData({
        version: 1,
        type: TraceLocationType.LOCATION_TYPE_TEMPORARY_OTHER,
        defaultCheckInLengthInMinutes: 0,
      }),
    ).toEqual(base64ToBytes("CAEQAg=="));
    expect(
      encodeCwaLocationData({
        version: 1,
        type: TraceLocationType.LOCATION_TYPE_PERMANENT_OTHER,
        defaultCheckInLengthInMinutes: 10,
      }),
    ).toEqual(base64ToBytes("CAEQARgK"));
  });

  it("reads an unknown (newer) type as UNSPECIFIED and rejects unknown types on encode", () => {
    expect(decodeCwaLocationData(new Uint8Array([0x08, 0x01, 0x10, 0x63])).type).toBe(0);
    expect(() =>
      encodeCwaLocationData({ version: 1, type: 13 as TraceLocationType, defaultCheckInLengthInMinutes: 0 }),
    ).toThrow(ProtocolError);
  });

  it("rejects garbage with DecodeError", () => {
    expect(() => decodeCwaLocationData(new Uint8Array([0x08]))).toThrow(DecodeError);
    expect(() => decodeCwaLocationData(new Uint8Array([0x0a, 0x05, 0x01]))).toThrow(DecodeError);
  });
});
