/**
 * Verifying export files: finds a TEKSignature in export.sig that verifies (ECDSA P-256 / SHA-256 over the
 * whole export.bin) with one of the trusted public keys, or throws VerificationError saying why none did.
 */
import { VerificationError } from "../errors.ts";
import { ecdsaDerToP1363 } from "./der.ts";
import { ECDSA_SHA256, importPublicKeyPem, type WebCryptoKey } from "./keys.ts";
import { decodeSignatureList } from "./signature-list.ts";
import { ECDSA_P256_SHA256_OID, type SignatureInfo, type TekSignature } from "./types.ts";

/**
 * A trusted verification key. `key` is an SPKI PEM (or bare base64 SPKI) or a CryptoKey. When `keyId` /
 * `version` are given, the key is only tried on signatures whose SignatureInfo names the same id / version.
 */
export interface ExportPublicKey {
  key: string | WebCryptoKey;
  keyId?: string;
  version?: string;
}

/** Which signature verified with which of the given keys. */
export interface ExportVerification {
  /** Index into the `publicKeys` argument. */
  keyIndex: number;
  /** Index of the verifying entry in export.sig. */
  signatureIndex: number;
  signature: TekSignature;
}

function describe(info: SignatureInfo): string {
  return `key id "${info.verificationKeyId ?? ""}" version "${info.verificationKeyVersion ?? ""}"`;
}

function keyMatches(pk: ExportPublicKey, info: SignatureInfo): boolean {
  if (pk.keyId !== undefined && pk.keyId !== info.verificationKeyId) return false;
  if (pk.version !== undefined && pk.version !== info.verificationKeyVersion) return false;
  return true;
}

async function verifyOne(key: WebCryptoKey, p1363: Uint8Array, exportBin: Uint8Array): Promise<boolean> {
  try {
    return await globalThis.crypto.subtle.verify(ECDSA_SHA256, key, p1363, exportBin);
  } catch {
    return false;
  }
}

/**
 * Verifies export.bin against export.sig with the given trusted keys. Resolves with the first signature/key
 * pair that verifies; rejects with VerificationError if none does (DecodeError if export.sig or a PEM is
 * malformed).
 */
export async function verifyExport(
  exportBin: Uint8Array,
  exportSig: Uint8Array,
  publicKeys: readonly ExportPublicKey[],
): Promise<ExportVerification> {
  if (publicKeys.length === 0) throw new VerificationError("no_public_keys", "no public key was given");
  const list = decodeSignatureList(exportSig);
  const keys = await Promise.all(
    publicKeys.map((pk) => (typeof pk.key === "string" ? importPublicKeyPem(pk.key) : pk.key)),
  );
  let tried = 0;
  const problems: string[] = [];
  for (const [signatureIndex, signature] of list.signatures.entries()) {
    const info = signature.signatureInfo;
    if (info.signatureAlgorithm !== undefined && info.signatureAlgorithm !== ECDSA_P256_SHA256_OID) {
      problems.push(`unsupported algorithm "${info.signatureAlgorithm}"`);
      continue;
    }
    let p1363: Uint8Array;
    try {
      p1363 = ecdsaDerToP1363(signature.signature);
    } catch {
      problems.push(`signature by ${describe(info)} is not valid DER`);
      continue;
    }
    for (const [keyIndex, pk] of publicKeys.entries()) {
      if (!keyMatches(pk, info)) continue;
      tried++;
      if (await verifyOne(keys[keyIndex]!, p1363, exportBin)) return { keyIndex, signatureIndex, signature };
    }
  }
  const signers = list.signatures.map((s) => describe(s.signatureInfo)).join(", ");
  const detail = problems.length > 0 ? `; ${problems.join("; ")}` : "";
  if (tried === 0) {
    throw new VerificationError(
      "no_matching_key",
      `none of the ${publicKeys.length} given public key(s) matches the signer (export.sig: ${signers})${detail}`,
    );
  }
  throw new VerificationError(
    "bad_signature",
    `signature does not verify with any of the ${publicKeys.length} given public key(s) (export.sig: ${signers})${detail}`,
  );
}
