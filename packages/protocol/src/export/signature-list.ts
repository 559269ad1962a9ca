/**
 * export.sig codec: a proto2 TEKSignatureList of TEKSignature {signature_info, batch_num, batch_size,
 * DER signature}. Decoding rejects malformed input with DecodeError only.
 */
import { has, TekSignatureListType, type WireRecord } from "./proto.ts";
import { MAX_EXPORT_SIG_BYTES, MAX_SIGNATURES, type TekSignature, type TekSignatureList } from "./types.ts";
import {
  decodeFail,
  decodeWire,
  encodeFail,
  type Fail,
  isInt32,
  signatureInfoFromWire,
  signatureInfoToWire,
} from "./wire.ts";

function checkSignature(s: TekSignature, fail: Fail, where: string): void {
  if (!isInt32(s.batchNum) || s.batchNum < 0)
    fail("bad_batch", `${where}: batch_num must be a non-negative int32`);
  if (!isInt32(s.batchSize) || s.batchSize < 0) {
    fail("bad_batch", `${where}: batch_size must be a non-negative int32`);
  }
  if (!(s.signature instanceof Uint8Array) || s.signature.length === 0) {
    fail("bad_signature", `${where}: signature is missing`);
  }
}

/** Encodes a TEKSignatureList as export.sig bytes. Throws ProtocolError on invalid input. */
export function encodeSignatureList(list: TekSignatureList): Uint8Array {
  const fail = encodeFail("export.sig");
  if (list.signatures.length === 0) fail("no_signature", "needs at least one signature");
  if (list.signatures.length > MAX_SIGNATURES) fail("too_many_signatures", "too many signatures");
  const signatures = list.signatures.map((s, i) => {
    checkSignature(s, fail, `signatures[${i}]`);
    return {
      signatureInfo: signatureInfoToWire(s.signatureInfo, fail),
      batchNum: s.batchNum,
      batchSize: s.batchSize,
      signature: s.signature,
    };
  });
  return TekSignatureListType.encode({ signatures }).finish();
}

/** Decodes export.sig bytes. Throws DecodeError (and nothing else) on any malformed input. */
export function decodeSignatureList(bytes: Uint8Array): TekSignatureList {
  const fail = decodeFail("export.sig");
  if (!(bytes instanceof Uint8Array)) fail("bad_input", "input must be a Uint8Array");
  if (bytes.length > MAX_EXPORT_SIG_BYTES) fail("too_large", `larger than ${MAX_EXPORT_SIG_BYTES} bytes`);
  const m = decodeWire(() => TekSignatureListType.decode(bytes) as unknown as WireRecord, "export.sig");
  const wire = (has(m, "signatures") ? m.signatures : []) as WireRecord[];
  if (wire.length === 0) fail("no_signature", "contains no signature");
  if (wire.length > MAX_SIGNATURES) fail("too_many_signatures", "too many signatures");
  const signatures = wire.map((w, i) => {
    const s: TekSignature = {
      signatureInfo: signatureInfoFromWire(
        has(w, "signatureInfo") ? (w.signatureInfo as WireRecord) : undefined,
      ),
      batchNum: has(w, "batchNum") ? (w.batchNum as number) : 0,
      batchSize: has(w, "batchSize") ? (w.batchSize as number) : 0,
      signature: has(w, "signature") ? new Uint8Array(w.signature as Uint8Array) : new Uint8Array(0),
    };
    checkSignature(s, fail, `signatures[${i}]`);
    return s;
  });
  return { signatures };
}
