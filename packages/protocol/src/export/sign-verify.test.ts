import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DecodeError, VerificationError } from "../errors.ts";
import { decodeExportBin, encodeExportBin } from "./export-bin.ts";
import {
  ENS_PEM,
  ENS_ZIP,
  INTERNALS_PEM,
  INTERNALS_ZIP,
  vectorBytes,
  vectorText,
} from "./gaen-fixtures.testutil.ts";
import {
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateSigningKeyPair,
  importPrivateKeyPem,
  importPublicKeyPem,
} from "./keys.ts";
import { signExport } from "./sign.ts";
import { decodeSignatureList, encodeSignatureList } from "./signature-list.ts";
import { ECDSA_P256_SHA256_OID, type ExportFile, type SignatureInfo } from "./types.ts";
import { verifyExport } from "./verify.ts";
import { readExportZip, writeExportZip } from "./zip.ts";

const ens = readExportZip(vectorBytes(ENS_ZIP));
const internals = readExportZip(vectorBytes(INTERNALS_ZIP));
const ensPem = vectorText(ENS_PEM);
const internalsPem = vectorText(INTERNALS_PEM);

async function expectRejected(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VerificationError);
  expect((err as VerificationError).code).toBe(code);
}

describe("verifyExport on the official signed zips", () => {
  it("verifies both zips with their published public keys", async () => {
    const a = await verifyExport(ens.exportBin, ens.exportSig, [{ key: ensPem }]);
    expect(a.keyIndex).toBe(0);
    expect(a.signature.signatureInfo.verificationKeyId).toBe("some_id");
    const b = await verifyExport(internals.exportBin, internals.exportSig, [
      { key: ensPem },
      { key: internalsPem, keyId: "310", version: "v1" },
    ]);
    expect([b.keyIndex, b.signatureIndex]).toEqual([1, 0]);
    expect(b.signature.signatureInfo).toEqual({
      verificationKeyVersion: "v1",
      verificationKeyId: "310",
      signatureAlgorithm: ECDSA_P256_SHA256_OID,
    });
  });

  it("accepts an imported CryptoKey and a bare base64 SPKI key", async () => {
    const key = await importPublicKeyPem(ensPem);
    await expect(verifyExport(ens.exportBin, ens.exportSig, [{ key }])).resolves.toMatchObject({
      keyIndex: 0,
    });
    const bare = ensPem.replace(/-----[A-Z ]+-----/g, "");
    await expect(verifyExport(ens.exportBin, ens.exportSig, [{ key: bare }])).resolves.toMatchObject({
      keyIndex: 0,
    });
  });

  for (const [name, archive, pem] of [
    ["ens", ens, ensPem],
    ["internals", internals, internalsPem],
  ] as const) {
    it(`${name}: fails after flipping any single byte of export.bin (every position)`, async () => {
      const key = await importPublicKeyPem(pem);
      for (let i = 0; i < archive.exportBin.length; i++) {
        const bin = archive.exportBin.slice();
        bin[i]! ^= 0xff;
        await expectRejected(verifyExport(bin, archive.exportSig, [{ key }]), "bad_signature");
      }
    });
  }

  it("fails after any random single-byte change of export.bin (property)", async () => {
    const key = await importPublicKeyPem(internalsPem);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: internals.exportBin.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (pos, xor) => {
          const bin = internals.exportBin.slice();
          bin[pos]! ^= xor;
          await expectRejected(verifyExport(bin, internals.exportSig, [{ key }]), "bad_signature");
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("fails with a tampered signature, the wrong key, or a non-matching key id", async () => {
    const list = decodeSignatureList(ens.exportSig);
    const sig = list.signatures[0]!;
    const tampered = sig.signature.slice();
    tampered[tampered.length - 1]! ^= 0x01;
    const badSig = encodeSignatureList({ signatures: [{ ...sig, signature: tampered }] });
    await expectRejected(verifyExport(ens.exportBin, badSig, [{ key: ensPem }]), "bad_signature");
    await expectRejected(
      verifyExport(ens.exportBin, ens.exportSig, [{ key: internalsPem }]),
      "bad_signature",
    );
    await expectRejected(
      verifyExport(ens.exportBin, ens.exportSig, [{ key: ensPem, keyId: "310" }]),
      "no_matching_key",
    );
    await expectRejected(verifyExport(ens.exportBin, ens.exportSig, []), "no_public_keys");
    const err = await verifyExport(ens.exportBin, ens.exportSig, [{ key: internalsPem }]).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toMatch(
      /does not verify with any of the 1 given public key\(s\).*some_id/,
    );
  });

  it("skips signatures with another algorithm and non-DER signatures, saying so", async () => {
    const sig = decodeSignatureList(ens.exportSig).signatures[0]!;
    const other = encodeSignatureList({
      signatures: [
        { ...sig, signatureInfo: { ...sig.signatureInfo, signatureAlgorithm: "1.2.840.10045.4.3.3" } },
        { ...sig, signature: new Uint8Array([0x30, 0x00]) },
      ],
    });
    const err = await verifyExport(ens.exportBin, other, [{ key: ensPem }]).catch((e: Error) => e);
    expect(err).toBeInstanceOf(VerificationError);
    expect((err as Error).message).toMatch(/unsupported algorithm "1.2.840.10045.4.3.3".*not valid DER/);
  });

  it("rejects a malformed PEM or export.sig with DecodeError", async () => {
    await expect(
      verifyExport(ens.exportBin, ens.exportSig, [
        { key: "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----" },
      ]),
    ).rejects.toBeInstanceOf(DecodeError);
    await expect(
      verifyExport(ens.exportBin, new Uint8Array([0x0a, 0x05]), [{ key: ensPem }]),
    ).rejects.toBeInstanceOf(DecodeError);
  });
});

describe("signExport", () => {
  const info: SignatureInfo = {
    verificationKeyVersion: "v1",
    verificationKeyId: "452",
    signatureAlgorithm: ECDSA_P256_SHA256_OID,
  };
  const file: ExportFile = {
    startTimestamp: 1650000000,
    endTimestamp: 1650003600,
    region: "VN",
    batchNum: 1,
    batchSize: 1,
    signatureInfos: [info],
    keys: [{ keyData: new Uint8Array(16).fill(9), rollingStartIntervalNumber: 2750000, rollingPeriod: 144 }],
    revisedKeys: [],
  };
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bz-export-sign-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs a zip that verifies end to end and decodes back to the same file", async () => {
    const pair = await generateSigningKeyPair();
    const exportBin = encodeExportBin(file);
    const exportSig = await signExport(exportBin, pair.privateKey, info, 1, 1);
    const zip = writeExportZip({ exportBin, exportSig });
    const read = readExportZip(zip);
    const result = await verifyExport(read.exportBin, read.exportSig, [
      { key: await exportPublicKeyPem(pair.publicKey), keyId: "452", version: "v1" },
    ]);
    expect(result.signature).toMatchObject({ signatureInfo: info, batchNum: 1, batchSize: 1 });
    expect(decodeExportBin(read.exportBin)).toEqual(file);
  });

  it("produces a DER signature that the openssl command-line tool verifies", async () => {
    const pair = await generateSigningKeyPair();
    const privatePem = await exportPrivateKeyPem(pair.privateKey);
    const exportBin = encodeExportBin(file);
    const exportSig = await signExport(exportBin, privatePem, info, 1, 1); // PEM string path
    writeFileSync(join(dir, "export.bin"), exportBin);
    writeFileSync(join(dir, "sig.der"), decodeSignatureList(exportSig).signatures[0]!.signature);
    writeFileSync(join(dir, "pub.pem"), await exportPublicKeyPem(pair.publicKey));
    const out = execFileSync(
      "openssl",
      ["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "export.bin"],
      {
        cwd: dir,
      },
    ).toString();
    expect(out.trim()).toBe("Verified OK");
    // And openssl rejects it once export.bin changes.
    const changed = exportBin.slice();
    changed[20]! ^= 1;
    writeFileSync(join(dir, "export.bin"), changed);
    expect(() =>
      execFileSync(
        "openssl",
        ["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "export.bin"],
        {
          cwd: dir,
          stdio: "pipe",
        },
      ),
    ).toThrow();
  });

  it("interoperates with openssl keys and signatures (SEC1 private key PEM, DER signature from openssl)", async () => {
    execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.pem"], {
      cwd: dir,
      stdio: "pipe",
    });
    execFileSync("openssl", ["ec", "-in", "sec1.pem", "-pubout", "-out", "sec1-pub.pem"], {
      cwd: dir,
      stdio: "pipe",
    });
    const sec1 = readFileSync(join(dir, "sec1.pem"), "utf8");
    expect(sec1).toContain("BEGIN EC PRIVATE KEY");
    const pub = readFileSync(join(dir, "sec1-pub.pem"), "utf8");
    const exportBin = encodeExportBin(file);
    // We sign with the openssl-generated SEC1 key...
    const ours = await signExport(exportBin, await importPrivateKeyPem(sec1), info, 1, 1);
    await expect(verifyExport(exportBin, ours, [{ key: pub }])).resolves.toMatchObject({ keyIndex: 0 });
    // ...and verify a signature made by openssl itself.
    writeFileSync(join(dir, "export.bin"), exportBin);
    execFileSync("openssl", ["dgst", "-sha256", "-sign", "sec1.pem", "-out", "openssl.sig", "export.bin"], {
      cwd: dir,
    });
    const opensslSig = new Uint8Array(readFileSync(join(dir, "openssl.sig")));
    const sigFile = encodeSignatureList({
      signatures: [{ signatureInfo: info, batchNum: 1, batchSize: 1, signature: opensslSig }],
    });
    await expect(verifyExport(exportBin, sigFile, [{ key: pub }])).resolves.toMatchObject({ keyIndex: 0 });
  });
});
