import { hkdfSync } from "node:crypto";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes, utf8 } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { createEnKdf } from "./en-hkdf.ts";

describe("createEnKdf (specialised HKDF-SHA256)", () => {
  it("matches the spec vector's RPIK and AEMK", () => {
    const tek = hexToBytes("75c734c6dd1a782de7a965da5eb93125");
    expect(bytesToHex(createEnKdf("EN-RPIK")(tek))).toBe("185ad91db69ec7dd048960f1f3ba6175");
    expect(bytesToHex(createEnKdf("EN-AEMK")(tek))).toBe("d57c46af7a1d83965b9bed8bd152936a");
  });

  it("equals @noble/hashes hkdf and node:crypto hkdfSync for random keys and info strings", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.string({ minLength: 0, maxLength: 40 }),
        (ikm, info) => {
          const kdf = createEnKdf(info);
          const ours = bytesToHex(kdf(ikm));
          expect(ours).toBe(bytesToHex(hkdf(sha256, ikm, undefined, utf8(info), 16)));
          expect(ours).toBe(bytesToHex(new Uint8Array(hkdfSync("sha256", ikm, new Uint8Array(0), info, 16))));
          // Reusing the same function (internal buffers) gives the same answer again.
          expect(bytesToHex(kdf(ikm, new Uint8Array(16)))).toBe(ours);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rejects IKMs that are not 16 bytes and over-long info", () => {
    expect(() => createEnKdf("EN-RPIK")(new Uint8Array(17))).toThrow(ProtocolError);
    expect(() => createEnKdf("x".repeat(55))).toThrow(ProtocolError);
  });
});
