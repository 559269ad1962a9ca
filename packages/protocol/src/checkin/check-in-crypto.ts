/**
 * Check-in report cryptography (CWA event registration): keys derived from the locationId, AES-256-CBC
 * with PKCS#7 under a caller-supplied IV, and HMAC-SHA-256 over iv || ciphertext, checked before decrypting.
 */
import { cbc } from "@noble/ciphers/aes.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, equalBytes, utf8 } from "../bytes.ts";
import { DecodeError, ProtocolError, VerificationError } from "../errors.ts";
import { encodeFail } from "../export/wire.ts";
import { decodeCheckInRecord, encodeCheckInRecord } from "./check-in-record.ts";
import { LOCATION_ID_LENGTH, locationIdHash } from "./location-id.ts";
import { CHECK_IN_REPORT_LENGTHS, checkReportShape } from "./protected-report.ts";
import type { CheckInProtectedReport, CheckInRecord } from "./types.ts";

/** Length of the random IV a report is encrypted under. */
export const CHECK_IN_IV_LENGTH = CHECK_IN_REPORT_LENGTHS.iv;

const ENCRYPTION_KEY_PREFIX = utf8("CWA-ENCRYPTION-KEY");
const MAC_KEY_PREFIX = utf8("CWA-MAC-KEY");

function checkLocationId(id: unknown): asserts id is Uint8Array {
  if (!(id instanceof Uint8Array) || id.length !== LOCATION_ID_LENGTH) {
    throw new ProtocolError("bad_argument", `locationId must be ${LOCATION_ID_LENGTH} bytes`);
  }
}

/** AES-256 key of a venue's reports: SHA-256("CWA-ENCRYPTION-KEY" || locationId). */
export function checkInEncryptionKey(locationId: Uint8Array): Uint8Array {
  checkLocationId(locationId);
  return sha256(concatBytes(ENCRYPTION_KEY_PREFIX, locationId));
}

/** HMAC key of a venue's reports: SHA-256("CWA-MAC-KEY" || locationId). */
export function checkInMacKey(locationId: Uint8Array): Uint8Array {
  checkLocationId(locationId);
  return sha256(concatBytes(MAC_KEY_PREFIX, locationId));
}

/** HMAC-SHA-256(macKey, iv || encryptedCheckInRecord). */
export function checkInReportMac(
  macKey: Uint8Array,
  iv: Uint8Array,
  encryptedCheckInRecord: Uint8Array,
): Uint8Array {
  return hmac(sha256, macKey, concatBytes(iv, encryptedCheckInRecord));
}

/**
 * Encrypts a record for the venue `locationId` under `iv` (16 bytes; take it from a CSPRNG, fresh for
 * every report) and returns the protected report.
 */
export function encryptCheckInRecord(
  record: CheckInRecord,
  locationId: Uint8Array,
  iv: Uint8Array,
): CheckInProtectedReport {
  checkLocationId(locationId);
  if (!(iv instanceof Uint8Array) || iv.length !== CHECK_IN_IV_LENGTH) {
    throw new ProtocolError("bad_argument", `iv must be ${CHECK_IN_IV_LENGTH} bytes`);
  }
  const plaintext = encodeCheckInRecord(record);
  const encryptedCheckInRecord = cbc(checkInEncryptionKey(locationId), iv).encrypt(plaintext);
  return {
    locationIdHash: locationIdHash(locationId),
    iv: iv.slice(),
    encryptedCheckInRecord,
    mac: checkInReportMac(checkInMacKey(locationId), iv, encryptedCheckInRecord),
  };
}

/**
 * Decrypts a report with the locationId of the phone's own check-in. The MAC is checked first, in time
 * independent of where it differs: VerificationError("bad_mac") when it does not match (another venue, or
 * tampered). A report that authenticates but does not decrypt to a record throws DecodeError.
 */
export function decryptCheckInReport(report: CheckInProtectedReport, locationId: Uint8Array): CheckInRecord {
  checkLocationId(locationId);
  checkReportShape(report, encodeFail("CheckInProtectedReport"));
  const expected = checkInReportMac(checkInMacKey(locationId), report.iv, report.encryptedCheckInRecord);
  if (!equalBytes(expected, report.mac)) {
    throw new VerificationError("bad_mac", "check-in report MAC does not match this locationId");
  }
  let plaintext: Uint8Array;
  try {
    plaintext = cbc(checkInEncryptionKey(locationId), report.iv).decrypt(report.encryptedCheckInRecord);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new DecodeError("bad_padding", `check-in report does not decrypt (${reason})`);
  }
  return decodeCheckInRecord(plaintext);
}
