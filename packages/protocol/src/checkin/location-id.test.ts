import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, bytesToHex, concatBytes, hexToBytes, utf8 } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { CWA } from "./cwa-vectors.testutil.ts";
import { LOCATION_ID_LENGTH, locationId, locationIdHash } from "./location-id.ts";

describe("locationIdCases", () => {
  for (const c of CWA.locationIdCases.cases) {
    it(`${c.id}: SHA-256("CWA-GUID" || raw payload)`, () => {
      const id = locationId(base64ToBytes(c.qrCodePayloadBase64));
      expect(bytesToBase64(id)).toBe(c.expectedLocationIdBase64);
      if (c.expectedLocationIdHex) expect(bytesToHex(id)).toBe(c.expectedLocationIdHex);
      expect(id.length).toBe(LOCATION_ID_LENGTH);
    });
  }

  it("is the plain SHA-256 of the prefixed bytes", () => {
    const payload = new Uint8Array([1, 2, 3]);
    expect(locationId(payload)).toEqual(sha256(concatBytes(utf8("CWA-GUID"), payload)));
  });
});

describe("locationIdHashCases", () => {
  for (const c of CWA.locationIdHashCases.cases) {
    it(`${c.locationIdHex.slice(0, 8)}... -> ${c.expectedLocationIdHashHex.slice(0, 8)}...`, () => {
      expect(bytesToHex(locationIdHash(hexToBytes(c.locationIdHex)))).toBe(c.expectedLocationIdHashHex);
    });
  }

  it("rejects ids that are not 32 bytes", () => {
    expect(() => locationIdHash(new Uint8Array(31))).toThrow(ProtocolError);
    expect(() => locationId("CAES" as unknown as Uint8Array)).toThrow(ProtocolError);
  });
});
