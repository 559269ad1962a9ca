import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8 } from "../bytes.ts";
import { DecodeError } from "../errors.ts";
import { base32ToBytes, bytesToBase32 } from "./base32.ts";

describe("base32 (RFC 4648)", () => {
  it("matches the RFC 4648 section 10 test vectors", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "MY======"],
      ["fo", "MZXQ===="],
      ["foo", "MZXW6==="],
      ["foob", "MZXW6YQ="],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI======"],
    ];
    for (const [text, b32] of vectors) {
      expect(base32ToBytes(b32)).toEqual(utf8(text));
      expect(base32ToBytes(b32.replace(/=+$/, ""))).toEqual(utf8(text));
      expect(base32ToBytes(b32.toLowerCase())).toEqual(utf8(text));
      expect(bytesToBase32(utf8(text))).toBe(b32.replace(/=+$/, ""));
    }
  });

  it("round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(base32ToBytes(bytesToBase32(b))).toEqual(b);
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects bad characters, lengths, padding and trailing bits", () => {
    for (const bad of ["M1", "MZXW6=", "M", "MZX", "MZ======", "MZXW6YQ=X", "MZ=XW6YQ", "MZ"]) {
      expect(() => base32ToBytes(bad)).toThrow(DecodeError);
    }
  });
});
