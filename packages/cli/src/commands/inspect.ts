/**
 * `bluezone inspect <file>`: dumps a GAEN export zip, a bare export.bin (detected by magic bytes) or an
 * export.sig (by name) as JSON, keys in base64 with every field. A plain function returning the output.
 */
import {
  bytesToBase64,
  DecodeError,
  decodeExportBin,
  decodeSignatureList,
  type ExportFile,
  type ExportKey,
  hasExportBinHeader,
  MAX_EXPORT_ZIP_BYTES,
  readExportZip,
  reportTypeName,
  type TekSignatureList,
} from "@bluezone/protocol";
import { type CommandResult, EXIT_INVALID, EXIT_USAGE, isoTime, readInputFile } from "./verify-export.ts";

const EN_INTERVAL_SECONDS = 600;

function keyJson(k: ExportKey): Record<string, unknown> {
  return {
    keyData: bytesToBase64(k.keyData),
    rollingStartIntervalNumber: k.rollingStartIntervalNumber,
    rollingStartTime: isoTime(k.rollingStartIntervalNumber * EN_INTERVAL_SECONDS),
    rollingPeriod: k.rollingPeriod,
    ...(k.transmissionRiskLevel !== undefined && { transmissionRiskLevel: k.transmissionRiskLevel }),
    ...(k.reportType !== undefined && { reportType: reportTypeName(k.reportType) }),
    ...(k.daysSinceOnsetOfSymptoms !== undefined && { daysSinceOnsetOfSymptoms: k.daysSinceOnsetOfSymptoms }),
  };
}

/** JSON view of a decoded export.bin. */
export function exportBinJson(bin: ExportFile): Record<string, unknown> {
  return {
    startTimestamp: bin.startTimestamp,
    startTime: isoTime(bin.startTimestamp),
    endTimestamp: bin.endTimestamp,
    endTime: isoTime(bin.endTimestamp),
    region: bin.region,
    batchNum: bin.batchNum,
    batchSize: bin.batchSize,
    signatureInfos: bin.signatureInfos,
    keyCount: bin.keys.length,
    revisedKeyCount: bin.revisedKeys.length,
    keys: bin.keys.map(keyJson),
    revisedKeys: bin.revisedKeys.map(keyJson),
  };
}

/** JSON view of a decoded export.sig (signatures as base64 DER). */
export function signatureListJson(list: TekSignatureList): Record<string, unknown> {
  return {
    signatures: list.signatures.map((s) => ({
      signatureInfo: s.signatureInfo,
      batchNum: s.batchNum,
      batchSize: s.batchSize,
      signature: bytesToBase64(s.signature),
    })),
  };
}

function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);
}

function describeFile(file: string, bytes: Uint8Array): Record<string, unknown> {
  if (isZip(bytes)) {
    const archive = readExportZip(bytes);
    return {
      type: "export.zip",
      exportBin: exportBinJson(decodeExportBin(archive.exportBin)),
      exportSig: signatureListJson(decodeSignatureList(archive.exportSig)),
    };
  }
  if (hasExportBinHeader(bytes))
    return { type: "export.bin", exportBin: exportBinJson(decodeExportBin(bytes)) };
  if (file.endsWith(".sig"))
    return { type: "export.sig", exportSig: signatureListJson(decodeSignatureList(bytes)) };
  throw new DecodeError("unknown_file", "neither a zip nor an export.bin (nor a file named *.sig)");
}

/** Runs inspect. Bad input never throws: it becomes a non-zero exit code and one line on stderr. */
export async function inspectCommand(file: string): Promise<CommandResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(file, MAX_EXPORT_ZIP_BYTES);
  } catch (e) {
    return {
      exitCode: EXIT_USAGE,
      stdout: "",
      stderr: `inspect: ${e instanceof Error ? e.message : String(e)}\n`,
    };
  }
  try {
    return { exitCode: 0, stdout: `${JSON.stringify(describeFile(file, bytes), null, 2)}\n`, stderr: "" };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { exitCode: EXIT_INVALID, stdout: "", stderr: `inspect: ${file}: invalid file: ${e.message}\n` };
  }
}
