import fc from "fast-check";
import type protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { arbPackage, arbQrCodePayload } from "./checkin-arbitraries.testutil.ts";
import { QRCodePayloadType, TraceWarningPackageType } from "./proto.ts";
import { decodeQrCodePayload, encodeQrCodePayload } from "./qr-payload.ts";
import { readMessage } from "./reader.ts";
import { encodeTraceWarningPackage } from "./trace-warning-package.ts";

/**
 * Own properties only, bytes as hex, 64-bit values as decimal strings, an empty repeated field as absent
 * (protobufjs always sets one; the codecs read both the same): what both decoders must agree on.
 */
function normalize(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString("hex");
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === "number") return String(v);
  if (v !== null && typeof v === "object") {
    if ("low" in v && "high" in v && "unsigned" in v) return String(v);
    const present = Object.entries(v).filter(([, x]) => !(Array.isArray(x) && x.length === 0));
    return Object.fromEntries(
      present.sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, normalize(x)]),
    );
  }
  return v;
}

function agree(type: protobuf.Type, bytes: Uint8Array): void {
  expect(normalize(readMessage(type, bytes))).toEqual(normalize(type.decode(bytes)));
}

describe("eval-free pt reader", () => {
  it("decodes exactly what protobufjs decodes (QR payloads and warning packages)", () => {
    fc.assert(
      fc.property(arbQrCodePayload, (p) => agree(QRCodePayloadType, encodeQrCodePayload(p))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(arbPackage, (p) => agree(TraceWarningPackageType, encodeTraceWarningPackage(p))),
      { numRuns: 100 },
    );
  });

  it("keeps the last occurrence of a repeated scalar and skips unknown fields, as protobufjs does", () => {
    // version=1, version=2, unknown field 15 (varint), unknown field 14 (length-delimited "ab")
    const bytes = Uint8Array.from([0x08, 0x01, 0x08, 0x02, 0x78, 0x05, 0x72, 0x02, 0x61, 0x62]);
    agree(QRCodePayloadType, bytes);
    expect(readMessage(QRCodePayloadType, bytes)).toEqual({ version: 2 });
  });

  it("refuses truncated input", () => {
    expect(() => readMessage(QRCodePayloadType, Uint8Array.from([0x12, 0x05, 0x08]))).toThrow();
    expect(() => readMessage(QRCodePayloadType, Uint8Array.from([0x22, 0x03, 0x61]))).toThrow();
  });

  it("runs where generated code is forbidden (a browser with script-src 'self')", () => {
    const payload = fc.sample(arbQrCodePayload, { numRuns: 1, seed: 7 })[0];
    if (!payload) throw new Error("no sample");
    const bytes = encodeQrCodePayload(payload);
    // The reader never builds functions, so refusing Function during the decode must not matter.
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, {
      apply: () => {
        throw new EvalError("Function() refused by CSP");
      },
      construct: () => {
        throw new EvalError("new Function() refused by CSP");
      },
    });
    try {
      expect(decodeQrCodePayload(bytes)).toEqual(decodeQrCodePayload(bytes));
      expect(normalize(decodeQrCodePayload(bytes))).toEqual(normalize(payload));
    } finally {
      globalThis.Function = original;
    }
  });
});
