/**
 * Associated Encrypted Metadata: the 4 metadata bytes of a BLE advertisement encrypted with
 * AES-128-CTR under the AEMK, using the RPI of the same interval as the counter block.
 */
import { ctr } from "@noble/ciphers/aes.js";
import { ProtocolError } from "../errors.ts";
import { RPI_LENGTH } from "./derive.ts";
import { TEK_LENGTH } from "./tek.ts";

/** Length of the metadata and of the AEM in bytes. */
export const AEM_LENGTH = 4;

function aesCtr(aemk: Uint8Array, rpi: Uint8Array, data: Uint8Array): Uint8Array {
  if (aemk.length !== TEK_LENGTH) throw new ProtocolError("invalid_argument", "AEMK must be 16 bytes");
  if (rpi.length !== RPI_LENGTH) throw new ProtocolError("invalid_argument", "RPI must be 16 bytes");
  return ctr(aemk, rpi).encrypt(data);
}

/** AEM = AES-128-CTR(AEMK, IV = RPI, metadata). */
export function encryptAem(aemk: Uint8Array, rpi: Uint8Array, metadata: Uint8Array): Uint8Array {
  if (metadata.length !== AEM_LENGTH) throw new ProtocolError("invalid_argument", "metadata must be 4 bytes");
  return aesCtr(aemk, rpi, metadata);
}

/** Recovers the metadata from an AEM (CTR mode is its own inverse). */
export function decryptAem(aemk: Uint8Array, rpi: Uint8Array, aem: Uint8Array): Uint8Array {
  if (aem.length !== AEM_LENGTH) throw new ProtocolError("invalid_argument", "AEM must be 4 bytes");
  return aesCtr(aemk, rpi, aem);
}
