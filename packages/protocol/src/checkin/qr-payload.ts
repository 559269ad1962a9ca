/**
 * QRCodePayload and CWALocationData codecs: ascending field order with zero values left out, byte for
 * byte like the CWA encoders; decoding throws DecodeError (and nothing else) on malformed input.
 */
import { has, type WireRecord } from "../export/proto.ts";
import { decodeFail, encodeFail, uint64ToNumber } from "../export/wire.ts";
import { isTraceLocationType, TraceLocationType } from "./location-type.ts";
import {
  CWALocationDataType,
  checkBytes,
  checkDecodeInput,
  checkString,
  checkUint32,
  checkUint64,
  decodeMessage,
  encodeMessage,
  QRCodePayloadType,
  wireBytes,
  wireString,
  wireUint32,
} from "./proto.ts";
import type { CWALocationData, QRCodePayload } from "./types.ts";

/** Upper bound on an encoded payload: a version-40 QR code holds at most 2,953 bytes. */
export const MAX_QR_CODE_PAYLOAD_BYTES = 4096;

/** Encodes a QRCodePayload. Throws ProtocolError on a field of the wrong type or out of range. */
export function encodeQrCodePayload(payload: QRCodePayload): Uint8Array {
  const fail = encodeFail("QRCodePayload");
  const loc = payload.locationData;
  const cn = payload.crowdNotifierData;
  if (typeof loc !== "object" || loc === null) fail("bad_field", "locationData is missing");
  if (typeof cn !== "object" || cn === null) fail("bad_field", "crowdNotifierData is missing");
  const message: WireRecord = {
    version: checkUint32(payload.version, "version", fail),
    locationData: {
      version: checkUint32(loc.version, "locationData.version", fail),
      description: checkString(loc.description, "locationData.description", fail),
      address: checkString(loc.address, "locationData.address", fail),
      startTimestamp: checkUint64(loc.startTimestamp, "locationData.startTimestamp", fail),
      endTimestamp: checkUint64(loc.endTimestamp, "locationData.endTimestamp", fail),
    },
    crowdNotifierData: {
      version: checkUint32(cn.version, "crowdNotifierData.version", fail),
      publicKey: checkBytes(cn.publicKey, "crowdNotifierData.publicKey", fail),
      cryptographicSeed: checkBytes(cn.cryptographicSeed, "crowdNotifierData.cryptographicSeed", fail),
    },
    vendorData: checkBytes(payload.vendorData, "vendorData", fail),
  };
  const bytes = encodeMessage(QRCodePayloadType, message);
  if (bytes.length > MAX_QR_CODE_PAYLOAD_BYTES)
    fail("too_large", `encodes to more than ${MAX_QR_CODE_PAYLOAD_BYTES} bytes`);
  return bytes;
}

/**
 * Decodes a QRCodePayload. locationData and crowdNotifierData must be present (every CWA encoder writes
 * them); absent scalar fields read as 0 / "" / empty bytes, as proto3 defines.
 */
export function decodeQrCodePayload(bytes: Uint8Array): QRCodePayload {
  const fail = decodeFail("QRCodePayload");
  checkDecodeInput(bytes, MAX_QR_CODE_PAYLOAD_BYTES, fail);
  const m = decodeMessage(QRCodePayloadType, bytes, "QRCodePayload");
  if (!has(m, "locationData")) fail("missing_field", "locationData is missing");
  if (!has(m, "crowdNotifierData")) fail("missing_field", "crowdNotifierData is missing");
  const loc = m.locationData as WireRecord;
  const cn = m.crowdNotifierData as WireRecord;
  return {
    version: wireUint32(m, "version"),
    locationData: {
      version: wireUint32(loc, "version"),
      description: wireString(loc, "description"),
      address: wireString(loc, "address"),
      startTimestamp: has(loc, "startTimestamp")
        ? uint64ToNumber(loc.startTimestamp, fail, "locationData.startTimestamp")
        : 0,
      endTimestamp: has(loc, "endTimestamp")
        ? uint64ToNumber(loc.endTimestamp, fail, "locationData.endTimestamp")
        : 0,
    },
    crowdNotifierData: {
      version: wireUint32(cn, "version"),
      publicKey: wireBytes(cn, "publicKey"),
      cryptographicSeed: wireBytes(cn, "cryptographicSeed"),
    },
    vendorData: wireBytes(m, "vendorData"),
  };
}

/** Encodes CWALocationData (the QR payload's vendorData). Throws ProtocolError on an unknown type. */
export function encodeCwaLocationData(data: CWALocationData): Uint8Array {
  const fail = encodeFail("CWALocationData");
  if (!isTraceLocationType(data.type)) fail("bad_field", "type must be a TraceLocationType (0-12)");
  return encodeMessage(CWALocationDataType, {
    version: checkUint32(data.version, "version", fail),
    type: data.type,
    defaultCheckInLengthInMinutes: checkUint32(
      data.defaultCheckInLengthInMinutes,
      "defaultCheckInLengthInMinutes",
      fail,
    ),
  });
}

/**
 * Decodes CWALocationData. A type this schema does not know (a newer CWA value) reads as
 * LOCATION_TYPE_UNSPECIFIED, as the CWA apps do.
 */
export function decodeCwaLocationData(bytes: Uint8Array): CWALocationData {
  const fail = decodeFail("CWALocationData");
  checkDecodeInput(bytes, MAX_QR_CODE_PAYLOAD_BYTES, fail);
  const m = decodeMessage(CWALocationDataType, bytes, "CWALocationData");
  const type = m.type;
  return {
    version: wireUint32(m, "version"),
    type: isTraceLocationType(type) ? type : TraceLocationType.LOCATION_TYPE_UNSPECIFIED,
    defaultCheckInLengthInMinutes: wireUint32(m, "defaultCheckInLengthInMinutes"),
  };
}
