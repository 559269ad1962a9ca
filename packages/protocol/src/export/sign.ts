/**
 * Signing export files: ECDSA P-256 / SHA-256 over the whole export.bin (header included), DER-encoded
 * into a TEKSignature of export.sig.
 */
import { ecdsaP1363ToDer } from "./der.ts";
import { ECDSA_SHA256, importPrivateKeyPem, type WebCryptoKey } from "./keys.ts";
import { encodeSignatureList } from "./signature-list.ts";
import type { SignatureInfo, TekSignature } from "./types.ts";

/** Signs export.bin bytes; returns one TEKSignature (use encodeSignatureList to combine several signers). */
export async function createTekSignature(
  exportBin: Uint8Array,
  privateKey: WebCryptoKey | string,
  signatureInfo: SignatureInfo,
  batchNum: number,
  batchSize: number,
): Promise<TekSignature> {
  const key = typeof privateKey === "string" ? await importPrivateKeyPem(privateKey) : privateKey;
  const p1363 = new Uint8Array(await globalThis.crypto.subtle.sign(ECDSA_SHA256, key, exportBin));
  return { signatureInfo: { ...signatureInfo }, batchNum, batchSize, signature: ecdsaP1363ToDer(p1363) };
}

/**
 * Signs export.bin bytes with one key and returns the export.sig bytes. `privateKey` is a CryptoKey or a
 * PKCS#8 / SEC1 PEM. `signatureInfo` should be the one listed in the export.bin's signature_infos.
 */
export async function signExport(
  exportBin: Uint8Array,
  privateKey: WebCryptoKey | string,
  signatureInfo: SignatureInfo,
  batchNum: number,
  batchSize: number,
): Promise<Uint8Array> {
  const signature = await createTekSignature(exportBin, privateKey, signatureInfo, batchNum, batchSize);
  return encodeSignatureList({ signatures: [signature] });
}
