/**
 * Venue identifiers: locationId = SHA-256("CWA-GUID" || raw QR payload bytes) and the locationIdHash
 * that protected reports carry, SHA-256(locationId).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, utf8 } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";

/** Length of a locationId and of a locationIdHash. */
export const LOCATION_ID_LENGTH = 32;

const GUID_PREFIX = utf8("CWA-GUID");

function checkBytes(b: unknown, what: string, length?: number): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array) || (length !== undefined && b.length !== length)) {
    throw new ProtocolError("bad_argument", `${what} must be ${length ?? "a Uint8Array of"} bytes`);
  }
}

/**
 * The venue's locationId. Hash the payload bytes exactly as received (never a re-encoding: some
 * encoders write zero-valued fields, which a re-encoding would drop).
 */
export function locationId(payloadBytes: Uint8Array): Uint8Array {
  checkBytes(payloadBytes, "payload");
  return sha256(concatBytes(GUID_PREFIX, payloadBytes));
}

/** SHA-256 of a locationId: what protected reports and warnings carry instead of the id itself. */
export function locationIdHash(id: Uint8Array): Uint8Array {
  checkBytes(id, "locationId", LOCATION_ID_LENGTH);
  return sha256(id);
}
