/**
 * RFC 4648 base32 decoding for the BASE32 payload encoding of CWA QR code descriptors: either case,
 * padding optional, strict about characters, lengths and trailing bits (DecodeError otherwise).
 */
import { DecodeError } from "../errors.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < 32; i++) {
  DECODE[ALPHABET.charCodeAt(i)] = i;
  DECODE[ALPHABET.toLowerCase().charCodeAt(i)] = i;
}
/** Unpadded lengths mod 8 that a whole number of bytes can produce. */
const VALID_REMAINDERS = new Set([0, 2, 4, 5, 7]);

/** Decodes RFC 4648 base32 (A-Z, 2-7, case-insensitive, '=' padding optional). */
export function base32ToBytes(s: string): Uint8Array {
  if (typeof s !== "string") throw new DecodeError("bad_base32", "base32 input must be a string");
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61) end--;
  if (end !== s.length && s.length % 8 !== 0) throw new DecodeError("bad_base32", "base32 padding is wrong");
  if (s.length - end > 6) throw new DecodeError("bad_base32", "base32 padding is too long");
  if (!VALID_REMAINDERS.has(end % 8))
    throw new DecodeError("bad_base32", "base32 string has impossible length");
  const out = new Uint8Array(Math.floor((end * 5) / 8));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) throw new DecodeError("bad_base32", `invalid base32 character at offset ${i}`);
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0)
    throw new DecodeError("bad_base32", "base32 has non-zero trailing bits");
  return out;
}

/** Encodes bytes as uppercase RFC 4648 base32 without padding (the form CWA puts in QR codes). */
export function bytesToBase32(b: Uint8Array): string {
  let s = "";
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < b.length; i++) {
    acc = ((acc << 8) | b[i]!) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      s += ALPHABET[(acc >> bits) & 31];
    }
  }
  if (bits > 0) s += ALPHABET[(acc << (5 - bits)) & 31];
  return s;
}
