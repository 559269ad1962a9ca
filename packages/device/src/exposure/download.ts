/**
 * Downloading diagnosis-key exports: read `<blobBaseUrl>/<region>/index.txt`, fetch the zips it lists, and
 * accept a file only if its export.sig verifies against a configured public key. Any failure throws an
 * ExportRejectedError naming the file; nothing is returned for it.
 */
import { decodeExportBin, type ExportFile, readExportZip, verifyExport } from "@bluezone/protocol";
import type { Http } from "../adapters.ts";
import type { ExposureSourceConfig } from "../config.ts";
import { ExportRejectedError } from "../errors.ts";

/** A verified, decoded export file and the index path it came from. */
export interface VerifiedExport {
  path: string;
  file: ExportFile;
  /** keyId of the configured public key that verified it. */
  signedBy: string | undefined;
}

const INDEX = "index.txt";

/** URL of index.txt for the configured region. */
export function indexUrl(source: ExposureSourceConfig): string {
  return `${source.blobBaseUrl}/${source.region}/${INDEX}`;
}

/**
 * Splits index.txt into zip paths (blank lines and `#` comments skipped). A path with a "/" is relative to
 * blobBaseUrl (the key server lists `<region>/<file>.zip`); a bare file name is relative to the region folder.
 * Absolute URLs and ".." segments are refused, so an index can only point inside the blob store.
 */
export function parseIndex(text: string): string[] {
  const paths: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(line) || line.startsWith("/") || line.split("/").includes("..")) {
      throw new ExportRejectedError("bad_index", INDEX, "index.txt lists a path outside the export folder");
    }
    paths.push(line);
  }
  return paths;
}

/** URL of one listed export file. */
export function exportFileUrl(source: ExposureSourceConfig, path: string): string {
  return path.includes("/")
    ? `${source.blobBaseUrl}/${path}`
    : `${source.blobBaseUrl}/${source.region}/${path}`;
}

/** Fetches and parses index.txt. A 404 means "nothing published yet" (empty list). */
export async function fetchExportIndex(http: Http, source: ExposureSourceConfig): Promise<string[]> {
  const res = await http.get(indexUrl(source));
  if (res.status === 404) return [];
  if (res.status !== 200) {
    throw new ExportRejectedError(
      "download_failed",
      INDEX,
      `index.txt download failed with HTTP ${res.status}`,
    );
  }
  return parseIndex(new TextDecoder().decode(res.body));
}

/** Downloads one export zip, verifies its signature and decodes it. Throws ExportRejectedError. */
export async function downloadVerifiedExport(
  http: Http,
  source: ExposureSourceConfig,
  path: string,
): Promise<VerifiedExport> {
  const res = await http.get(exportFileUrl(source, path));
  if (res.status !== 200) {
    throw new ExportRejectedError(
      "download_failed",
      path,
      `export ${path} download failed with HTTP ${res.status}`,
    );
  }
  let archive: ReturnType<typeof readExportZip>;
  try {
    archive = readExportZip(res.body);
  } catch (e) {
    throw new ExportRejectedError("bad_export", path, `export ${path} is not a valid export zip: ${msg(e)}`, {
      cause: e,
    });
  }
  let signedBy: string | undefined;
  try {
    const verified = await verifyExport(archive.exportBin, archive.exportSig, source.publicKeys);
    signedBy = source.publicKeys[verified.keyIndex]?.keyId;
  } catch (e) {
    throw new ExportRejectedError(
      "bad_signature",
      path,
      `export ${path} rejected: its signature does not verify with the configured keys (${msg(e)})`,
      { cause: e },
    );
  }
  try {
    return { path, file: decodeExportBin(archive.exportBin), signedBy };
  } catch (e) {
    throw new ExportRejectedError(
      "bad_export",
      path,
      `export ${path} has a malformed export.bin: ${msg(e)}`,
      {
        cause: e,
      },
    );
  }
}

function msg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
