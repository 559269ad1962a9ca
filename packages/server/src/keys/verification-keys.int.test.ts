import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../platform/db/database.ts";
import { createTestDb } from "../platform/db/test-db.ts";
import { parseEnv } from "../platform/env.ts";
import { type KeysConfig, keysConfigFrom, keysEnv } from "./config.ts";
import { jwtKeyId } from "./model.ts";
import { ensureSigningKey, rotateSigningKey } from "./signing-keys.ts";
import { signingKeys } from "./tables.ts";
import { findVerificationKey } from "./verification-keys.ts";

const config = (): KeysConfig =>
  keysConfigFrom(parseEnv(keysEnv, {}).values, { nodeEnv: "test", demoMode: false });
const HOUR = 3_600_000;
const spki = (pem: string) => createPublicKey(pem).export({ type: "spki", format: "der" });

describe("verification key cache", () => {
  let database: Database;
  const now = new Date("2026-03-01T10:00:00Z");
  beforeAll(async () => {
    database = await createTestDb();
  });
  beforeEach(async () => {
    await database.db.delete(signingKeys);
  });
  afterAll(async () => {
    await database.close();
  });

  it("imports a published key once and serves it from the cache by JWT kid", async () => {
    const db = database.db;
    const v1 = await ensureSigningKey(db, "certificate", { kidPrefix: "c", config: config(), now });
    const first = await findVerificationKey(db, "certificate", jwtKeyId(v1), now);
    expect(first?.export({ type: "spki", format: "der" })).toEqual(spki(v1.publicPem));
    expect(await findVerificationKey(db, "certificate", jwtKeyId(v1), now)).toBe(first);
    expect(await findVerificationKey(db, "certificate", "c.v9", now)).toBeUndefined();
    expect(await findVerificationKey(db, "export", jwtKeyId(v1), now)).toBeUndefined();
    // TTL 0: read again, a new import of the same key.
    const reloaded = await findVerificationKey(db, "certificate", jwtKeyId(v1), now, 0);
    expect(reloaded).not.toBe(first);
    expect(reloaded?.equals(first!)).toBe(true);
  });

  it("sees a rotation at once and stops verifying the old key when it retires", async () => {
    const db = database.db;
    const v1 = await ensureSigningKey(db, "certificate", { kidPrefix: "c", config: config(), now });
    await findVerificationKey(db, "certificate", jwtKeyId(v1), now);
    const v2 = await rotateSigningKey(db, "certificate", { config: config(), now, retireAfterMs: HOUR });
    const fresh = await findVerificationKey(db, "certificate", jwtKeyId(v2), now);
    expect(fresh?.export({ type: "spki", format: "der" })).toEqual(spki(v2.publicPem));
    expect(await findVerificationKey(db, "certificate", jwtKeyId(v1), now)).toBeDefined();
    const later = new Date(now.getTime() + HOUR);
    expect(await findVerificationKey(db, "certificate", jwtKeyId(v2), later)).toBe(fresh);
    expect(await findVerificationKey(db, "certificate", jwtKeyId(v1), later)).toBeUndefined();
    // An earlier `now` than the list was read for reloads (retired keys were left out of that read).
    expect(await findVerificationKey(db, "certificate", jwtKeyId(v1), now)).toBeDefined();
  });

  it("reloads on an unknown kid (a key added by another process) and drops deleted keys after the TTL", async () => {
    const db = database.db;
    const v1 = await ensureSigningKey(db, "certificate", { kidPrefix: "c", config: config(), now });
    expect(await findVerificationKey(db, "certificate", jwtKeyId(v1), now)).toBeDefined();
    const publicPem = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    // Written straight to the table, as another server process would: no in-process invalidation.
    await db.insert(signingKeys).values({
      purpose: "certificate",
      kid: "other",
      version: "v1",
      publicPem,
      privatePem: null,
      active: false,
      notAfter: new Date(now.getTime() + HOUR),
      createdAt: now,
    });
    const other = await findVerificationKey(db, "certificate", "other.v1", now);
    expect(other?.export({ type: "spki", format: "der" })).toEqual(spki(publicPem));
    await db.delete(signingKeys);
    // Within the TTL the cached key still answers; once expired the deletion is seen.
    expect(await findVerificationKey(db, "certificate", "other.v1", now)).toBe(other);
    expect(await findVerificationKey(db, "certificate", "other.v1", now, 0)).toBeUndefined();
  });
});
