// Test helpers of the export feature: insert diagnosis keys as the submission feature stores them, and read
// back and verify everything index.txt lists (protocol verifyExport plus `openssl dgst -verify`).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decodeExportBin,
  decodeSignatureList,
  type ExportFile,
  readExportZip,
  verifyExport,
} from "@bluezone/protocol";
import type { BlobStore } from "../platform/blob/store.ts";
import type { Db } from "../platform/db/database.ts";
import { diagnosisKeys } from "../submission/tables.ts";

export type NewDiagnosisKey = typeof diagnosisKeys.$inferInsert;

/** A diagnosis key row with defaults: random key data, confirmed test, created and available at `createdAt`. */
export function diagnosisKey(createdAt: Date, overrides: Partial<NewDiagnosisKey> = {}): NewDiagnosisKey {
  return {
    keyData: new Uint8Array(randomBytes(16)),
    rollingStartIntervalNumber: Math.floor(createdAt.getTime() / 600_000 / 144) * 144 - 144,
    rollingPeriod: 144,
    transmissionRisk: 4,
    reportType: 1,
    daysSinceOnset: 2,
    healthAuthority: "vn.bluezone",
    createdAt,
    availableAt: createdAt,
    ...overrides,
  };
}

export async function insertDiagnosisKeys(db: Db, keys: readonly NewDiagnosisKey[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) await db.insert(diagnosisKeys).values(keys.slice(i, i + 500));
}

export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** One listed file, read back, verified and decoded. */
export interface ListedFile {
  path: string;
  file: ExportFile;
  exportBin: Uint8Array;
  exportSig: Uint8Array;
}

/** index.txt's lines ([] when there is no index). */
export async function readIndex(blobs: BlobStore, folder = "exposureKeyExport-VN"): Promise<string[]> {
  const bytes = await blobs.get(`${folder}/index.txt`);
  if (!bytes) return [];
  return new TextDecoder()
    .decode(bytes)
    .split("\n")
    .filter((l) => l !== "");
}

/** Reads every file index.txt lists; each must exist and verify with `publicPem` (else this throws). */
export async function readListedFiles(
  blobs: BlobStore,
  publicPem: string,
  folder = "exposureKeyExport-VN",
): Promise<ListedFile[]> {
  const out: ListedFile[] = [];
  for (const path of await readIndex(blobs, folder)) {
    const zip = await blobs.get(path);
    if (!zip) throw new Error(`index.txt lists ${path}, which does not exist`);
    const { exportBin, exportSig } = readExportZip(zip);
    await verifyExport(exportBin, exportSig, [{ key: publicPem }]);
    out.push({ path, file: decodeExportBin(exportBin), exportBin, exportSig });
  }
  return out;
}

/** Verifies export.bin against the DER signature in export.sig with the openssl command line tool. */
export function opensslVerifies(exportBin: Uint8Array, exportSig: Uint8Array, publicPem: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), "bz-openssl-"));
  try {
    const signature = decodeSignatureList(exportSig).signatures[0]?.signature;
    if (!signature) return false;
    writeFileSync(join(dir, "export.bin"), exportBin);
    writeFileSync(join(dir, "sig.der"), signature);
    writeFileSync(join(dir, "pub.pem"), publicPem);
    try {
      const out = execFileSync(
        "openssl",
        [
          "dgst",
          "-sha256",
          "-verify",
          join(dir, "pub.pem"),
          "-signature",
          join(dir, "sig.der"),
          join(dir, "export.bin"),
        ],
        { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
      return out.trim() === "Verified OK";
    } catch {
      return false;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
