/**
 * Random sources: cryptoRandom (WebCrypto getRandomValues, for real phones) and SeededRandom, a small
 * deterministic PRNG (sfc32 seeded through splitmix32) for tests and the simulator - NOT for real keys.
 */
import type { Random } from "../adapters.ts";

/** Cryptographically secure random bytes from globalThis.crypto (Node 20+ and browsers). */
export const cryptoRandom: Random = {
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    // getRandomValues is limited to 65,536 bytes per call.
    for (let off = 0; off < n; off += 65536)
      globalThis.crypto.getRandomValues(out.subarray(off, off + 65536));
    return out;
  },
};

/** Deterministic PRNG: same seed, same sequence, on every platform. */
export class SeededRandom implements Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  #spareGaussian: number | undefined;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next 32-bit unsigned integer (sfc32). */
  nextUint32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  /** Uniform float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.nextFloat();
  }

  /** Standard normal sample (Box-Muller, caching the second value). */
  gaussian(): number {
    if (this.#spareGaussian !== undefined) {
      const g = this.#spareGaussian;
      this.#spareGaussian = undefined;
      return g;
    }
    let u = 0;
    while (u === 0) u = this.nextFloat();
    const v = this.nextFloat();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spareGaussian = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const w = this.nextUint32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (w >>> (8 * j)) & 0xff;
    }
    return out;
  }

  /** An independent generator derived from this one (for giving each simulated phone its own stream). */
  fork(): SeededRandom {
    return new SeededRandom(this.nextUint32());
  }
}
