import { describe, expect, it } from "vitest";
import {
  deviceKeyOf,
  JOIN_CODE_ALPHABET,
  joinCodeFrom,
  normalizeJoinCode,
  normalizeVietnamesePhone,
  otpFrom,
  otpHash,
  phoneHash,
  sameHash,
} from "./identity.ts";

const secret = new Uint8Array(32).fill(7);

function bytesOf(values: number[]): (n: number) => Uint8Array {
  let i = 0;
  return (n) => Uint8Array.from({ length: n }, () => values[i++ % values.length]!);
}

describe("normalizeVietnamesePhone", () => {
  it("accepts the usual ways of writing a mobile number", () => {
    for (const raw of [
      "0912345678",
      "0912 345 678",
      "+84912345678",
      "84912345678",
      "(+84) 91-234-5678",
      "0084912345678",
    ]) {
      expect(normalizeVietnamesePhone(raw)).toBe("+84912345678");
    }
    expect(normalizeVietnamesePhone("0381234567")).toBe("+84381234567");
  });

  it("refuses landlines, short numbers and other countries", () => {
    for (const raw of ["0241234567", "091234567", "+12025550123", "09123456789", "abc"]) {
      expect(normalizeVietnamesePhone(raw)).toBeNull();
    }
  });
});

describe("keyed hashes", () => {
  it("depend on the secret and the purpose, never contain the input", () => {
    const a = phoneHash(secret, "+84912345678");
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toContain("912345678");
    expect(phoneHash(new Uint8Array(32).fill(8), "+84912345678")).not.toBe(a);
    expect(deviceKeyOf(secret, "+84912345678")).not.toBe(a);
    expect(otpHash(secret, "i1", "+84912345678", "123456")).not.toBe(
      otpHash(secret, "i2", "+84912345678", "123456"),
    );
    expect(sameHash(a, phoneHash(secret, "+84912345678"))).toBe(true);
    expect(sameHash(a, a.slice(1))).toBe(false);
  });
});

describe("codes", () => {
  it("makes 6-digit OTPs and rejects the biased top of the range", () => {
    expect(otpFrom(bytesOf([0, 0, 0, 42]))).toBe("000042");
    // 0xFFFFFFFF is rejected; the next 4 bytes are used.
    expect(otpFrom(bytesOf([255, 255, 255, 255, 0, 1, 226, 64]))).toBe("123456");
  });

  it("makes 8-character join codes from the unambiguous alphabet", () => {
    const code = joinCodeFrom(bytesOf([0, 1, 2, 3, 250, 4, 5, 6, 7, 30, 31]));
    expect(code).toHaveLength(8);
    expect([...code].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
    expect(code.startsWith("2345")).toBe(true); // 250 is rejected (>= 248)
    expect(normalizeJoinCode(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`)).toBe(code);
    expect(normalizeJoinCode("0OIL1234")).toBeNull();
  });
});
