// Imported public signing keys cached per database handle and purpose, so verifying a signature neither re-reads
// signing_keys nor re-imports a PEM per request. Short TTL (another process may rotate); rotation here invalidates.
import { createPublicKey, type KeyObject } from "node:crypto";
import type { Db } from "../platform/db/database.ts";
import { isPublished, jwtKeyId, type SigningKeyPurpose } from "./model.ts";
import { publishedKeys } from "./store.ts";

/** How long a loaded key list is reused before signing_keys is read again. */
export const VERIFICATION_KEY_TTL_MS = 10_000;

interface CachedKey {
  jwtKid: string;
  active: boolean;
  notAfter: Date | null;
  publicKey: KeyObject;
}

interface Entry {
  keys: CachedKey[];
  /** performance.now() when loaded (monotonic: a test's fake clock does not extend the TTL). */
  loadedAt: number;
  /** The `now` the list was read for: keys retired before it are missing, so an earlier `now` reloads. */
  readFor: number;
  generation: number;
}

let generation = 0;
const cache = new WeakMap<Db, Map<SigningKeyPurpose, Entry>>();

/** Forgets every cached key list (call after any change to signing_keys in this process). */
export function invalidateVerificationKeys(): void {
  generation++;
}

async function load(db: Db, purpose: SigningKeyPurpose, now: Date): Promise<Entry> {
  const startGeneration = generation;
  const found = await publishedKeys(db, purpose, now);
  const entry: Entry = {
    keys: found.map((row) => ({
      jwtKid: jwtKeyId(row),
      active: row.active,
      notAfter: row.notAfter,
      publicKey: createPublicKey(row.publicPem),
    })),
    loadedAt: performance.now(),
    readFor: now.getTime(),
    generation: startGeneration,
  };
  let byPurpose = cache.get(db);
  if (!byPurpose) {
    byPurpose = new Map();
    cache.set(db, byPurpose);
  }
  byPurpose.set(purpose, entry);
  return entry;
}

function fresh(entry: Entry | undefined, now: Date, ttlMs: number): entry is Entry {
  return (
    entry !== undefined &&
    entry.generation === generation &&
    performance.now() - entry.loadedAt < ttlMs &&
    now.getTime() >= entry.readFor
  );
}

function pick(entry: Entry, jwtKid: string, now: Date): KeyObject | undefined {
  return entry.keys.find((k) => k.jwtKid === jwtKid && isPublished(k, now))?.publicKey;
}

/**
 * The published public key with JWT kid `jwtKid` ("kid.version") at `now`, or undefined. Served from the
 * cache while fresh; an unknown kid reloads once (a key rotated in by another process shows up at once).
 */
export async function findVerificationKey(
  db: Db,
  purpose: SigningKeyPurpose,
  jwtKid: string,
  now: Date,
  ttlMs: number = VERIFICATION_KEY_TTL_MS,
): Promise<KeyObject | undefined> {
  const cached = cache.get(db)?.get(purpose);
  if (fresh(cached, now, ttlMs)) {
    const key = pick(cached, jwtKid, now);
    if (key) return key;
  }
  return pick(await load(db, purpose, now), jwtKid, now);
}
