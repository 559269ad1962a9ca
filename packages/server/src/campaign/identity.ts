// Pure privacy helpers: Vietnamese mobile numbers to E.164, keyed hashes (HMAC-SHA256 under a server secret)
// of phone numbers, device hashes and OTPs, OTP and agency join-code generation from given random bytes.
import { createHmac, timingSafeEqual } from "node:crypto";

/** A Vietnamese mobile number in E.164 ("+84912345678"), or null. Accepts 0..., 84..., +84... with separators. */
export function normalizeVietnamesePhone(raw: string): string | null {
  const digits = raw.trim().replace(/[\s.()-]/g, "");
  const m = /^(?:\+84|0084|84|0)([35789]\d{8})$/.exec(digits);
  return m ? `+84${m[1]}` : null;
}

const hmac = (secret: Uint8Array, label: string, value: string): string =>
  createHmac("sha256", secret).update(label).update("\u0000").update(value).digest("base64url");

/** What is stored instead of a phone number. */
export const phoneHash = (secret: Uint8Array, e164: string): string => hmac(secret, "phone", e164);

/** What is stored instead of the app's per-device hash (so a database leak cannot be matched to apps). */
export const deviceKeyOf = (secret: Uint8Array, deviceHash: string): string =>
  hmac(secret, "device", deviceHash);

/** What is stored instead of an OTP: bound to the install and (the keyed hash of) the phone being confirmed. */
export const otpHash = (secret: Uint8Array, installId: string, phoneKey: string, otp: string): string =>
  hmac(secret, "otp", `${installId}\u0000${phoneKey}\u0000${otp}`);

/** Constant-time comparison of two base64url hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A 6-digit OTP from 4 random bytes (uniform: values past the last full million are rejected). */
export function otpFrom(random: (n: number) => Uint8Array): string {
  for (;;) {
    const b = random(4);
    const n = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
    if (n < 4_294_000_000) return String(n % 1_000_000).padStart(6, "0");
  }
}

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** An 8-character agency join code (uniform over JOIN_CODE_ALPHABET by rejection sampling). */
export function joinCodeFrom(random: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
  let out = "";
  while (out.length < 8) {
    for (const byte of random(16)) {
      if (byte < limit && out.length < 8) out += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
    }
  }
  return out;
}

/** A join code as typed (case, spaces and dashes ignored), or null when it cannot be one. */
export function normalizeJoinCode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, "");
  return code.length === 8 && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)) ? code : null;
}
