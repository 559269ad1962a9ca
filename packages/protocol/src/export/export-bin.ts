/**
 * export.bin codec: the 16-byte header `EK Export v1    ` followed by a proto2 TemporaryExposureKeyExport.
 * Decoding rejects truncated, oversized or garbage input with DecodeError only.
 */
import { concatBytes, utf8 } from "../bytes.ts";
import { countTopLevelFields, has, TemporaryExposureKeyExportType, type WireRecord } from "./proto.ts";
import {
  EXPORT_BIN_HEADER,
  type ExportFile,
  type ExportKey,
  MAX_EXPORT_BIN_BYTES,
  MAX_KEYS_PER_BATCH,
  MAX_SIGNATURES,
} from "./types.ts";
import {
  checkKey,
  decodeFail,
  decodeWire,
  encodeFail,
  type Fail,
  isInt32,
  keyFromWire,
  keyToWire,
  signatureInfoFromWire,
  signatureInfoToWire,
  uint64ToNumber,
} from "./wire.ts";

const HEADER_BYTES = utf8(EXPORT_BIN_HEADER);

/** True when `bytes` starts with the export.bin header. */
export function hasExportBinHeader(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_BYTES.length) return false;
  for (let i = 0; i < HEADER_BYTES.length; i++) if (bytes[i] !== HEADER_BYTES[i]) return false;
  return true;
}

function checkBatchFields(file: ExportFile, fail: Fail): void {
  if (!isInt32(file.batchNum) || file.batchNum < 0)
    fail("bad_batch", "batch_num must be a non-negative int32");
  if (!isInt32(file.batchSize) || file.batchSize < 0)
    fail("bad_batch", "batch_size must be a non-negative int32");
  if (file.keys.length + file.revisedKeys.length > MAX_KEYS_PER_BATCH) {
    fail("too_many_keys", `more than ${MAX_KEYS_PER_BATCH} keys in one batch`);
  }
  if (file.signatureInfos.length > MAX_SIGNATURES) fail("too_many_signatures", "too many signature infos");
}

/** Encodes an ExportFile as export.bin bytes (header + protobuf). Throws ProtocolError on invalid input. */
export function encodeExportBin(file: ExportFile): Uint8Array {
  const fail = encodeFail("export.bin");
  for (const field of ["startTimestamp", "endTimestamp"] as const) {
    const v = file[field];
    if (!Number.isSafeInteger(v) || v < 0)
      fail("bad_timestamp", `${field} must be a non-negative safe integer`);
  }
  if (typeof file.region !== "string") fail("bad_region", "region must be a string");
  checkBatchFields(file, fail);
  const checkAll = (keys: ExportKey[], name: string) => {
    keys.forEach((k, i) => {
      checkKey(k, fail, `${name}[${i}]`);
    });
  };
  checkAll(file.keys, "keys");
  checkAll(file.revisedKeys, "revised_keys");
  const message: WireRecord = {
    startTimestamp: file.startTimestamp,
    endTimestamp: file.endTimestamp,
    region: file.region,
    batchNum: file.batchNum,
    batchSize: file.batchSize,
    signatureInfos: file.signatureInfos.map((s) => signatureInfoToWire(s, fail)),
    keys: file.keys.map(keyToWire),
    revisedKeys: file.revisedKeys.map(keyToWire),
  };
  const body = TemporaryExposureKeyExportType.encode(message).finish();
  return concatBytes(HEADER_BYTES, body);
}

/** Decodes export.bin bytes. Throws DecodeError (and nothing else) on any malformed input. */
export function decodeExportBin(bytes: Uint8Array): ExportFile {
  const fail = decodeFail("export.bin");
  if (!(bytes instanceof Uint8Array)) fail("bad_input", "input must be a Uint8Array");
  if (bytes.length > MAX_EXPORT_BIN_BYTES) fail("too_large", `larger than ${MAX_EXPORT_BIN_BYTES} bytes`);
  if (!hasExportBinHeader(bytes)) fail("bad_header", `does not start with the header "${EXPORT_BIN_HEADER}"`);
  const body = bytes.subarray(HEADER_BYTES.length);
  const keyCount = decodeWire(() => countTopLevelFields(body, [7, 8], MAX_KEYS_PER_BATCH), "export.bin");
  if (keyCount > MAX_KEYS_PER_BATCH)
    fail("too_many_keys", `more than ${MAX_KEYS_PER_BATCH} keys in one batch`);
  const m = decodeWire(
    () => TemporaryExposureKeyExportType.decode(body) as unknown as WireRecord,
    "export.bin",
  );
  const keysWire = (has(m, "keys") ? m.keys : []) as WireRecord[];
  const revisedWire = (has(m, "revisedKeys") ? m.revisedKeys : []) as WireRecord[];
  const file: ExportFile = {
    startTimestamp: has(m, "startTimestamp") ? uint64ToNumber(m.startTimestamp, fail, "start_timestamp") : 0,
    endTimestamp: has(m, "endTimestamp") ? uint64ToNumber(m.endTimestamp, fail, "end_timestamp") : 0,
    region: has(m, "region") ? (m.region as string) : "",
    batchNum: has(m, "batchNum") ? (m.batchNum as number) : 0,
    batchSize: has(m, "batchSize") ? (m.batchSize as number) : 0,
    signatureInfos: ((has(m, "signatureInfos") ? m.signatureInfos : []) as WireRecord[]).map((s) =>
      signatureInfoFromWire(s),
    ),
    keys: keysWire.map((k, i) => keyFromWire(k, fail, `keys[${i}]`)),
    revisedKeys: revisedWire.map((k, i) => keyFromWire(k, fail, `revised_keys[${i}]`)),
  };
  checkBatchFields(file, fail);
  return file;
}
