/** The portable RPI deriver used by default: HKDF for the RPIK, then one AES-ECB call for all blocks. */
import { rpisForKey } from "../gaen/derive.ts";
import { createEnKdf } from "../gaen/en-hkdf.ts";
import type { RpiDeriver } from "./types.ts";

/** Makes a portable deriver (@noble/ciphers AES, specialised pure-JS HKDF); not shared across threads. */
export function createPortableRpiDeriver(): RpiDeriver {
  const rpikKdf = createEnKdf("EN-RPIK");
  const rpik = new Uint8Array(16);
  return (keyData, startInterval, count) => rpisForKey(rpikKdf(keyData, rpik), startInterval, count);
}
