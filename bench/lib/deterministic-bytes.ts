/** Reproducible pseudo-random bytes for bench fixtures: an AES-128-CTR keystream from a fixed seed. */
import { createCipheriv, createHash } from "node:crypto";

/** A byte source: take(n) returns the next n bytes of the stream. */
export class DeterministicBytes {
  private readonly cipher;
  constructor(seed: string) {
    const key = createHash("sha256").update(seed).digest();
    this.cipher = createCipheriv("aes-128-ctr", key.subarray(0, 16), key.subarray(16, 32));
  }

  take(n: number): Uint8Array {
    return new Uint8Array(this.cipher.update(new Uint8Array(n)));
  }

  /** A uniform-ish integer in [0, n). */
  int(n: number): number {
    const b = this.take(4);
    return (((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) % n;
  }
}
