/**
 * RPI derivation on node:crypto (OpenSSL AES, hardware-accelerated): per key, one HKDF and one
 * createCipheriv("aes-128-ecb") over all of the key's padded-data blocks. Node-only.
 */
import { createCipheriv, hkdfSync } from "node:crypto";
import { writeRpiPaddedData } from "../gaen/derive.ts";
import { createEnKdf } from "../gaen/en-hkdf.ts";
import { TEK_ROLLING_PERIOD } from "../gaen/intervals.ts";
import type { RpiDeriver } from "../matching/types.ts";

export interface NodeRpiDeriverOptions {
  /**
   * How to compute the RPIK: "js" (default) uses the allocation-free specialised HKDF of gaen/en-hkdf.ts,
   * about 4x cheaper per key than "node", which calls crypto.hkdfSync (same result, more call overhead).
   */
  kdf?: "js" | "node";
}

/** Encrypts the padded data of `count` intervals from `startInterval` under an RPIK: the key's RPIs. */
export type RpiEncryptor = (rpik: Uint8Array, startInterval: number, count: number) => Uint8Array;

const NO_SALT = new Uint8Array(0);
/** Distinct start intervals whose padded data is kept (a 14-day export has about 15). */
const MAX_CACHED_PLAINTEXTS = 64;

/**
 * One createCipheriv("aes-128-ecb") per call over all blocks. The padded data is cached per start
 * interval, since all keys of one day share it. Returns a fresh Buffer per call.
 */
export function createNodeRpiEncryptor(): RpiEncryptor {
  const plaintexts = new Map<number, Uint8Array>();
  const plaintextFor = (startInterval: number, count: number): Uint8Array => {
    let plain = plaintexts.get(startInterval);
    if (plain === undefined || plain.length < count * 16) {
      if (plaintexts.size >= MAX_CACHED_PLAINTEXTS) plaintexts.clear();
      plain = new Uint8Array(Math.max(count, TEK_ROLLING_PERIOD) * 16);
      writeRpiPaddedData(plain, startInterval, plain.length / 16);
      plaintexts.set(startInterval, plain);
    }
    return plain.length === count * 16 ? plain : plain.subarray(0, count * 16);
  };
  return (rpik, startInterval, count) =>
    // ECB on whole blocks: update() returns every block; final() (padding) is never needed.
    createCipheriv("aes-128-ecb", rpik, null).update(plaintextFor(startInterval, count));
}

/** Makes a deriver for matchKeys: RPIK by HKDF, then createNodeRpiEncryptor. One per thread. */
export function createNodeRpiDeriver(options: NodeRpiDeriverOptions = {}): RpiDeriver {
  const jsKdf = createEnKdf("EN-RPIK");
  const encrypt = createNodeRpiEncryptor();
  const rpik = new Uint8Array(16);
  if (options.kdf === "node") {
    return (keyData, start, count) =>
      encrypt(new Uint8Array(hkdfSync("sha256", keyData, NO_SALT, "EN-RPIK", 16)), start, count);
  }
  return (keyData, start, count) => encrypt(jsKdf(keyData, rpik), start, count);
}
