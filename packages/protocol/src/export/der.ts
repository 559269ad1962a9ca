/**
 * ECDSA P-256 signature encodings: DER (ASN.1 SEQUENCE of two INTEGERs, used in export.sig and by OpenSSL)
 * and IEEE P1363 (r || s, 64 bytes, used by WebCrypto). Parsing is strict DER and throws DecodeError.
 */
import { DecodeError } from "../errors.ts";

const SCALAR_LEN = 32;

function integerToDer(scalar: Uint8Array): Uint8Array {
  let i = 0;
  while (i < scalar.length - 1 && scalar[i] === 0) i++;
  const body = scalar.subarray(i);
  const pad = body[0]! & 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + body.length);
  out[0] = 0x02;
  out[1] = pad + body.length;
  out.set(body, 2 + pad);
  return out;
}

/** Converts a 64-byte P1363 signature (r || s) to DER. */
export function ecdsaP1363ToDer(sig: Uint8Array): Uint8Array {
  if (sig.length !== 2 * SCALAR_LEN) {
    throw new DecodeError("bad_signature", `P1363 signature must be ${2 * SCALAR_LEN} bytes`);
  }
  const r = integerToDer(sig.subarray(0, SCALAR_LEN));
  const s = integerToDer(sig.subarray(SCALAR_LEN));
  const out = new Uint8Array(2 + r.length + s.length);
  out[0] = 0x30;
  out[1] = r.length + s.length;
  out.set(r, 2);
  out.set(s, 2 + r.length);
  return out;
}

const bad = (message: string): never => {
  throw new DecodeError("bad_der", `DER signature: ${message}`);
};

/** Reads one minimal, non-negative INTEGER at `o`; returns its 32-byte left-padded value and the next offset. */
function readInteger(der: Uint8Array, o: number, out: Uint8Array, at: number): number {
  if (der[o] !== 0x02) bad("expected INTEGER");
  const len = der[o + 1];
  if (len === undefined || len === 0 || len > SCALAR_LEN + 1) bad("bad INTEGER length");
  const start = o + 2;
  const end = start + len!;
  if (end > der.length) bad("truncated INTEGER");
  if (der[start]! & 0x80) bad("negative INTEGER");
  if (len! > 1 && der[start] === 0 && !(der[start + 1]! & 0x80)) bad("non-minimal INTEGER");
  let value = der.subarray(start, end);
  if (value.length === SCALAR_LEN + 1) {
    if (value[0] !== 0) bad("INTEGER too large");
    value = value.subarray(1);
  }
  out.set(value, at + SCALAR_LEN - value.length);
  return end;
}

/** Converts a strict-DER ECDSA P-256 signature to 64-byte P1363 (r || s). Throws DecodeError. */
export function ecdsaDerToP1363(der: Uint8Array): Uint8Array {
  if (der.length < 8 || der.length > 2 + 2 * (2 + SCALAR_LEN + 1)) bad("bad length");
  if (der[0] !== 0x30) bad("expected SEQUENCE");
  if (der[1] !== der.length - 2) bad("SEQUENCE length does not match");
  const out = new Uint8Array(2 * SCALAR_LEN);
  const afterR = readInteger(der, 2, out, 0);
  const afterS = readInteger(der, afterR, out, SCALAR_LEN);
  if (afterS !== der.length) bad("trailing bytes");
  return out;
}
