import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecodeError } from "../errors.ts";
import { ENS_PEM, vectorText } from "./gaen-fixtures.testutil.ts";
import {
  derToPem,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateSigningKeyPair,
  importPrivateKeyPem,
  importPublicKeyPem,
  pemToDer,
} from "./keys.ts";

describe("signing key helpers", () => {
  it("re-exports an imported public key as the same PEM (64-column SPKI)", async () => {
    const pem = vectorText(ENS_PEM);
    const again = await exportPublicKeyPem(await importPublicKeyPem(pem));
    expect(again.replace(/\s+/g, "")).toBe(pem.replace(/\s+/g, ""));
    for (const line of again.trim().split("\n")) expect(line.length).toBeLessThanOrEqual(64);
    // node:crypto reads it as a P-256 key.
    expect(createPublicKey(again).asymmetricKeyDetails).toEqual({ namedCurve: "prime256v1" });
  });

  it("generates extractable pairs whose private PEM imports again", async () => {
    const pair = await generateSigningKeyPair();
    const pem = await exportPrivateKeyPem(pair.privateKey);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const key = await importPrivateKeyPem(pem);
    expect(key.type).toBe("private");
    expect(key.usages).toEqual(["sign"]);
  });

  it("finds the wanted block among several and rejects others with DecodeError", () => {
    const der = new Uint8Array([1, 2, 3, 4]);
    const text = `${derToPem(new Uint8Array([9]), "EC PARAMETERS")}${derToPem(der, "EC PRIVATE KEY")}`;
    expect(pemToDer(text, ["PRIVATE KEY", "EC PRIVATE KEY"])).toEqual({ label: "EC PRIVATE KEY", der });
    expect(() => pemToDer(text, ["PUBLIC KEY"])).toThrow(DecodeError);
  });

  it("rejects keys that are not P-256 with DecodeError", async () => {
    await expect(
      importPublicKeyPem(derToPem(new Uint8Array([0x30, 0x00]), "PUBLIC KEY")),
    ).rejects.toBeInstanceOf(DecodeError);
    await expect(importPrivateKeyPem("not base64 ***")).rejects.toBeInstanceOf(DecodeError);
  });
});
