/**
 * `bluezone verify-export <file.zip> --pubkey <pem>...`: checks a GAEN export zip's format and signature
 * against trusted public keys and prints its batch metadata. A plain function returning the output.
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import {
  DecodeError,
  decodeExportBin,
  decodeSignatureList,
  type ExportFile,
  type ExportPublicKey,
  importPublicKeyPem,
  MAX_EXPORT_ZIP_BYTES,
  ProtocolError,
  readExportZip,
  type SignatureInfo,
  verifyExport,
} from "@bluezone/protocol";

/** What a command produced: the caller prints stdout/stderr and exits with exitCode. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Exit codes: 0 verified, 1 bad format or bad signature, 2 usage or I/O problem. */
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export interface VerifyExportOptions {
  /** Each value is a path to a PEM public key, or the PEM text itself. Repeatable. */
  pubkey?: string[] | string;
}

/** Reads a file for a command, refusing anything larger than `limit` bytes. */
export async function readInputFile(path: string, limit: number): Promise<Uint8Array> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path} is not a regular file`);
  if (info.size > limit) throw new Error(`${path} is larger than ${limit} bytes`);
  return new Uint8Array(await readFile(path));
}

/** UTC seconds as an ISO-8601 time, or null when out of the Date range. */
export function isoTime(seconds: number): string | null {
  const ms = seconds * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
}

function describeSigner(info: SignatureInfo): string {
  return `key id "${info.verificationKeyId ?? ""}", version "${info.verificationKeyVersion ?? ""}", algorithm ${
    info.signatureAlgorithm ?? "(unset)"
  }`;
}

function metadataLines(file: string, bin: ExportFile): string[] {
  const time = (s: number) => `${isoTime(s) ?? "(out of range)"} (${s})`;
  return [
    `file:       ${file}`,
    `region:     ${bin.region}`,
    `start:      ${time(bin.startTimestamp)}`,
    `end:        ${time(bin.endTimestamp)}`,
    `batch:      ${bin.batchNum}/${bin.batchSize}`,
    `keys:       ${bin.keys.length} (+${bin.revisedKeys.length} revised)`,
  ];
}

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function loadPublicKeys(values: string[]): Promise<{ keys: ExportPublicKey[]; labels: string[] }> {
  const keys: ExportPublicKey[] = [];
  const labels: string[] = [];
  for (const [i, value] of values.entries()) {
    const inline = value.includes("-----BEGIN");
    const label = inline ? `inline key #${i + 1}` : basename(value);
    const pem = inline ? value : await readFile(value, "utf8");
    try {
      keys.push({ key: await importPublicKeyPem(pem) });
    } catch (e) {
      throw new Error(`--pubkey #${i + 1} (${label}): ${errorMessage(e)}`);
    }
    labels.push(label);
  }
  return { keys, labels };
}

/** Runs verify-export. Bad input never throws: it becomes a non-zero exit code and one line on stderr. */
export async function verifyExportCommand(
  file: string,
  options: VerifyExportOptions,
): Promise<CommandResult> {
  const fail = (exitCode: number, message: string): CommandResult => ({
    exitCode,
    stdout: "",
    stderr: `verify-export: ${message}\n`,
  });
  const pubkeys = options.pubkey === undefined ? [] : ([] as string[]).concat(options.pubkey);
  if (pubkeys.length === 0) return fail(EXIT_USAGE, "at least one --pubkey <pem> is required");
  let zip: Uint8Array;
  let trusted: Awaited<ReturnType<typeof loadPublicKeys>>;
  try {
    zip = await readInputFile(file, MAX_EXPORT_ZIP_BYTES);
    trusted = await loadPublicKeys(pubkeys);
  } catch (e) {
    return fail(EXIT_USAGE, errorMessage(e));
  }
  let bin: ExportFile;
  let archive: ReturnType<typeof readExportZip>;
  try {
    archive = readExportZip(zip);
    bin = decodeExportBin(archive.exportBin);
    decodeSignatureList(archive.exportSig);
  } catch (e) {
    if (e instanceof DecodeError) return fail(EXIT_INVALID, `${file}: invalid export file: ${e.message}`);
    throw e;
  }
  const lines = metadataLines(file, bin);
  try {
    const result = await verifyExport(archive.exportBin, archive.exportSig, trusted.keys);
    const sig = result.signature;
    lines.push(`signed by:  ${describeSigner(sig.signatureInfo)}`);
    lines.push(`verified:   OK with --pubkey #${result.keyIndex + 1} (${trusted.labels[result.keyIndex]})`);
    let stderr = "";
    if (sig.batchNum !== bin.batchNum || sig.batchSize !== bin.batchSize) {
      stderr = `verify-export: warning: export.sig says batch ${sig.batchNum}/${sig.batchSize}, export.bin says ${bin.batchNum}/${bin.batchSize}\n`;
    }
    return { exitCode: 0, stdout: `${lines.join("\n")}\n`, stderr };
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    return {
      ...fail(EXIT_INVALID, `${file}: signature check failed: ${e.message}`),
      stdout: `${lines.join("\n")}\n`,
    };
  }
}
