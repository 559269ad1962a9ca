/** Test-only helpers: read the official GAEN fixtures from ../shared/gaen-vectors (never copied into the repo). */
import { readFileSync } from "node:fs";

const VECTORS = new URL("../../../../../shared/gaen-vectors/", import.meta.url);

/** Bytes of a fixture file in shared/gaen-vectors. */
export function vectorBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, VECTORS)));
}

/** Text of a fixture file in shared/gaen-vectors. */
export function vectorText(name: string): string {
  return readFileSync(new URL(name, VECTORS), "utf8");
}

export const ENS_ZIP = "ens_testExport-2-records-1-of-1.zip";
export const ENS_PEM = "ens_testExport_public.pem";
export const INTERNALS_ZIP = "internals_sample_diagnosis_key_file.zip";
export const INTERNALS_PEM = "internals_sample_zip_pubkey_310-v1.pem";
export const APP_RAW_BIN = "internals_app_raw_export.bin";
export const CPP_BIN = "internals_cpp_testdata_export.bin";
