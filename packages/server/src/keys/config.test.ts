import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../platform/env.ts";
import { envSecret, envSigningKeyPem, loadKeysConfig } from "./config.ts";

const p256 = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const p256Pkcs8 = p256.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const p256Sec1 = p256.privateKey.export({ type: "sec1", format: "pem" }).toString();
const p384Pem = generateKeyPairSync("ec", { namedCurve: "secp384r1" })
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();
const dir = mkdtempSync(join(tmpdir(), "bz-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("keys configuration", () => {
  const pemVar = envSigningKeyPem("X_PEM", "doc");

  it("accepts a P-256 key as PEM text (PKCS#8 or SEC1, escaped newlines) or as a file", () => {
    expect(pemVar.parse(p256Pkcs8)).toEqual({ ok: true, value: p256Pkcs8 });
    expect(pemVar.parse(p256Sec1)).toEqual({ ok: true, value: p256Pkcs8 });
    expect(pemVar.parse(p256Pkcs8.trim().replace(/\n/g, "\\n"))).toEqual({ ok: true, value: p256Pkcs8 });
    const file = join(dir, "key.pem");
    writeFileSync(file, p256Sec1);
    expect(pemVar.parse(file)).toEqual({ ok: true, value: p256Pkcs8 });
    expect(pemVar.parse(undefined)).toEqual({ ok: true, value: undefined });
  });

  it("rejects other curves, garbage and missing files without repeating the value", () => {
    const other = pemVar.parse(p384Pem);
    expect(other).toEqual({ ok: false, error: "X_PEM: not an ECDSA P-256 (prime256v1) private key" });
    const garbage = pemVar.parse("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----");
    expect(garbage.ok).toBe(false);
    expect(JSON.stringify(garbage)).not.toContain("c2VjcmV0");
    expect(pemVar.parse(join(dir, "missing.pem"))).toEqual({
      ok: false,
      error: "X_PEM: neither PEM text nor a readable PEM file",
    });
  });

  it("decodes secrets and reports short ones without echoing them", () => {
    const secret = envSecret("X_SECRET", "doc", 32);
    const value = Buffer.alloc(32, 7).toString("base64");
    expect(secret.parse(value)).toEqual({ ok: true, value: new Uint8Array(32).fill(7) });
    const short = secret.parse(Buffer.alloc(16, 7).toString("base64"));
    expect(short).toEqual({ ok: false, error: "X_SECRET: expected base64 of at least 32 bytes" });
  });

  it("generates missing keys except in production without demo mode", () => {
    expect(loadKeysConfig({}).generateMissing).toBe(true);
    expect(loadKeysConfig({ NODE_ENV: "production" }).generateMissing).toBe(false);
    expect(loadKeysConfig({ NODE_ENV: "production", DEMO_MODE: "true" }).generateMissing).toBe(true);
    expect(loadKeysConfig({ NODE_ENV: "production", KEYS_GENERATE_MISSING: "yes" }).generateMissing).toBe(
      true,
    );
  });

  it("collects the configured keys per purpose, with kid and version", () => {
    const config = loadKeysConfig({
      EXPORT_SIGNING_KEY_PEM: p256Pkcs8,
      EXPORT_SIGNING_KEY_KID: "452",
      EXPORT_SIGNING_KEY_VERSION: "v7",
    });
    expect(config.configured.export).toEqual({ privatePem: p256Pkcs8, kid: "452", version: "v7" });
    expect(config.configured.certificate).toBeUndefined();
    expect(config.retireAfterMs).toEqual({ certificate: 86_400_000, export: 30 * 86_400_000 });
    expect(() => loadKeysConfig({ EXPORT_SIGNING_KEY_KID: "bad kid!" })).toThrow(ConfigError);
  });
});
