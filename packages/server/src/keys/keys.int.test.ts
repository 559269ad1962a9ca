import { createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../platform/db/database.ts";
import { createTestDb, openSecondHandle } from "../platform/db/test-db.ts";
import { ConfigError, parseEnv } from "../platform/env.ts";
import { type KeysConfig, keysConfigFrom, keysEnv } from "./config.ts";
import { ensureServerSecret } from "./secrets.ts";
import { ensureSigningKey, getActiveSigningKey, listPublicKeys, rotateSigningKey } from "./signing-keys.ts";
import { serverSecrets, signingKeys } from "./tables.ts";

const pem = () =>
  generateKeyPairSync("ec", { namedCurve: "prime256v1" })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString();
const config = (env: Record<string, string> = {}, mode = { nodeEnv: "test", demoMode: false }): KeysConfig =>
  keysConfigFrom(parseEnv(keysEnv, env).values, mode);
const HOUR = 3_600_000;

describe("signing keys", () => {
  let database: Database;
  let now = new Date("2026-03-01T10:00:00Z");
  beforeAll(async () => {
    database = await createTestDb();
  });
  beforeEach(async () => {
    await database.db.delete(signingKeys);
    await database.db.delete(serverSecrets);
    now = new Date("2026-03-01T10:00:00Z");
  });
  afterAll(async () => {
    await database.close();
  });

  it("generates one P-256 key on first use (demo mode) and keeps it", async () => {
    const db = database.db;
    const first = await ensureSigningKey(db, "certificate", { kidPrefix: "bz-cert", config: config(), now });
    expect(first).toMatchObject({ kid: "bz-cert", version: "v1", notAfter: null });
    const again = await ensureSigningKey(db, "certificate", { kidPrefix: "bz-cert", config: config(), now });
    expect(again).toEqual(first);
    const active = await getActiveSigningKey(db, "certificate", { config: config() });
    expect(active.publicPem).toBe(first.publicPem);
    expect(active.privateKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    const signature = sign("sha256", Buffer.from("batch"), active.privateKey);
    expect(verify("sha256", Buffer.from("batch"), createPublicKey(first.publicPem), signature)).toBe(true);
    expect(JSON.stringify(active)).not.toContain("PRIVATE");
    // Purposes are independent.
    const exp = await ensureSigningKey(db, "export", { kidPrefix: "452", config: config(), now });
    expect(exp.publicPem).not.toBe(first.publicPem);
    expect(await db.select().from(signingKeys)).toHaveLength(2);
  });

  it("creates exactly one key when several processes ensure it at once", async () => {
    const second = await openSecondHandle(database);
    const handles = second ? [database.db, second.db] : [database.db];
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          ensureSigningKey(handles[i % handles.length]!, "export", {
            kidPrefix: "452",
            config: config(),
            now,
          }),
        ),
      );
      expect(new Set(results.map((r) => r.publicPem)).size).toBe(1);
      expect(await database.db.select().from(signingKeys)).toHaveLength(1);
    } finally {
      await second?.close();
    }
  });

  it("rotates: the new version signs, the old one is listed until its retirement ends", async () => {
    const db = database.db;
    const v1 = await ensureSigningKey(db, "certificate", { kidPrefix: "bz-cert", config: config(), now });
    const v2 = await rotateSigningKey(db, "certificate", { config: config(), now });
    expect(v2).toMatchObject({ kid: "bz-cert", version: "v2", notAfter: null });
    expect((await getActiveSigningKey(db, "certificate", { config: config() })).version).toBe("v2");
    const listed = await listPublicKeys(db, "certificate", { now });
    expect(listed.map((k) => k.version)).toEqual(["v2", "v1"]);
    expect(listed[1]).toEqual({ ...v1, notAfter: new Date(now.getTime() + 24 * HOUR) });
    const later = new Date(now.getTime() + 24 * HOUR);
    expect((await listPublicKeys(db, "certificate", { now: later })).map((k) => k.version)).toEqual(["v2"]);
    const v3 = await rotateSigningKey(db, "certificate", { config: config(), now, retireAfterMs: HOUR });
    expect(v3.version).toBe("v3");
    const soon = new Date(now.getTime() + 2 * HOUR);
    expect((await listPublicKeys(db, "certificate", { now: soon })).map((k) => k.version)).toEqual([
      "v3",
      "v1",
    ]);
  });

  it("uses a key from the environment, storing only its public half", async () => {
    const db = database.db;
    const generated = await ensureSigningKey(db, "export", { kidPrefix: "452", config: config(), now });
    const envKey = pem();
    const prod = config(
      { EXPORT_SIGNING_KEY_PEM: envKey, EXPORT_SIGNING_KEY_VERSION: "v2" },
      { nodeEnv: "production", demoMode: false },
    );
    const configured = await ensureSigningKey(db, "export", { kidPrefix: "452", config: prod, now });
    expect(configured).toMatchObject({ kid: "452", version: "v2", notAfter: null });
    const rows = await db.select().from(signingKeys);
    expect(rows.find((r) => r.version === "v2")?.privatePem).toBeNull();
    expect(JSON.stringify(rows)).not.toContain(envKey.split("\n")[1]);
    const active = await getActiveSigningKey(db, "export", { config: prod });
    expect(active.version).toBe("v2");
    // The generated key it replaced is still listed for EXPORT_SIGNING_KEY_RETIRE_AFTER (30 days).
    expect((await listPublicKeys(db, "export", { now })).map((k) => k.version)).toEqual(["v2", "v1"]);
    expect(generated.version).toBe("v1");
    // Without the environment key the private half is not available here.
    await expect(getActiveSigningKey(db, "export", { config: config() })).rejects.toThrow(ConfigError);
    // Rotation goes through the environment; reusing a version for another key is refused.
    await expect(rotateSigningKey(db, "export", { config: prod, now })).rejects.toThrow(/environment/);
    const clash = config({ EXPORT_SIGNING_KEY_PEM: pem(), EXPORT_SIGNING_KEY_VERSION: "v2" });
    await expect(ensureSigningKey(db, "export", { kidPrefix: "452", config: clash, now })).rejects.toThrow(
      /another key/,
    );
    const next = config({ EXPORT_SIGNING_KEY_PEM: pem(), EXPORT_SIGNING_KEY_VERSION: "v3" });
    await ensureSigningKey(db, "export", { kidPrefix: "452", config: next, now });
    expect((await listPublicKeys(db, "export", { now })).map((k) => k.version)).toEqual(["v3", "v2", "v1"]);
  });

  it("refuses to generate keys or secrets in production", async () => {
    const prod = config({}, { nodeEnv: "production", demoMode: false });
    await expect(
      ensureSigningKey(database.db, "certificate", { kidPrefix: "c", config: prod, now }),
    ).rejects.toThrow(/CERTIFICATE_SIGNING_KEY_PEM: required/);
    await expect(
      ensureServerSecret(database.db, "x", {
        configured: undefined,
        variable: "X_SECRET",
        generate: false,
        random: (n) => new Uint8Array(n),
      }),
    ).rejects.toThrow(/X_SECRET: required/);
    expect(await database.db.select().from(signingKeys)).toEqual([]);
  });

  it("generates a secret once and gives every caller the same one", async () => {
    let calls = 0;
    const random = (n: number) => new Uint8Array(n).fill(++calls);
    const options = { configured: undefined, variable: "X", generate: true, random };
    const a = await ensureServerSecret(database.db, "test.secret", options);
    const b = await ensureServerSecret(database.db, "test.secret", options);
    expect(a).toEqual(new Uint8Array(32).fill(1));
    expect(b).toEqual(a);
    const configured = new Uint8Array(40).fill(9);
    expect(await ensureServerSecret(database.db, "test.secret", { ...options, configured })).toBe(configured);
  });
});
