// The health authority's sealing key for staff-assisted check-ins (X25519, libsodium crypto_box_seal): the
// public key from CHECKIN_ASSISTED_PUBLIC_KEY (production) or generated in demo mode, when the private key is
// written to DATA_DIR/health-authority-sealing-key.txt and only the public key is kept in the database.
import { generateKeyPairSync } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "../platform/db/database.ts";
import { envInt, envOptionalString } from "../platform/env.ts";
import { storeAssistedPublicKey, storedAssistedPublicKey } from "./assisted-store.ts";

export const assistedEnv = {
  assistedPublicKey: envOptionalString(
    "CHECKIN_ASSISTED_PUBLIC_KEY",
    "Health authority's X25519 public key (base64, 32 bytes) that staff-assisted check-ins are sealed to " +
      "(libsodium sealed box). Unset: the key generated in demo mode, else staff-assisted check-in is off.",
    { pattern: /^[A-Za-z0-9+/]{43}=$/ },
  ),
  assistedRateLimit: envInt(
    "CHECKIN_ASSISTED_RATE_LIMIT",
    120,
    "Staff-assisted check-in and release requests per client address per minute.",
    { min: 1 },
  ),
};

/** Name of the file the demo writes the private key to, in DATA_DIR. */
export const SEALING_KEY_FILE = "health-authority-sealing-key.txt";

/** A new X25519 key pair as raw 32-byte keys (the same keys libsodium's crypto_box_keypair makes). */
export function generateSealingKeyPair(): { publicKey: Uint8Array; privateKey: Uint8Array } {
  const pair = generateKeyPairSync("x25519");
  const pub = pair.publicKey.export({ format: "jwk" }).x;
  const priv = pair.privateKey.export({ format: "jwk" }).d;
  if (!pub || !priv) throw new Error("x25519 key export failed");
  return {
    publicKey: new Uint8Array(Buffer.from(pub, "base64url")),
    privateKey: new Uint8Array(Buffer.from(priv, "base64url")),
  };
}

/** The key file's text: two comment lines, then `public:` and `private:` in standard base64. */
export function sealingKeyFileText(pair: { publicKey: Uint8Array; privateKey: Uint8Array }): string {
  return [
    "# Bluezone: khoá bí mật của cơ quan y tế để mở bản ghi check-in hộ. Giữ bí mật; chỉ nạp vào trang /officials/assisted-records.",
    "# Health authority's private key for staff-assisted check-ins (libsodium sealed box, X25519). Keep it secret.",
    `public: ${Buffer.from(pair.publicKey).toString("base64")}`,
    `private: ${Buffer.from(pair.privateKey).toString("base64")}`,
    "",
  ].join("\n");
}

/** The sealing public key in force: configured, else stored (demo), else undefined (the feature is off). */
export async function assistedPublicKey(db: Db, configured: string | undefined): Promise<string | undefined> {
  return configured ?? (await storedAssistedPublicKey(db));
}

/**
 * Demo mode: makes sure a sealing key exists. On first start generates a pair, writes the private key to
 * `dir/health-authority-sealing-key.txt` (mode 0600) and stores the public key. Returns the file and whether
 * it was created now.
 */
export async function ensureAssistedSealingKey(
  db: Db,
  dir: string,
): Promise<{ created: boolean; file: string; publicKey: string }> {
  const file = join(dir, SEALING_KEY_FILE);
  const existing = await storedAssistedPublicKey(db);
  if (existing) return { created: false, file, publicKey: existing };
  const pair = generateSealingKeyPair();
  await mkdir(dir, { recursive: true });
  await writeFile(file, sealingKeyFileText(pair), { mode: 0o600 });
  const stored = await storeAssistedPublicKey(db, Buffer.from(pair.publicKey).toString("base64"));
  return { created: true, file, publicKey: stored };
}
