// Pure rules of signing keys and secrets: purposes, key versions, the JWT key id, PEM settings from the
// environment, which keys are still published, and base64 secrets.
import { base64ToBytes } from "@bluezone/protocol";

/** What a key signs: verification certificates (JWT, ES256) or export files (export.sig, ECDSA P-256). */
export const SIGNING_KEY_PURPOSES = ["certificate", "export"] as const;
export type SigningKeyPurpose = (typeof SIGNING_KEY_PURPOSES)[number];

/** Key ids and versions: short, printable, safe in URLs, file names and JWT headers. */
export const KEY_LABEL = /^[A-Za-z0-9._-]{1,64}$/;

/** The next rotation version after `versions` ("v1", "v2", ...); non-"vN" versions are ignored. */
export function nextKeyVersion(versions: readonly string[]): string {
  let max = 0;
  for (const v of versions) {
    const m = /^v(\d{1,9})$/.exec(v);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `v${max + 1}`;
}

/** The JWT `kid` header (and JWKS `kid`) of a key: its family id and version, e.g. "bluezone-certificate.v2". */
export function jwtKeyId(key: { kid: string; version: string }): string {
  return `${key.kid}.${key.version}`;
}

/** A retired key is published (and verifies) while `notAfter` is in the future; the active key always. */
export function isPublished(key: { active: boolean; notAfter: Date | null }, now: Date): boolean {
  return key.active || (key.notAfter !== null && key.notAfter.getTime() > now.getTime());
}

/**
 * How a PEM setting is given: the PEM text itself (escaped "\n" allowed, as env files often need) or the
 * path of a file holding it.
 */
export function pemSetting(raw: string): { kind: "pem"; text: string } | { kind: "file"; path: string } {
  const text = raw.trim();
  if (text.startsWith("-----BEGIN")) return { kind: "pem", text: `${text.replace(/\\n/g, "\n").trim()}\n` };
  return { kind: "file", path: text };
}

/** Decodes a base64 secret (either alphabet); null when malformed or shorter than `minBytes`. */
export function decodeSecret(raw: string, minBytes: number): Uint8Array | null {
  try {
    const bytes = base64ToBytes(raw.trim());
    return bytes.length >= minBytes ? bytes : null;
  } catch {
    return null;
  }
}
