/**
 * Key schedule of the GAEN crypto spec: RPIK and AEMK from a TEK (HKDF-SHA256), the RPI of an interval
 * (AES-128 of the padded "EN-RPI" block) and all RPIs of a key in a single cipher call.
 */
import { ecb } from "@noble/ciphers/aes.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8 } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { TEK_ROLLING_PERIOD } from "./intervals.ts";
import { TEK_LENGTH } from "./tek.ts";

/** Length of a Rolling Proximity Identifier in bytes. */
export const RPI_LENGTH = 16;

const RPIK_INFO = utf8("EN-RPIK");
const AEMK_INFO = utf8("EN-AEMK");
/** "EN-RPI" followed by six zero bytes: bytes 0..11 of every RPI plaintext block. */
const RPI_PREFIX = new Uint8Array(12);
RPI_PREFIX.set(utf8("EN-RPI"));

function assertKey(key: Uint8Array, what: string): void {
  if (key.length !== TEK_LENGTH) {
    throw new ProtocolError("invalid_argument", `${what} must be ${TEK_LENGTH} bytes`);
  }
}

function assertInterval(interval: number): void {
  if (!Number.isInteger(interval) || interval < 0 || interval > 0xffffffff) {
    throw new ProtocolError("invalid_argument", "EN interval number must be a uint32");
  }
}

/** RPIK = HKDF-SHA256(ikm = TEK, salt = none, info = "EN-RPIK", 16 bytes). */
export function deriveRpik(tek: Uint8Array): Uint8Array {
  assertKey(tek, "TEK");
  return hkdf(sha256, tek, undefined, RPIK_INFO, 16);
}

/** AEMK = HKDF-SHA256(ikm = TEK, salt = none, info = "EN-AEMK", 16 bytes). */
export function deriveAemk(tek: Uint8Array): Uint8Array {
  assertKey(tek, "TEK");
  return hkdf(sha256, tek, undefined, AEMK_INFO, 16);
}

/**
 * Writes the RPI plaintext blocks for `count` consecutive intervals from `startInterval` into `out`
 * ("EN-RPI" || 0x00 * 6 || uint32_le(interval), 16 bytes each).
 */
export function writeRpiPaddedData(out: Uint8Array, startInterval: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const off = i * RPI_LENGTH;
    const interval = (startInterval + i) >>> 0;
    out.set(RPI_PREFIX, off);
    out[off + 12] = interval & 0xff;
    out[off + 13] = (interval >>> 8) & 0xff;
    out[off + 14] = (interval >>> 16) & 0xff;
    out[off + 15] = interval >>> 24;
  }
}

/** The RPI broadcast during `interval`: AES-128-ECB(RPIK, PaddedData(interval)). */
export function rpiFor(rpik: Uint8Array, interval: number): Uint8Array {
  return rpisForKey(rpik, interval, 1);
}

/**
 * RPIs of `count` consecutive intervals from `startInterval`, concatenated (count * 16 bytes),
 * computed with one AES-ECB call over all blocks.
 */
export function rpisForKey(
  rpik: Uint8Array,
  startInterval: number,
  count: number = TEK_ROLLING_PERIOD,
): Uint8Array {
  assertKey(rpik, "RPIK");
  assertInterval(startInterval);
  if (!Number.isInteger(count) || count < 0 || startInterval + count - 1 > 0xffffffff) {
    throw new ProtocolError(
      "invalid_argument",
      "RPI count must be a non-negative integer within uint32 intervals",
    );
  }
  const plain = new Uint8Array(count * RPI_LENGTH);
  writeRpiPaddedData(plain, startInterval, count);
  return ecb(rpik, { disablePadding: true }).encrypt(plain);
}
