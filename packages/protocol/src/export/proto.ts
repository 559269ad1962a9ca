/**
 * The protobuf schema of export.bin and export.sig (google/exposure-notifications-server export.proto),
 * parsed at load time with protobufjs from a source string, so it needs no file system (runs in browsers).
 */
import protobuf from "protobufjs";

/** proto2 source of TemporaryExposureKeyExport and TEKSignatureList; legacy fields 1 and 2 are reserved. */
export const EXPORT_PROTO_SOURCE = `
syntax = "proto2";

message TemporaryExposureKeyExport {
  optional fixed64 start_timestamp = 1;
  optional fixed64 end_timestamp = 2;
  optional string region = 3;
  optional int32 batch_num = 4;
  optional int32 batch_size = 5;
  repeated SignatureInfo signature_infos = 6;
  repeated TemporaryExposureKey keys = 7;
  repeated TemporaryExposureKey revised_keys = 8;
}

message SignatureInfo {
  reserved 1, 2;
  optional string verification_key_version = 3;
  optional string verification_key_id = 4;
  optional string signature_algorithm = 5;
}

message TemporaryExposureKey {
  optional bytes key_data = 1;
  optional int32 transmission_risk_level = 2 [deprecated = true];
  optional int32 rolling_start_interval_number = 3;
  optional int32 rolling_period = 4 [default = 144];
  enum ReportType {
    UNKNOWN = 0;
    CONFIRMED_TEST = 1;
    CONFIRMED_CLINICAL_DIAGNOSIS = 2;
    SELF_REPORT = 3;
    RECURSIVE = 4;
    REVOKED = 5;
  }
  optional ReportType report_type = 5;
  optional sint32 days_since_onset_of_symptoms = 6;
}

message TEKSignatureList {
  repeated TEKSignature signatures = 1;
}

message TEKSignature {
  optional SignatureInfo signature_info = 1;
  optional int32 batch_num = 2;
  optional int32 batch_size = 3;
  optional bytes signature = 4;
}
`;

const root = protobuf.parse(EXPORT_PROTO_SOURCE, { keepCase: false }).root;

/** Reflected message types (field names are camelCase). */
export const TemporaryExposureKeyExportType = root.lookupType("TemporaryExposureKeyExport");
export const TekSignatureListType = root.lookupType("TEKSignatureList");

/** A decoded protobufjs message seen as a plain record; only own properties were present on the wire. */
export type WireRecord = Record<string, unknown>;

/** True when `field` was present on the wire (protobufjs puts defaults on the prototype, not the instance). */
export function has(msg: WireRecord, field: string): boolean {
  return Object.hasOwn(msg, field) && msg[field] !== null && msg[field] !== undefined;
}

/**
 * Counts top-level occurrences of the given field numbers without materialising messages, stopping once
 * `limit` is exceeded (so a hostile file of millions of tiny entries is refused before it is decoded).
 * Throws protobufjs errors on malformed input.
 */
export function countTopLevelFields(bytes: Uint8Array, fields: readonly number[], limit: number): number {
  const reader = protobuf.Reader.create(bytes);
  let count = 0;
  while (reader.pos < reader.len && count <= limit) {
    const tag = reader.uint32();
    if (fields.includes(tag >>> 3)) count++;
    reader.skipType(tag & 7);
  }
  return count;
}
