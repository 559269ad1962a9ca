/**
 * Byte helpers shared by the whole protocol package: hex and base64 codecs (strict, throwing DecodeError),
 * concatenation, constant-shape equality and UTF-8 encoding. Pure and portable (Node and browser).
 */
import { DecodeError } from "./errors.ts";

const HEX_CHARS = "0123456789abcdef";
const HEX_TABLE: string[] = Array.from({ length: 256 }, (_, i) => HEX_CHARS[i >> 4]! + HEX_CHARS[i & 15]!);

function hexNibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/** Decodes a hex string (either case, no prefix, even length). Throws DecodeError on anything else. */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== "string") throw new DecodeError("bad_hex", "hex input must be a string");
  if (hex.length % 2 !== 0) throw new DecodeError("bad_hex", "hex string has odd length");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexNibble(hex.charCodeAt(2 * i));
    const lo = hexNibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new DecodeError("bad_hex", `invalid hex character near offset ${2 * i}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Encodes bytes as lowercase hex. */
export function bytesToHex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += HEX_TABLE[b[i]!];
  return s;
}

const B64_STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Char code -> 6-bit value; accepts both alphabets ('+' and '-' = 62, '/' and '_' = 63). -1 = invalid. */
const B64_DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  B64_DECODE[B64_STD.charCodeAt(i)] = i;
  B64_DECODE[B64_URL.charCodeAt(i)] = i;
}

/**
 * Decodes base64 in the standard or url-safe alphabet, with or without '=' padding.
 * Rejects (DecodeError) whitespace, mixed garbage, impossible lengths, misplaced padding and
 * non-zero trailing bits, so every accepted string has exactly one decoding.
 */
export function base64ToBytes(s: string): Uint8Array {
  if (typeof s !== "string") throw new DecodeError("bad_base64", "base64 input must be a string");
  let end = s.length;
  if (end % 4 === 0 && end > 0) {
    if (s.charCodeAt(end - 1) === 61) end--;
    if (s.charCodeAt(end - 1) === 61) end--;
  }
  const rem = end % 4;
  if (rem === 1) throw new DecodeError("bad_base64", "base64 string has impossible length");
  if (end !== s.length && rem === 0) throw new DecodeError("bad_base64", "base64 padding is misplaced");
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_DECODE[c]! : -1;
    if (v < 0) throw new DecodeError("bad_base64", `invalid base64 character at offset ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0)
    throw new DecodeError("bad_base64", "base64 has non-zero trailing bits");
  return out;
}

function encodeBase64(b: Uint8Array, alphabet: string, pad: boolean): string {
  let s = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    s += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const left = b.length - i;
  if (left === 1) {
    const n = b[i]! << 16;
    s += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? "==" : "");
  } else if (left === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    s += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? "=" : "");
  }
  return s;
}

/** Encodes bytes as standard, padded base64. */
export function bytesToBase64(b: Uint8Array): string {
  return encodeBase64(b, B64_STD, true);
}

/** Encodes bytes as url-safe base64 without padding. */
export function bytesToBase64Url(b: Uint8Array): string {
  return encodeBase64(b, B64_URL, false);
}

/** Concatenates byte arrays into a new one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** True when both arrays have the same length and bytes. Runs in time independent of where they differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const encoder = new TextEncoder();

/** Encodes a string as UTF-8. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
