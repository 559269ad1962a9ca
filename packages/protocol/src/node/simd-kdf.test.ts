import { hkdfSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { createEnKdf } from "../gaen/en-hkdf.ts";
import { createSimdEnKdf, simdKdfSupported } from "./simd-kdf.ts";

describe("createSimdEnKdf (WebAssembly SIMD, 4 keys per call)", () => {
  it("is supported on this Node", () => {
    expect(simdKdfSupported()).toBe(true);
  });

  it("derives the spec vector's RPIK and AEMK", () => {
    const tek = hexToBytes("75c734c6dd1a782de7a965da5eb93125");
    const out = new Uint8Array(16);
    createSimdEnKdf("EN-RPIK")(tek, 1, out);
    expect(bytesToHex(out)).toBe("185ad91db69ec7dd048960f1f3ba6175");
    createSimdEnKdf("EN-AEMK")(tek, 1, out);
    expect(bytesToHex(out)).toBe("d57c46af7a1d83965b9bed8bd152936a");
  });

  it("equals node:crypto hkdfSync and the scalar KDF for any batch size and info", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 13 }).chain((n) => fc.uint8Array({ minLength: n * 16, maxLength: n * 16 })),
        fc.constantFrom("EN-RPIK", "EN-AEMK", "", "x".repeat(54)),
        (ikms, info) => {
          const count = ikms.length / 16;
          const out = new Uint8Array(count * 16).fill(0xaa);
          createSimdEnKdf(info)(ikms, count, out);
          const scalar = createEnKdf(info);
          for (let i = 0; i < count; i++) {
            const ikm = ikms.subarray(i * 16, i * 16 + 16);
            const expected = bytesToHex(new Uint8Array(hkdfSync("sha256", ikm, new Uint8Array(0), info, 16)));
            expect(bytesToHex(out.subarray(i * 16, i * 16 + 16))).toBe(expected);
            expect(bytesToHex(scalar(ikm))).toBe(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reuses one instance across calls and rejects short buffers", () => {
    const kdf = createSimdEnKdf("EN-RPIK");
    const a = new Uint8Array(32);
    const b = new Uint8Array(32);
    const ikms = Uint8Array.from({ length: 32 }, (_, i) => i);
    kdf(ikms, 2, a);
    kdf(new Uint8Array(32), 2, b);
    kdf(ikms, 2, b);
    expect(b).toEqual(a);
    expect(() => kdf(ikms, 3, new Uint8Array(48))).toThrow(ProtocolError);
  });
});
