/**
 * The CWA presence-tracing (pt) protobuf schema, parsed with protobufjs from a source string (no file
 * system, so it runs in browsers), and the small wire helpers the check-in codecs share.
 */
import protobuf from "protobufjs";
import type { WireRecord } from "../export/proto.ts";
import { decodeWire, type Fail } from "../export/wire.ts";
import { readMessage } from "./reader.ts";

/** proto3 source of the pt messages, field for field as in cwa-server's pt/*.proto (deprecated fields left out). */
export const PT_PROTO_SOURCE = `
syntax = "proto3";

message QRCodePayload {
  uint32 version = 1;
  TraceLocation locationData = 2;
  CrowdNotifierData crowdNotifierData = 3;
  bytes vendorData = 4;
}

message TraceLocation {
  uint32 version = 1;
  string description = 2;
  string address = 3;
  uint64 startTimestamp = 5;
  uint64 endTimestamp = 6;
}

message CrowdNotifierData {
  uint32 version = 1;
  bytes publicKey = 2;
  bytes cryptographicSeed = 3;
}

enum TraceLocationType {
  LOCATION_TYPE_UNSPECIFIED = 0;
  LOCATION_TYPE_PERMANENT_OTHER = 1;
  LOCATION_TYPE_TEMPORARY_OTHER = 2;
  LOCATION_TYPE_PERMANENT_RETAIL = 3;
  LOCATION_TYPE_PERMANENT_FOOD_SERVICE = 4;
  LOCATION_TYPE_PERMANENT_CRAFT = 5;
  LOCATION_TYPE_PERMANENT_WORKPLACE = 6;
  LOCATION_TYPE_PERMANENT_EDUCATIONAL_INSTITUTION = 7;
  LOCATION_TYPE_PERMANENT_PUBLIC_BUILDING = 8;
  LOCATION_TYPE_TEMPORARY_CULTURAL_EVENT = 9;
  LOCATION_TYPE_TEMPORARY_CLUB_ACTIVITY = 10;
  LOCATION_TYPE_TEMPORARY_PRIVATE_EVENT = 11;
  LOCATION_TYPE_TEMPORARY_WORSHIP_SERVICE = 12;
}

message CWALocationData {
  uint32 version = 1;
  TraceLocationType type = 2;
  uint32 defaultCheckInLengthInMinutes = 3;
}

message CheckInRecord {
  uint32 startIntervalNumber = 1;
  uint32 period = 2;
  uint32 transmissionRiskLevel = 3;
}

message CheckInProtectedReport {
  bytes locationIdHash = 1;
  bytes iv = 2;
  bytes encryptedCheckInRecord = 3;
  bytes mac = 4;
}

message TraceWarningPackage {
  uint32 intervalNumber = 1;
  string region = 2;
  repeated CheckInProtectedReport checkInProtectedReports = 4;
}
`;

const root = protobuf.parse(PT_PROTO_SOURCE, { keepCase: true }).root;

/** Reflected message types (field names exactly as in the .proto). */
export const QRCodePayloadType = root.lookupType("QRCodePayload");
export const CWALocationDataType = root.lookupType("CWALocationData");
export const CheckInRecordType = root.lookupType("CheckInRecord");
export const CheckInProtectedReportType = root.lookupType("CheckInProtectedReport");
export const TraceWarningPackageType = root.lookupType("TraceWarningPackage");

const UINT32_MAX = 0xffffffff;

/** True for an integer in 0..2^32-1. */
export function isUint32(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= UINT32_MAX;
}

/** Checks a uint32 field of a message being encoded. */
export function checkUint32(v: unknown, field: string, fail: Fail): number {
  if (!isUint32(v)) fail("bad_field", `${field} must be an integer in 0..4294967295`);
  return v as number;
}

/** Checks a uint64 field of a message being encoded (limited to safe integers). */
export function checkUint64(v: unknown, field: string, fail: Fail): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
    fail("bad_field", `${field} must be a non-negative safe integer`);
  return v as number;
}

/** Checks a string field of a message being encoded. */
export function checkString(v: unknown, field: string, fail: Fail): string {
  if (typeof v !== "string") fail("bad_field", `${field} must be a string`);
  return v as string;
}

/** Checks a bytes field of a message being encoded. */
export function checkBytes(v: unknown, field: string, fail: Fail): Uint8Array {
  if (!(v instanceof Uint8Array)) fail("bad_field", `${field} must be a Uint8Array`);
  return v as Uint8Array;
}

/** A decoded bytes field as a fresh, plain Uint8Array (protobufjs hands out Node Buffers over its input). */
export function wireBytes(m: WireRecord, field: string): Uint8Array {
  const v = m[field];
  return v instanceof Uint8Array ? new Uint8Array(v) : new Uint8Array(0);
}

/** A decoded uint32 field (0 when absent). */
export function wireUint32(m: WireRecord, field: string): number {
  const v = m[field];
  return typeof v === "number" ? v : 0;
}

/** A decoded string field ("" when absent). */
export function wireString(m: WireRecord, field: string): string {
  const v = m[field];
  return typeof v === "string" ? v : "";
}

/** Rejects non-Uint8Array and oversized input before any protobuf parsing. */
export function checkDecodeInput(bytes: unknown, maxBytes: number, fail: Fail): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) fail("bad_input", "input must be a Uint8Array");
  if ((bytes as Uint8Array).length > maxBytes) fail("too_large", `larger than ${maxBytes} bytes`);
}

/** Encodes one message as a plain Uint8Array (protobufjs returns a Node Buffer under Node). */
export function encodeMessage(type: protobuf.Type, message: WireRecord): Uint8Array {
  const b = type.encode(message).finish();
  return Object.getPrototypeOf(b) === Uint8Array.prototype
    ? b
    : new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/**
 * Decodes one message without generated code (reader.ts: the browser's CSP forbids protobufjs's `new Function`),
 * turning anything malformed into DecodeError.
 */
export function decodeMessage(type: protobuf.Type, bytes: Uint8Array, what: string): WireRecord {
  return decodeWire(() => readMessage(type, bytes), what);
}
