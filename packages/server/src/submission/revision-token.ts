// Revision tokens: what /v1/publish returns so the same phone can later revise its keys (e.g. likely ->
// confirmed). AES-256-GCM sealed list of (key, rollingStartNumber, rollingPeriod) plus the issue time; opaque
// to the phone, unforgeable without the server's key. Pure given the secret, time and nonce.
import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import { base64ToBytes, bytesToBase64Url } from "@bluezone/protocol";

/** A key the token allows to be revised. */
export interface RevisableKey {
  keyData: Uint8Array;
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
}

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ENTRY_BYTES = 16 + 4 + 1;
const AAD = Buffer.from("bluezone revision token v1");

const aesKey = (secret: Uint8Array) =>
  createHash("sha256").update("bluezone/revision-token\0").update(secret).digest();

/** Characters of a sealed token for `keyCount` keys (chaff responses fake tokens of this length). */
export function revisionTokenLength(keyCount: number): number {
  const bytes = NONCE_BYTES + 1 + 4 + keyCount * ENTRY_BYTES + TAG_BYTES;
  return Math.ceil((bytes * 4) / 3);
}

/** Seals the keys and the issue time under `secret` with a 12-byte random `nonce`. */
export function sealRevisionToken(
  keys: readonly RevisableKey[],
  issuedAt: Date,
  secret: Uint8Array,
  nonce: Uint8Array,
): string {
  if (nonce.length !== NONCE_BYTES) throw new Error("revision token nonce must be 12 bytes");
  const plain = Buffer.alloc(1 + 4 + keys.length * ENTRY_BYTES);
  plain.writeUInt8(VERSION, 0);
  plain.writeUInt32BE(Math.floor(issuedAt.getTime() / 1000), 1);
  keys.forEach((k, i) => {
    const at = 5 + i * ENTRY_BYTES;
    if (k.keyData.length !== 16) throw new Error("revision token keys must be 16 bytes");
    plain.set(k.keyData, at);
    plain.writeUInt32BE(k.rollingStartIntervalNumber, at + 16);
    plain.writeUInt8(k.rollingPeriod, at + 20);
  });
  const cipher = createCipheriv("aes-256-gcm", aesKey(secret), nonce);
  cipher.setAAD(AAD);
  const sealed = Buffer.concat([
    Buffer.from(nonce),
    cipher.update(plain),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return bytesToBase64Url(sealed);
}

/** Opens a token; null when it is malformed, forged, sealed under another key or older than `ttlMs`. */
export function openRevisionToken(
  token: string,
  secret: Uint8Array,
  now: Date,
  ttlMs: number,
): RevisableKey[] | null {
  let sealed: Buffer;
  try {
    sealed = Buffer.from(base64ToBytes(token));
  } catch {
    return null;
  }
  if (sealed.length < NONCE_BYTES + 5 + TAG_BYTES) return null;
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", aesKey(secret), sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    plain = Buffer.concat([
      decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return null;
  }
  if (plain.readUInt8(0) !== VERSION || (plain.length - 5) % ENTRY_BYTES !== 0) return null;
  const issuedMs = plain.readUInt32BE(1) * 1000;
  if (now.getTime() - issuedMs > ttlMs) return null;
  const keys: RevisableKey[] = [];
  for (let at = 5; at < plain.length; at += ENTRY_BYTES) {
    keys.push({
      keyData: new Uint8Array(plain.subarray(at, at + 16)),
      rollingStartIntervalNumber: plain.readUInt32BE(at + 16),
      rollingPeriod: plain.readUInt8(at + 20),
    });
  }
  return keys;
}
