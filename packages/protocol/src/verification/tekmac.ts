/**
 * The verification-server `tekmac`: HMAC-SHA256, keyed with the app's random secret, over the canonical
 * text of the keys a diagnosis certificate allows to be published (exposure-notifications-verification-server).
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64ToBytes, bytesToBase64, equalBytes, utf8 } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";

/** The key fields the HMAC covers (a TemporaryExposureKey / ExportKey fits). */
export interface TekMacKey {
  keyData: Uint8Array;
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
  /** Missing means 0, as in the publish API. */
  transmissionRiskLevel?: number;
}

interface KeyText {
  key: string;
  full: string;
  short: string;
}

function keyTexts(keys: readonly TekMacKey[]): KeyText[] {
  if (keys.length === 0) throw new ProtocolError("no_keys", "cannot compute the tekmac of an empty key list");
  const texts = keys.map((k, i) => {
    const ints = [k.rollingStartIntervalNumber, k.rollingPeriod, k.transmissionRiskLevel ?? 0];
    if (!(k.keyData instanceof Uint8Array) || !ints.every((n) => Number.isSafeInteger(n))) {
      throw new ProtocolError("invalid_key", `key ${i} has no key bytes or non-integer fields`);
    }
    const key = bytesToBase64(k.keyData);
    const short = `${key}.${ints[0]}.${ints[1]}`;
    return { key, short, full: `${short}.${ints[2]}` };
  });
  // Sorted by the base64 key text (byte order, like Go's strings.Compare); ties broken by the whole entry
  // so the result never depends on input order.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return texts.sort((a, b) => cmp(a.key, b.key) || cmp(a.full, b.full));
}

/**
 * The canonical cleartext: each key as `base64(keyData).rollingStartIntervalNumber.rollingPeriod.transmissionRisk`
 * (standard padded base64), sorted by the base64 key, joined with ",". Without transmission risk when
 * `withTransmissionRisk` is false (the server's alternative form, valid only when every risk is 0).
 */
export function tekMacCleartext(keys: readonly TekMacKey[], withTransmissionRisk = true): string {
  return keyTexts(keys)
    .map((t) => (withTransmissionRisk ? t.full : t.short))
    .join(",");
}

function checkSecret(hmacKey: Uint8Array): void {
  if (!(hmacKey instanceof Uint8Array) || hmacKey.length === 0) {
    throw new ProtocolError("invalid_hmac_key", "the HMAC key must be non-empty bytes");
  }
}

/** HMAC-SHA256(hmacKey, cleartext): the value the app sends to `/api/certificate` and the certificate carries. */
export function computeTekMac(keys: readonly TekMacKey[], hmacKey: Uint8Array): Uint8Array {
  checkSecret(hmacKey);
  return hmac(sha256, hmacKey, utf8(tekMacCleartext(keys)));
}

/** The tekmac as standard padded base64 (the `ekeyhmac` request field and the certificate's `tekmac` claim). */
export function computeTekMacBase64(keys: readonly TekMacKey[], hmacKey: Uint8Array): string {
  return bytesToBase64(computeTekMac(keys, hmacKey));
}

/**
 * Every tekmac the key server accepts for these keys: the main one, plus the one without transmission risk
 * when all risks are 0 (CalculateAllAllowedExposureKeyHMAC).
 */
export function computeAllowedTekMacs(keys: readonly TekMacKey[], hmacKey: Uint8Array): Uint8Array[] {
  checkSecret(hmacKey);
  const macs = [hmac(sha256, hmacKey, utf8(tekMacCleartext(keys, true)))];
  if (keys.every((k) => (k.transmissionRiskLevel ?? 0) === 0)) {
    macs.push(hmac(sha256, hmacKey, utf8(tekMacCleartext(keys, false))));
  }
  return macs;
}

/**
 * Checks a certificate's tekmac (bytes, or base64 in either alphabet) against the published keys, as the
 * key server does. Returns false on mismatch or undecodable input.
 */
export function verifyTekMac(
  keys: readonly TekMacKey[],
  hmacKey: Uint8Array,
  tekmac: Uint8Array | string,
): boolean {
  let mac: Uint8Array;
  try {
    mac = typeof tekmac === "string" ? base64ToBytes(tekmac) : tekmac;
  } catch {
    return false;
  }
  let ok = false;
  for (const want of computeAllowedTekMacs(keys, hmacKey)) ok = equalBytes(want, mac) || ok;
  return ok;
}
