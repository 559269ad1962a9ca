/**
 * Downloading check-in warning packages: `<warningsUrl>/index.json` lists hourly intervals; each package is
 * `<n>.bin` (TraceWarningPackage) with `<n>.sig`, an ECDSA P-256 / SHA-256 DER signature over the whole .bin made
 * with the export signing key. A package is accepted only if the signature verifies with one of the configured
 * export public keys (the same keys that verify export files) and it is the interval it is listed as; any
 * failure throws WarningPackageRejectedError naming the package.
 */
import {
  type CheckInProtectedReport,
  decodeTraceWarningPackage,
  type ExportPublicKey,
  ecdsaDerToP1363,
  importPublicKeyPem,
} from "@bluezone/protocol";
import type { Http } from "../adapters.ts";
import { DeviceError } from "../errors.ts";

/** A warning package could not be used: download failed, no or a wrong signature, or it is malformed. */
export class WarningPackageRejectedError extends DeviceError {
  /** The package's file name (`<n>.bin`), or `index.json`. */
  readonly file: string;

  constructor(code: string, file: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "WarningPackageRejectedError";
    this.file = file;
  }
}

const ECDSA_SHA256 = { name: "ECDSA", hash: "SHA-256" } as const;

/** The intervals index.json lists (integers only); a 404 means nothing was published yet. */
export async function fetchWarningIndex(http: Http, baseUrl: string): Promise<number[]> {
  const res = await http.get(`${baseUrl}/index.json`);
  if (res.status === 404) return [];
  if (res.status !== 200) {
    throw new WarningPackageRejectedError(
      "download_failed",
      "index.json",
      `index.json download failed with HTTP ${res.status}`,
    );
  }
  let index: { intervals?: unknown };
  try {
    index = JSON.parse(new TextDecoder().decode(res.body)) as { intervals?: unknown };
  } catch (e) {
    throw new WarningPackageRejectedError("bad_index", "index.json", "index.json is not JSON", { cause: e });
  }
  return Array.isArray(index?.intervals)
    ? index.intervals.filter((i): i is number => Number.isSafeInteger(i) && i >= 0)
    : [];
}

/** Whether `signature` (DER) over `data` verifies with one of `publicKeys`. */
export async function verifyWarningSignature(
  data: Uint8Array,
  signature: Uint8Array,
  publicKeys: readonly ExportPublicKey[],
): Promise<boolean> {
  let p1363: Uint8Array;
  try {
    p1363 = ecdsaDerToP1363(signature);
  } catch {
    return false;
  }
  for (const pk of publicKeys) {
    try {
      const key = typeof pk.key === "string" ? await importPublicKeyPem(pk.key) : pk.key;
      if (await globalThis.crypto.subtle.verify(ECDSA_SHA256, key, p1363, data)) return true;
    } catch {
      // a key that does not import or verify does not vouch for the package
    }
  }
  return false;
}

/** Downloads package `interval`, verifies its signature and decodes it. Throws WarningPackageRejectedError. */
export async function downloadVerifiedWarnings(
  http: Http,
  baseUrl: string,
  interval: number,
  publicKeys: readonly ExportPublicKey[],
): Promise<CheckInProtectedReport[]> {
  const file = `${interval}.bin`;
  const bin = await http.get(`${baseUrl}/${file}`);
  if (bin.status !== 200) {
    throw new WarningPackageRejectedError(
      "download_failed",
      file,
      `warning package ${file} download failed with HTTP ${bin.status}`,
    );
  }
  const sig = await http.get(`${baseUrl}/${interval}.sig`);
  if (sig.status !== 200 || sig.body.length === 0) {
    throw new WarningPackageRejectedError(
      "unsigned",
      file,
      `warning package ${file} rejected: it has no signature (${interval}.sig: HTTP ${sig.status})`,
    );
  }
  if (!(await verifyWarningSignature(bin.body, sig.body, publicKeys))) {
    throw new WarningPackageRejectedError(
      "bad_signature",
      file,
      `warning package ${file} rejected: its signature does not verify with the configured export keys`,
    );
  }
  let pkg: ReturnType<typeof decodeTraceWarningPackage>;
  try {
    pkg = decodeTraceWarningPackage(bin.body);
  } catch (e) {
    throw new WarningPackageRejectedError("bad_package", file, `warning package ${file} is malformed`, {
      cause: e,
    });
  }
  if (pkg.intervalNumber !== interval) {
    throw new WarningPackageRejectedError(
      "bad_package",
      file,
      `warning package ${file} is for interval ${pkg.intervalNumber}, not ${interval}`,
    );
  }
  return pkg.checkInProtectedReports;
}
