// ECDSA P-256 key material for signing keys: generation, PEM import with a curve check, public key derivation.
// Private keys only ever leave this module as KeyObjects or PKCS#8 PEM for the database, never in logs.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

/** A fresh P-256 key pair as PEM (SPKI public, PKCS#8 private). */
export function generateP256Pem(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return {
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** Imports a private key PEM (PKCS#8 or SEC1); throws unless it is an EC key on P-256. */
export function importP256PrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new Error("not a PEM private key");
  }
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new Error("not an ECDSA P-256 (prime256v1) private key");
  }
  return key;
}

/** SPKI PEM of the public half of a private key. */
export function publicPemOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
}

/** PKCS#8 PEM of a private key (normalizes SEC1 input). */
export function pkcs8PemOf(privateKey: KeyObject): string {
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}
