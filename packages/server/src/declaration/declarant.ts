// The citizen's declarant key: a random bearer secret created with the first declaration and kept on the
// phone or browser; the server stores only its SHA-256. No account, no name, no phone number behind it.
import { createHash } from "node:crypto";

/** A new declarant key from 32 random bytes (base64url, 43 characters). */
export function declarantKeyFrom(random: Uint8Array): string {
  if (random.length !== 32) throw new Error("declarant keys need 32 random bytes");
  return Buffer.from(random).toString("base64url");
}

/** What the database stores instead of the key: its SHA-256, hex. */
export function hashDeclarantKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * The declarant key of "Authorization: Bearer <key>": exactly 43 base64url characters (what
 * declarantKeyFrom makes); null when absent, and "malformed" for any other Authorization value.
 */
export function declarantKeyOf(authorization: string | undefined): string | null | "malformed" {
  if (authorization === undefined || authorization.trim() === "") return null;
  const match = /^Bearer +([A-Za-z0-9_-]{43})\s*$/i.exec(authorization);
  return match?.[1] ?? "malformed";
}
