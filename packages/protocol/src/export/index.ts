/**
 * GAEN key export files: export.bin / export.sig codecs, the zip container, ECDSA P-256 signing and
 * verification, and the key helpers they need.
 */
export { ecdsaDerToP1363, ecdsaP1363ToDer } from "./der.ts";
export { decodeExportBin, encodeExportBin, hasExportBinHeader } from "./export-bin.ts";
export {
  derToPem,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateSigningKeyPair,
  importPrivateKeyPem,
  importPublicKeyPem,
  pemToDer,
  type SigningKeyPair,
  type WebCryptoKey,
} from "./keys.ts";
export { EXPORT_PROTO_SOURCE } from "./proto.ts";
export { createTekSignature, signExport } from "./sign.ts";
export { decodeSignatureList, encodeSignatureList } from "./signature-list.ts";
export {
  ECDSA_P256_SHA256_OID,
  EXPORT_BIN_HEADER,
  type ExportFile,
  type ExportKey,
  MAX_EXPORT_BIN_BYTES,
  MAX_EXPORT_SIG_BYTES,
  MAX_EXPORT_ZIP_BYTES,
  MAX_KEYS_PER_BATCH,
  MAX_SIGNATURES,
  ReportType,
  reportTypeName,
  type SignatureInfo,
  type TekSignature,
  type TekSignatureList,
} from "./types.ts";
export { type ExportPublicKey, type ExportVerification, verifyExport } from "./verify.ts";
export { type ExportArchive, readExportZip, writeExportZip } from "./zip.ts";
