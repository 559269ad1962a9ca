/**
 * An eval-free protobuf decoder for the presence-tracing messages. protobufjs decodes with functions it builds
 * with `new Function`, which a strict Content-Security-Policy (`script-src 'self'`, as our web app sends)
 * forbids; the check-in page must read a poster's payload in the browser. The pt messages are proto3 with
 * only scalar (uint32, uint64, string, bytes, enum) and message fields, so this walks the reflected protobufjs
 * Type with its eval-free Reader. Semantics match protobufjs for these messages (differential test in
 * reader.test.ts): a field on the wire becomes an own property, the last occurrence wins, repeated message
 * fields collect, unknown fields are skipped, truncated or malformed input throws.
 */
import protobuf from "protobufjs";
import type { WireRecord } from "../export/proto.ts";

type Read = (reader: protobuf.Reader) => unknown;

const SCALARS: Record<string, { wireType: number; read: Read }> = {
  uint32: { wireType: 0, read: (r) => r.uint32() },
  int32: { wireType: 0, read: (r) => r.int32() },
  uint64: { wireType: 0, read: (r) => r.uint64() },
  bool: { wireType: 0, read: (r) => r.bool() },
  string: { wireType: 2, read: (r) => r.string() },
  bytes: { wireType: 2, read: (r) => r.bytes() },
};

/** Nesting deeper than any pt message is refused (a hostile input cannot recurse without end). */
const MAX_DEPTH = 8;

interface FieldPlan {
  name: string;
  repeated: boolean;
  /** A scalar (enums are read as int32) or a nested message type. */
  scalar?: { wireType: number; read: Read };
  message?: protobuf.Type;
}

const plans = new WeakMap<protobuf.Type, Map<number, FieldPlan>>();

function planOf(type: protobuf.Type): Map<number, FieldPlan> {
  let plan = plans.get(type);
  if (plan) return plan;
  plan = new Map();
  for (const field of type.fieldsArray) {
    field.resolve();
    const resolved = field.resolvedType;
    const entry: FieldPlan = { name: field.name, repeated: field.repeated };
    if (resolved instanceof protobuf.Type) entry.message = resolved;
    else if (resolved instanceof protobuf.Enum) entry.scalar = SCALARS.int32;
    else {
      const scalar = SCALARS[field.type];
      if (!scalar || field.map)
        throw new Error(`reader.ts does not support field ${type.name}.${field.name}`);
      entry.scalar = scalar;
    }
    plan.set(field.id, entry);
  }
  plans.set(type, plan);
  return plan;
}

/** Sets a field (the last occurrence wins) or appends to a repeated one. */
function store(m: WireRecord, field: FieldPlan, value: unknown): void {
  if (!field.repeated) {
    m[field.name] = value;
    return;
  }
  const list = m[field.name];
  if (Array.isArray(list)) list.push(value);
  else m[field.name] = [value];
}

function decodeAt(type: protobuf.Type, reader: protobuf.Reader, end: number, depth: number): WireRecord {
  if (depth > MAX_DEPTH) throw new Error("max depth exceeded");
  const plan = planOf(type);
  const m: WireRecord = {};
  while (reader.pos < end) {
    const tag = reader.uint32();
    const id = tag >>> 3;
    const wireType = tag & 7;
    if (id === 0) throw new Error(`invalid field number 0 at ${reader.pos}`);
    const field = plan.get(id);
    if (field?.message && wireType === 2) {
      const length = reader.uint32();
      const stop = reader.pos + length;
      if (stop > end) throw new RangeError("index out of range");
      const value = decodeAt(field.message, reader, stop, depth + 1);
      store(m, field, value);
    } else if (field?.scalar && wireType === field.scalar.wireType) {
      const value = field.scalar.read(reader);
      if (reader.pos > end) throw new RangeError("index out of range");
      store(m, field, value);
    } else {
      reader.skipType(wireType);
    }
    if (reader.pos > end) throw new RangeError("index out of range");
  }
  return m;
}

/** Decodes one message of `type` from `bytes` (throws on malformed input; callers wrap it in DecodeError). */
export function readMessage(type: protobuf.Type, bytes: Uint8Array): WireRecord {
  const reader = protobuf.Reader.create(bytes);
  return decodeAt(type, reader, reader.len, 0);
}
