/**
 * Creating a venue's QR payload: the TraceLocation the organiser entered, a fresh 16-byte CrowdNotifier
 * seed from the caller's CSPRNG, the CrowdNotifier public key, and CWALocationData, all at version 1.
 */
import { ProtocolError } from "../errors.ts";
import { isTraceLocationType, TraceLocationType } from "./location-type.ts";
import { encodeCwaLocationData, encodeQrCodePayload } from "./qr-payload.ts";
import type { QRCodePayload } from "./types.ts";
import { CRYPTOGRAPHIC_SEED_LENGTH, validateQrCodePayload } from "./validation.ts";

/** Version number written into every message of a new payload (QRCodePayload, TraceLocation, ...). */
export const TRACE_LOCATION_VERSION = 1;

/** What the organiser enters. Timestamps are Unix seconds (omit both for a permanent venue). */
export interface NewTraceLocationInput {
  description: string;
  address: string;
  type: TraceLocationType;
  startTimestamp?: number;
  endTimestamp?: number;
  defaultCheckInLengthInMinutes?: number;
}

/**
 * Builds and encodes a new venue's QRCodePayload. `random16` is the cryptographic seed (16 bytes from a
 * CSPRNG), `publicKey` the CrowdNotifier public key. Throws TraceLocationValidationError when the input
 * fails the apps' checks, ProtocolError on other bad arguments.
 */
export function newTraceLocation(
  input: NewTraceLocationInput,
  random16: Uint8Array,
  publicKey: Uint8Array,
): Uint8Array {
  if (!(random16 instanceof Uint8Array) || random16.length !== CRYPTOGRAPHIC_SEED_LENGTH) {
    throw new ProtocolError("bad_argument", `random16 must be ${CRYPTOGRAPHIC_SEED_LENGTH} bytes`);
  }
  if (!(publicKey instanceof Uint8Array) || publicKey.length === 0) {
    throw new ProtocolError("bad_argument", "publicKey must be non-empty bytes");
  }
  if (!isTraceLocationType(input.type) || input.type === TraceLocationType.LOCATION_TYPE_UNSPECIFIED) {
    throw new ProtocolError("bad_argument", "type must be a TraceLocationType other than UNSPECIFIED");
  }
  const payload: QRCodePayload = {
    version: TRACE_LOCATION_VERSION,
    locationData: {
      version: TRACE_LOCATION_VERSION,
      description: input.description,
      address: input.address,
      startTimestamp: input.startTimestamp ?? 0,
      endTimestamp: input.endTimestamp ?? 0,
    },
    crowdNotifierData: {
      version: TRACE_LOCATION_VERSION,
      publicKey: publicKey.slice(),
      cryptographicSeed: random16.slice(),
    },
    vendorData: encodeCwaLocationData({
      version: TRACE_LOCATION_VERSION,
      type: input.type,
      defaultCheckInLengthInMinutes: input.defaultCheckInLengthInMinutes ?? 0,
    }),
  };
  validateQrCodePayload(payload);
  return encodeQrCodePayload(payload);
}
