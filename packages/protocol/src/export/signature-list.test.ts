import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../bytes.ts";
import { DecodeError, ProtocolError } from "../errors.ts";
import { tekSignatureArb } from "./export-arbitraries.testutil.ts";
import { ENS_ZIP, INTERNALS_ZIP, vectorBytes } from "./gaen-fixtures.testutil.ts";
import { decodeSignatureList, encodeSignatureList } from "./signature-list.ts";
import { ECDSA_P256_SHA256_OID } from "./types.ts";
import { readExportZip } from "./zip.ts";

describe("decodeSignatureList", () => {
  it("reads the ens fixture: one DER signature by key some_id / 1, batch 1/1", () => {
    const list = decodeSignatureList(readExportZip(vectorBytes(ENS_ZIP)).exportSig);
    expect(list.signatures).toHaveLength(1);
    const s = list.signatures[0]!;
    expect(s.signatureInfo).toEqual({
      verificationKeyVersion: "1",
      verificationKeyId: "some_id",
      signatureAlgorithm: ECDSA_P256_SHA256_OID,
    });
    expect([s.batchNum, s.batchSize]).toEqual([1, 1]);
    expect(s.signature[0]).toBe(0x30); // DER SEQUENCE
    expect(s.signature.length).toBe(s.signature[1]! + 2);
  });

  it("re-encodes both official export.sig files byte for byte", () => {
    for (const zip of [ENS_ZIP, INTERNALS_ZIP]) {
      const sig = readExportZip(vectorBytes(zip)).exportSig;
      expect(bytesToHex(encodeSignatureList(decodeSignatureList(sig)))).toBe(bytesToHex(sig));
    }
  });

  it("round-trips any signature list (property)", () => {
    fc.assert(
      fc.property(fc.array(tekSignatureArb, { minLength: 1, maxLength: 4 }), (signatures) => {
        expect(decodeSignatureList(encodeSignatureList({ signatures }))).toStrictEqual({ signatures });
      }),
      { numRuns: 300 },
    );
  });

  it("skips legacy SignatureInfo fields 1 and 2", () => {
    // TEKSignature { signature_info { 1: "a", 2: "b", 4: "k" }, batch_num 1, batch_size 1, signature 0x30 }
    const list = decodeSignatureList(hexToBytes("0a120a090a0161120162" + "22016b" + "10011801220130"));
    expect(list.signatures[0]!.signatureInfo).toEqual({ verificationKeyId: "k" });
  });

  it("rejects empty, truncated or signature-less input with DecodeError", () => {
    expect(() => decodeSignatureList(new Uint8Array(0))).toThrow(/no signature/);
    const sig = readExportZip(vectorBytes(ENS_ZIP)).exportSig;
    expect(() => decodeSignatureList(sig.subarray(0, sig.length - 1))).toThrow(DecodeError);
    expect(() => decodeSignatureList(hexToBytes("0a0410011801"))).toThrow(/signature is missing/);
  });

  it("refuses to encode an empty list or a signature without bytes", () => {
    expect(() => encodeSignatureList({ signatures: [] })).toThrow(ProtocolError);
    expect(() =>
      encodeSignatureList({
        signatures: [{ signatureInfo: {}, batchNum: 1, batchSize: 1, signature: new Uint8Array(0) }],
      }),
    ).toThrow(/signature is missing/);
  });
});
