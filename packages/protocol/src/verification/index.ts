/** Verification-server binding: the `tekmac` HMAC that ties a diagnosis certificate to the uploaded keys. */
export {
  computeAllowedTekMacs,
  computeTekMac,
  computeTekMacBase64,
  type TekMacKey,
  tekMacCleartext,
  verifyTekMac,
} from "./tekmac.ts";
