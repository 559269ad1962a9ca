// Turns one export file's contents into the signed zip phones download (export.bin encoded by the protocol,
// ECDSA P-256 / SHA-256 signature with node:crypto, export.sig, zip), and packs files for worker threads.
import { type KeyObject, sign } from "node:crypto";
import {
  type ExportFile,
  type ExportKey,
  encodeExportBin,
  encodeSignatureList,
  type ReportType,
  writeExportZip,
} from "@bluezone/protocol";

/** Encodes, signs and zips one export file. `privateKey` is the export signing key (P-256). */
export function buildSignedZip(file: ExportFile, privateKey: KeyObject): Uint8Array {
  const exportBin = encodeExportBin(file);
  const signature = sign("sha256", exportBin, { key: privateKey, dsaEncoding: "der" });
  const exportSig = encodeSignatureList({
    signatures: [
      {
        signatureInfo: { ...file.signatureInfos[0] },
        batchNum: file.batchNum,
        batchSize: file.batchSize,
        signature: new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength),
      },
    ],
  });
  return writeExportZip({ exportBin, exportSig });
}

/** Marks an absent optional field in a packed column. */
const ABSENT = -0x80000000;

/** An ExportFile with its keys in flat typed arrays: cheap to transfer to a worker thread. */
export interface PackedExportFile {
  header: Omit<ExportFile, "keys" | "revisedKeys">;
  keyCount: number;
  revisedCount: number;
  /** 16 bytes per key, keys then revised keys. */
  keyData: Uint8Array;
  /** [rollingStart, rollingPeriod, transmissionRisk, reportType, daysSinceOnset] per key; ABSENT when unset. */
  fields: Int32Array;
}

const FIELDS = 5;

/** Packs a file's keys into two buffers (see PackedExportFile). */
export function packExportFile(file: ExportFile): PackedExportFile {
  const all = [...file.keys, ...file.revisedKeys];
  const keyData = new Uint8Array(all.length * 16);
  const fields = new Int32Array(all.length * FIELDS);
  all.forEach((k, i) => {
    keyData.set(k.keyData, i * 16);
    const o = i * FIELDS;
    fields[o] = k.rollingStartIntervalNumber;
    fields[o + 1] = k.rollingPeriod;
    fields[o + 2] = k.transmissionRiskLevel ?? ABSENT;
    fields[o + 3] = k.reportType ?? ABSENT;
    fields[o + 4] = k.daysSinceOnsetOfSymptoms ?? ABSENT;
  });
  const { keys: _keys, revisedKeys: _revised, ...header } = file;
  return { header, keyCount: file.keys.length, revisedCount: file.revisedKeys.length, keyData, fields };
}

/** The inverse of packExportFile. */
export function unpackExportFile(packed: PackedExportFile): ExportFile {
  const { keyData, fields } = packed;
  const unpack = (i: number): ExportKey => {
    const o = i * FIELDS;
    const key: ExportKey = {
      keyData: keyData.subarray(i * 16, i * 16 + 16),
      rollingStartIntervalNumber: fields[o]!,
      rollingPeriod: fields[o + 1]!,
    };
    if (fields[o + 2] !== ABSENT) key.transmissionRiskLevel = fields[o + 2]!;
    if (fields[o + 3] !== ABSENT) key.reportType = fields[o + 3] as ReportType;
    if (fields[o + 4] !== ABSENT) key.daysSinceOnsetOfSymptoms = fields[o + 4]!;
    return key;
  };
  const keys: ExportKey[] = [];
  const revisedKeys: ExportKey[] = [];
  for (let i = 0; i < packed.keyCount; i++) keys.push(unpack(i));
  for (let i = 0; i < packed.revisedCount; i++) revisedKeys.push(unpack(packed.keyCount + i));
  return { ...packed.header, keys, revisedKeys };
}
