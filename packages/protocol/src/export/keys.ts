/**
 * ECDSA P-256 signing keys for export files via WebCrypto (globalThis.crypto.subtle, Node 20+ and browsers):
 * PEM import (SPKI public, PKCS#8 or SEC1 private), PEM export, key pair generation.
 */
import { base64ToBytes, bytesToBase64 } from "../bytes.ts";
import { DecodeError } from "../errors.ts";

type Subtle = typeof globalThis.crypto.subtle;
/** A WebCrypto CryptoKey (typed without the DOM lib). */
export type WebCryptoKey = Awaited<ReturnType<Subtle["importKey"]>>;
/** A WebCrypto key pair for signing export files. */
export interface SigningKeyPair {
  publicKey: WebCryptoKey;
  privateKey: WebCryptoKey;
}

export const ECDSA_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
export const ECDSA_SHA256 = { name: "ECDSA", hash: "SHA-256" } as const;

const subtle = (): Subtle => globalThis.crypto.subtle;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Returns the DER bytes of the first PEM block with one of `labels`; bare base64 (no armor) is accepted too. */
export function pemToDer(
  pem: string,
  labels: readonly string[],
): { label: string | undefined; der: Uint8Array } {
  if (typeof pem !== "string") throw new DecodeError("bad_pem", "PEM input must be a string");
  if (!pem.includes("-----BEGIN")) {
    return { label: undefined, der: base64ToBytes(pem.replace(/\s+/g, "")) };
  }
  for (const m of pem.matchAll(PEM_BLOCK)) {
    const label = m[1]!;
    if (labels.includes(label)) return { label, der: base64ToBytes(m[2]!.replace(/\s+/g, "")) };
  }
  throw new DecodeError("bad_pem", `no PEM block labelled ${labels.map((l) => `"${l}"`).join(" or ")}`);
}

/** Wraps DER bytes as PEM with 64-character lines. */
export function derToPem(der: Uint8Array, label: string): string {
  const b64 = bytesToBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  if (n < 0x100) return [0x81, n];
  return [0x82, n >> 8, n & 0xff];
}

/** AlgorithmIdentifier { id-ecPublicKey, prime256v1 } as DER. */
const EC_P256_ALGORITHM = [
  0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d,
  0x03, 0x01, 0x07,
];

/** Wraps a SEC1 ECPrivateKey (`BEGIN EC PRIVATE KEY`, what `openssl ecparam -genkey` writes) as PKCS#8. */
export function sec1ToPkcs8(sec1: Uint8Array): Uint8Array {
  const octet = [0x04, ...derLength(sec1.length)];
  const body = [0x02, 0x01, 0x00, ...EC_P256_ALGORITHM, ...octet];
  const total = body.length + sec1.length;
  const head = [0x30, ...derLength(total), ...body];
  const out = new Uint8Array(head.length + sec1.length);
  out.set(head, 0);
  out.set(sec1, head.length);
  return out;
}

async function importOrThrow(run: () => Promise<WebCryptoKey>, what: string): Promise<WebCryptoKey> {
  try {
    return await run();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new DecodeError("bad_key", `${what} is not a valid P-256 key (${reason})`);
  }
}

/** Imports a P-256 public key from PEM (`BEGIN PUBLIC KEY`, SPKI) or bare base64 SPKI, for verifying. */
export async function importPublicKeyPem(pem: string): Promise<WebCryptoKey> {
  const { der } = pemToDer(pem, ["PUBLIC KEY"]);
  return importOrThrow(() => subtle().importKey("spki", der, ECDSA_P256, true, ["verify"]), "public key");
}

/** Imports a P-256 private key from PEM: PKCS#8 (`BEGIN PRIVATE KEY`) or SEC1 (`BEGIN EC PRIVATE KEY`). */
export async function importPrivateKeyPem(pem: string): Promise<WebCryptoKey> {
  const { label, der } = pemToDer(pem, ["PRIVATE KEY", "EC PRIVATE KEY"]);
  const pkcs8 = label === "EC PRIVATE KEY" ? sec1ToPkcs8(der) : der;
  return importOrThrow(() => subtle().importKey("pkcs8", pkcs8, ECDSA_P256, true, ["sign"]), "private key");
}

/** Exports a public key as SPKI PEM. */
export async function exportPublicKeyPem(key: WebCryptoKey): Promise<string> {
  return derToPem(new Uint8Array(await subtle().exportKey("spki", key)), "PUBLIC KEY");
}

/** Exports a private key as PKCS#8 PEM. */
export async function exportPrivateKeyPem(key: WebCryptoKey): Promise<string> {
  return derToPem(new Uint8Array(await subtle().exportKey("pkcs8", key)), "PRIVATE KEY");
}

/** Generates an extractable ECDSA P-256 key pair (WebCrypto's own CSPRNG). */
export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const pair = await subtle().generateKey(ECDSA_P256, true, ["sign", "verify"]);
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}
