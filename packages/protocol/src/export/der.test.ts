import { generateKeyPairSync, sign, verify } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, concatBytes, hexToBytes } from "../bytes.ts";
import { DecodeError } from "../errors.ts";
import { ecdsaDerToP1363, ecdsaP1363ToDer } from "./der.ts";

const scalar = (hex: string) => hexToBytes(hex.padStart(64, "0"));

describe("ECDSA signature encodings", () => {
  it("encodes small and high-bit scalars minimally (hand-built DER)", () => {
    const der = ecdsaP1363ToDer(concatBytes(scalar("01"), scalar(`80${"00".repeat(31)}`)));
    expect(bytesToHex(der)).toBe(`3026020101022100${"80"}${"00".repeat(31)}`);
    expect(bytesToHex(ecdsaDerToP1363(der))).toBe(`${"00".repeat(31)}01` + `80${"00".repeat(31)}`);
  });

  it("P1363 -> DER -> P1363 is the identity (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (sig) => {
        expect(ecdsaDerToP1363(ecdsaP1363ToDer(sig))).toEqual(sig);
      }),
      { numRuns: 2000 },
    );
  });

  it("converts real node:crypto signatures both ways", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    for (let i = 0; i < 100; i++) {
      const data = new Uint8Array([i, i + 1, i + 2]);
      const der = new Uint8Array(sign("sha256", data, privateKey));
      expect(
        verify("sha256", data, { key: publicKey, dsaEncoding: "ieee-p1363" }, ecdsaDerToP1363(der)),
      ).toBe(true);
      const p1363 = new Uint8Array(sign("sha256", data, { key: privateKey, dsaEncoding: "ieee-p1363" }));
      const back = ecdsaP1363ToDer(p1363);
      expect(verify("sha256", data, publicKey, back)).toBe(true);
    }
  });

  it("rejects non-DER input with DecodeError", () => {
    const bad: [string, string][] = [
      ["non-minimal INTEGER", "300702020001020101"],
      ["negative INTEGER", "3006020181020101"],
      ["trailing bytes", "30060201010201010000"],
      ["SEQUENCE length mismatch", "3007020101020101"],
      ["not a SEQUENCE", "3106020101020101"],
      ["long-form length", "308106020101020101"],
      ["zero-length INTEGER", "30050200020101"],
      ["empty", ""],
    ];
    for (const [why, hex] of bad) {
      expect(() => ecdsaDerToP1363(hexToBytes(hex)), why).toThrow(DecodeError);
    }
    const tooBig = `3026022101${"00".repeat(32)}020101`;
    expect(() => ecdsaDerToP1363(hexToBytes(tooBig))).toThrow(/too large|length/);
    expect(() => ecdsaP1363ToDer(new Uint8Array(63))).toThrow(DecodeError);
  });
});
