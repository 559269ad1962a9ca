/**
 * BLE payload of the Exposure Notification service (Bluetooth Specification v1.2): the 4-byte
 * metadata (version, transmit power) and the 20-byte service data (RPI || AEM) under UUID 0xFD6F.
 */
import { concatBytes } from "../bytes.ts";
import { DecodeError, ProtocolError } from "../errors.ts";
import { AEM_LENGTH } from "./aem.ts";
import { RPI_LENGTH } from "./derive.ts";

/** 16-bit UUID of the Exposure Notification service. */
export const EN_SERVICE_UUID = 0xfd6f;
/** Length of the service data: RPI (16) + AEM (4). */
export const SERVICE_DATA_LENGTH = RPI_LENGTH + AEM_LENGTH;

/** Decoded metadata: protocol version and calibrated transmit power level. */
export interface BleMetadata {
  versionMajor: number;
  versionMinor: number;
  /** Transmit power in dBm, signed 8-bit. */
  txPowerDbm: number;
}

/** Encodes metadata: byte 0 = major (bits 7..6) | minor (bits 5..4), byte 1 = int8 tx power, bytes 2..3 reserved. */
export function bleMetadata(opts: {
  versionMajor?: number;
  versionMinor?: number;
  txPowerDbm: number;
}): Uint8Array {
  const { versionMajor = 1, versionMinor = 0, txPowerDbm } = opts;
  const isBits2 = (v: number) => Number.isInteger(v) && v >= 0 && v <= 3;
  if (!isBits2(versionMajor) || !isBits2(versionMinor)) {
    throw new ProtocolError("invalid_argument", "BLE version fields must be integers 0..3");
  }
  if (!Number.isInteger(txPowerDbm) || txPowerDbm < -128 || txPowerDbm > 127) {
    throw new ProtocolError("invalid_argument", "transmit power must be an int8 (dBm)");
  }
  return Uint8Array.of((versionMajor << 6) | (versionMinor << 4), txPowerDbm & 0xff, 0, 0);
}

/** Decodes 4 metadata bytes; reserved bits are ignored (reserved for future versions). */
export function parseBleMetadata(bytes: Uint8Array): BleMetadata {
  if (!(bytes instanceof Uint8Array) || bytes.length !== AEM_LENGTH) {
    throw new DecodeError("bad_ble_metadata", `BLE metadata must be ${AEM_LENGTH} bytes`);
  }
  const b0 = bytes[0]!;
  const tx = bytes[1]!;
  return { versionMajor: b0 >> 6, versionMinor: (b0 >> 4) & 3, txPowerDbm: tx > 127 ? tx - 256 : tx };
}

/** The service data advertised under EN_SERVICE_UUID: RPI || AEM. */
export function advertisementServiceData(rpi: Uint8Array, aem: Uint8Array): Uint8Array {
  if (rpi.length !== RPI_LENGTH || aem.length !== AEM_LENGTH) {
    throw new ProtocolError("invalid_argument", "service data needs a 16-byte RPI and a 4-byte AEM");
  }
  return concatBytes(rpi, aem);
}

/** Splits received service data into RPI and AEM (copies). */
export function parseAdvertisementServiceData(bytes: Uint8Array): { rpi: Uint8Array; aem: Uint8Array } {
  if (!(bytes instanceof Uint8Array) || bytes.length !== SERVICE_DATA_LENGTH) {
    throw new DecodeError("bad_service_data", `EN service data must be ${SERVICE_DATA_LENGTH} bytes`);
  }
  return { rpi: bytes.slice(0, RPI_LENGTH), aem: bytes.slice(RPI_LENGTH) };
}
