// Encryption at rest of a declaration's identifying and health answers: AES-256-GCM with a random 96-bit IV,
// bound to the row (associated data), with a previous key kept for reading rows sealed before a rotation.
import { createCipheriv, createDecipheriv } from "node:crypto";
import type { RandomBytes } from "../platform/feature.ts";

/** Format byte of the sealed layout: 0x01 | iv (12) | ciphertext | tag (16). */
const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that no key opens (wrong key, tampered bytes, other row). */
export class SealError extends Error {
  constructor() {
    super("sealed value cannot be opened");
    this.name = "SealError";
  }
}

export interface Sealer {
  /** Encrypts `value` (as JSON) for the row named by `context`. */
  seal(value: unknown, context: string): Uint8Array;
  /** Decrypts what seal() produced for the same `context`; throws SealError otherwise. */
  open<T>(sealed: Uint8Array, context: string): T;
}

const aad = (context: string) => Buffer.from(`bluezone:declaration:v1:${context}`, "utf8");

/** A sealer with `key` (32 bytes); `previous` keys only open. IVs come from `random`. */
export function createSealer(options: {
  key: Uint8Array;
  previous?: readonly Uint8Array[];
  random: RandomBytes;
}): Sealer {
  const keys = [options.key, ...(options.previous ?? [])];
  for (const k of keys) if (k.length !== 32) throw new Error("seal keys must be 32 bytes");
  return {
    seal(value, context) {
      const iv = options.random(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", options.key, iv);
      cipher.setAAD(aad(context));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]));
    },
    open<T>(sealed: Uint8Array, context: string): T {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new SealError();
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const body = sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES);
      const tag = sealed.subarray(sealed.length - TAG_BYTES);
      for (const key of keys) {
        try {
          const decipher = createDecipheriv("aes-256-gcm", key, iv);
          decipher.setAAD(aad(context));
          decipher.setAuthTag(tag);
          const text = Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
          return JSON.parse(text) as T;
        } catch {
          // try the next key
        }
      }
      throw new SealError();
    },
  };
}
