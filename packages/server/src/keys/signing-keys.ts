// The signing key lifecycle: ensure a key exists (from the environment, or generated in demo mode), get the
// active private key, list the public keys that still verify, rotate. See config.ts for the variables.
import type { KeyObject } from "node:crypto";
import type { Db } from "../platform/db/database.ts";
import { transaction } from "../platform/db/database.ts";
import { ConfigError } from "../platform/env.ts";
import { type KeysConfig, loadKeysConfig } from "./config.ts";
import { generateP256Pem, importP256PrivateKey, publicPemOf } from "./crypto.ts";
import { KEY_LABEL, nextKeyVersion, type SigningKeyPurpose } from "./model.ts";
import {
  findActiveKey,
  findKey,
  insertActiveKey,
  keyVersions,
  lockPurpose,
  publishedKeys,
  reactivateKey,
  retireActiveKey,
  type SigningKeyRow,
} from "./store.ts";
import { invalidateVerificationKeys } from "./verification-keys.ts";

/** A public signing key as served to verifiers (JWKS, export public key lists). */
export interface PublicSigningKey {
  kid: string;
  version: string;
  publicPem: string;
  /** Null for the active key; for a retired key, when it stops being published. */
  notAfter: Date | null;
}

/** The key that signs now. `privateKey` must never be logged or serialized. */
export interface ActiveSigningKey {
  kid: string;
  version: string;
  privateKey: KeyObject;
  publicPem: string;
}

export interface SigningKeyOptions {
  /** Keys config; default: read from process.env (loadKeysConfig). */
  config?: KeysConfig;
  /** Default: the current time. */
  now?: Date;
}

const PEM_VARIABLE: Record<SigningKeyPurpose, string> = {
  certificate: "CERTIFICATE_SIGNING_KEY_PEM",
  export: "EXPORT_SIGNING_KEY_PEM",
};

const publicView = (row: SigningKeyRow): PublicSigningKey => ({
  kid: row.kid,
  version: row.version,
  publicPem: row.publicPem,
  notAfter: row.notAfter,
});

/**
 * Makes sure `purpose` has an active key and returns its public view. With a key in the environment, that key
 * becomes the active one (a different previous key is retired, still published for the retire-after period);
 * otherwise an existing active key is kept, or one is generated (`kidPrefix`, version v1, v2, ...) when
 * generation is allowed. Safe to call from several processes at once.
 */
export async function ensureSigningKey(
  db: Db,
  purpose: SigningKeyPurpose,
  options: SigningKeyOptions & { kidPrefix: string },
): Promise<PublicSigningKey> {
  if (!KEY_LABEL.test(options.kidPrefix)) throw new Error(`invalid kidPrefix "${options.kidPrefix}"`);
  const config = options.config ?? loadKeysConfig();
  const now = options.now ?? new Date();
  const configured = config.configured[purpose];
  const ensured = await transaction(db, async (tx) => {
    await lockPurpose(tx, purpose);
    const active = await findActiveKey(tx, purpose);
    if (configured) {
      const kid = configured.kid ?? options.kidPrefix;
      const publicPem = publicPemOf(importP256PrivateKey(configured.privatePem));
      const existing = await findKey(tx, purpose, kid, configured.version);
      if (existing && existing.publicPem !== publicPem) {
        throw new ConfigError([
          `${PEM_VARIABLE[purpose]}: key ${kid} ${configured.version} is already registered with another key; change the version to rotate`,
        ]);
      }
      if (existing?.active) return publicView(existing);
      await retireActiveKey(tx, purpose, new Date(now.getTime() + config.retireAfterMs[purpose]));
      if (existing) {
        await reactivateKey(tx, existing.id);
        return { ...publicView(existing), notAfter: null };
      }
      const row = await insertActiveKey(tx, {
        purpose,
        kid,
        version: configured.version,
        publicPem,
        privatePem: null,
        createdAt: now,
      });
      return publicView(row);
    }
    if (active) return publicView(active);
    if (!config.generateMissing) {
      throw new ConfigError([`${PEM_VARIABLE[purpose]}: required (no ${purpose} signing key is configured)`]);
    }
    return publicView(await generateActiveKey(tx, purpose, options.kidPrefix, now));
  });
  invalidateVerificationKeys();
  return ensured;
}

async function generateActiveKey(
  tx: Db,
  purpose: SigningKeyPurpose,
  kid: string,
  now: Date,
): Promise<SigningKeyRow> {
  const version = nextKeyVersion(await keyVersions(tx, purpose, kid));
  const pem = generateP256Pem();
  return insertActiveKey(tx, {
    purpose,
    kid,
    version,
    publicPem: pem.publicPem,
    privatePem: pem.privatePem,
    createdAt: now,
  });
}

/**
 * The active key with its private half (from the database for generated keys, from the environment for
 * configured ones). Throws when there is none (call ensureSigningKey at start).
 */
export async function getActiveSigningKey(
  db: Db,
  purpose: SigningKeyPurpose,
  options: Pick<SigningKeyOptions, "config"> = {},
): Promise<ActiveSigningKey> {
  const row = await findActiveKey(db, purpose);
  if (!row) throw new Error(`no active ${purpose} signing key (ensureSigningKey was not called)`);
  let privatePem = row.privatePem;
  if (privatePem === null) {
    const configured = (options.config ?? loadKeysConfig()).configured[purpose];
    if (configured && configured.version === row.version && (configured.kid ?? row.kid) === row.kid) {
      privatePem = configured.privatePem;
    }
  }
  if (privatePem === null) {
    throw new ConfigError([
      `${PEM_VARIABLE[purpose]}: the active ${purpose} key ${row.kid} ${row.version} has no private key here`,
    ]);
  }
  const privateKey = importP256PrivateKey(privatePem);
  if (publicPemOf(privateKey) !== row.publicPem) {
    throw new ConfigError([
      `${PEM_VARIABLE[purpose]}: does not match the active key ${row.kid} ${row.version}`,
    ]);
  }
  return { kid: row.kid, version: row.version, privateKey, publicPem: row.publicPem };
}

/** The public keys verifiers should accept: the active key and retired keys not yet past `notAfter`. */
export async function listPublicKeys(
  db: Db,
  purpose: SigningKeyPurpose,
  options: Pick<SigningKeyOptions, "now"> = {},
): Promise<PublicSigningKey[]> {
  return (await publishedKeys(db, purpose, options.now ?? new Date())).map(publicView);
}

/**
 * Replaces the active key by a newly generated one (same kid, next version; `kidPrefix` when there was none).
 * The old key stays published for the purpose's retire-after period (or `retireAfterMs`). Not available when
 * the key comes from the environment: rotate by setting a new PEM and version there.
 */
export async function rotateSigningKey(
  db: Db,
  purpose: SigningKeyPurpose,
  options: SigningKeyOptions & { kidPrefix?: string; retireAfterMs?: number } = {},
): Promise<PublicSigningKey> {
  const config = options.config ?? loadKeysConfig();
  const now = options.now ?? new Date();
  if (config.configured[purpose]) {
    throw new ConfigError([
      `${PEM_VARIABLE[purpose]}: the ${purpose} key comes from the environment; rotate it there (new PEM and version)`,
    ]);
  }
  const rotated = await transaction(db, async (tx) => {
    await lockPurpose(tx, purpose);
    const active = await findActiveKey(tx, purpose);
    const kid = active?.kid ?? options.kidPrefix;
    if (!kid) throw new Error(`no ${purpose} key to rotate and no kidPrefix given`);
    const retireAfter = options.retireAfterMs ?? config.retireAfterMs[purpose];
    await retireActiveKey(tx, purpose, new Date(now.getTime() + retireAfter));
    return publicView(await generateActiveKey(tx, purpose, kid, now));
  });
  invalidateVerificationKeys();
  return rotated;
}
