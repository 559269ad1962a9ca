import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  base64ToBytes,
  bytesToBase64,
  bytesToBase64Url,
  bytesToHex,
  concatBytes,
  equalBytes,
  hexToBytes,
  utf8,
} from "./bytes.ts";
import { DecodeError } from "./errors.ts";

const FUZZ_RUNS = 10_000;

/** Runs `decode`; returns the result, or null when it threw a DecodeError. Any other exception fails. */
function decodeOrNull<T>(decode: () => T): T | null {
  try {
    return decode();
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return null;
  }
}

const b64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=";
const nearBase64 = fc.string({
  unit: fc.constantFrom(...b64Chars.split(""), " ", "\n", "*", "é"),
  maxLength: 40,
});
const nearHex = fc.string({
  unit: fc.constantFrom(..."0123456789abcdefABCDEFgxG -".split("")),
  maxLength: 40,
});
const mutated = (encode: (b: Uint8Array) => string) =>
  fc
    .tuple(fc.uint8Array({ maxLength: 40 }), fc.nat(), fc.string({ maxLength: 3 }))
    .map(([bytes, cut, extra]) => {
      const s = encode(bytes);
      return cut % 3 === 0 ? s.slice(0, cut % (s.length + 1)) : cut % 3 === 1 ? s + extra : s;
    });

describe("hex codec", () => {
  it("round-trips bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(Array.from(hexToBytes(bytesToHex(b)))).toEqual(Array.from(b));
        expect(Array.from(hexToBytes(bytesToHex(b).toUpperCase()))).toEqual(Array.from(b));
      }),
    );
  });

  it("fuzz: garbage, truncated and oversized hex throws only DecodeError", () => {
    fc.assert(
      fc.property(
        fc.oneof(nearHex, fc.string({ unit: "binary", maxLength: 40 }), mutated(bytesToHex)),
        (s) => {
          const out = decodeOrNull(() => hexToBytes(s));
          if (out !== null) expect(bytesToHex(out)).toBe(s.toLowerCase());
          else expect(/^([0-9a-fA-F]{2})*$/.test(s)).toBe(false);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it("rejects odd length, non-hex characters and non-strings", () => {
    expect(() => hexToBytes("abc")).toThrow(DecodeError);
    expect(() => hexToBytes("zz")).toThrow(DecodeError);
    expect(() => hexToBytes(" 0a")).toThrow(DecodeError);
    expect(() => hexToBytes(42 as unknown as string)).toThrow(DecodeError);
    expect(hexToBytes("")).toHaveLength(0);
  });
});

describe("base64 codec", () => {
  it("round-trips bytes in both alphabets and matches Buffer", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const std = bytesToBase64(b);
        const url = bytesToBase64Url(b);
        expect(std).toBe(Buffer.from(b).toString("base64"));
        expect(url).toBe(Buffer.from(b).toString("base64url"));
        expect(Array.from(base64ToBytes(std))).toEqual(Array.from(b));
        expect(Array.from(base64ToBytes(url))).toEqual(Array.from(b));
        expect(Array.from(base64ToBytes(std.replace(/=+$/, "")))).toEqual(Array.from(b));
      }),
    );
  });

  it("fuzz: garbage, truncated and oversized base64 throws only DecodeError", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nearBase64,
          fc.string({ unit: "binary", maxLength: 40 }),
          mutated(bytesToBase64),
          mutated(bytesToBase64Url),
        ),
        (s) => {
          const out = decodeOrNull(() => base64ToBytes(s));
          if (out !== null) {
            // Accepted strings are canonical: re-encoding gives them back up to alphabet and padding.
            const canonical = bytesToBase64Url(out);
            expect(s.replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_")).toBe(canonical);
            expect(Array.from(out)).toEqual(Array.from(Buffer.from(s, "base64")));
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it("rejects impossible lengths, misplaced padding, stray characters and non-zero tail bits", () => {
    for (const bad of [
      "A",
      "AAAAA",
      "QQ=",
      "Q===",
      "====",
      "QQ==QQ==",
      "QR==",
      "QQ== ",
      "QQ\n==",
      "Q!==",
      "QUJD\u00e9",
    ]) {
      expect(() => base64ToBytes(bad), bad).toThrow(DecodeError);
    }
    expect(() => base64ToBytes(null as unknown as string)).toThrow(DecodeError);
    expect(Array.from(base64ToBytes("-_8"))).toEqual([0xfb, 0xff]);
    expect(Array.from(base64ToBytes("+/8="))).toEqual([0xfb, 0xff]);
    expect(base64ToBytes("")).toHaveLength(0);
  });
});

describe("byte helpers", () => {
  it("concatenates and compares", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 20 }), { maxLength: 5 }), (parts) => {
        const joined = concatBytes(...parts);
        expect(Array.from(joined)).toEqual(parts.flatMap((p) => Array.from(p)));
        expect(equalBytes(joined, joined.slice())).toBe(true);
        if (joined.length > 0) {
          const other = joined.slice();
          other[other.length - 1]! ^= 1;
          expect(equalBytes(joined, other)).toBe(false);
          expect(equalBytes(joined, joined.subarray(1))).toBe(false);
        }
      }),
    );
  });

  it("encodes UTF-8", () => {
    expect(Array.from(utf8("Việt"))).toEqual(Array.from(Buffer.from("Việt", "utf8")));
  });
});
