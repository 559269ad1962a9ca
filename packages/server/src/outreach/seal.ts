// Recipients' addresses at rest: AES-256-GCM with a random 96-bit IV, bound to the recipient hash (associated
// data) so a sealed address cannot be moved to another row. Layout: iv (12) | ciphertext | tag (16).
import { createCipheriv, createDecipheriv } from "node:crypto";
import type { RandomBytes } from "../platform/feature.ts";

export interface AddressSealer {
  seal(address: string, recipientHash: string): Uint8Array;
  /** The address, or throws when the key or the hash does not match. */
  open(sealed: Uint8Array, recipientHash: string): string;
}

const aad = (hash: string) => Buffer.from(`bluezone:outreach:v1:${hash}`, "utf8");

export function addressSealer(key: Uint8Array, random: RandomBytes): AddressSealer {
  if (key.length !== 32) throw new Error("OUTREACH_ADDRESS_KEY must be 32 bytes");
  return {
    seal(address, hash) {
      const iv = random(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(aad(hash));
      const body = Buffer.concat([cipher.update(address, "utf8"), cipher.final()]);
      return new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()]));
    },
    open(sealed, hash) {
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
      decipher.setAAD(aad(hash));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([
        decipher.update(bytes.subarray(12, bytes.length - 16)),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}
