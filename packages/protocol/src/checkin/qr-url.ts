/**
 * Check-in QR URLs: building `${baseUrl}?v=1#<base64url payload>` and parsing any URL a descriptor
 * matches back into the raw payload bytes and the decoded payload, with the CWA apps' error names.
 */
import { base64ToBytes, bytesToBase64Url } from "../bytes.ts";
import { DecodeError, ProtocolError } from "../errors.ts";
import { base32ToBytes } from "./base32.ts";
import {
  CWA_QR_CODE_DESCRIPTORS,
  checkBaseUrl,
  PayloadEncoding,
  type QrCodeDescriptor,
} from "./descriptors.ts";
import { decodeCwaLocationData, decodeQrCodePayload } from "./qr-payload.ts";
import type { CWALocationData, QRCodePayload } from "./types.ts";
import { validateQrCodePayload } from "./validation.ts";

/** Longest URL looked at: the most characters any QR code can hold. */
export const MAX_CHECK_IN_URL_LENGTH = 4296;

/**
 * Why a URL is not a usable check-in code, named like iOS CheckinQRScannerError: codeNotFound (no
 * descriptor matches; Android's InvalidQrCodeUriException), invalidPayload (the descriptor's payload group
 * is missing), invalidVendorData (the payload does not decode: bad base64/base32, protobuf or vendorData).
 */
export type CheckInUrlErrorCode = "codeNotFound" | "invalidPayload" | "invalidVendorData";

/** A URL that does not carry a decodable check-in payload. */
export class CheckInUrlError extends DecodeError {
  declare readonly code: CheckInUrlErrorCode;

  constructor(code: CheckInUrlErrorCode, message: string) {
    super(code, message);
    this.name = "CheckInUrlError";
  }
}

/** A parsed check-in URL. payloadBytes are the raw received bytes: hash these for the locationId. */
export interface ParsedCheckInUrl {
  /** The URL version (the descriptor's version group, `v=1`). */
  version: number;
  payloadBytes: Uint8Array;
  payload: QRCodePayload;
  cwaLocationData: CWALocationData;
}

/** Builds the URL of a poster's QR code: `${baseUrl}?v=1#${base64url(payload)}` (the CWA shape). */
export function buildCheckInUrl(baseUrl: string, payloadBytes: Uint8Array): string {
  checkBaseUrl(baseUrl);
  if (!(payloadBytes instanceof Uint8Array) || payloadBytes.length === 0) {
    throw new ProtocolError("bad_payload", "payload must be non-empty bytes");
  }
  return `${baseUrl}?v=1#${bytesToBase64Url(payloadBytes)}`;
}

const regexCache = new Map<string, RegExp | null>();

/** The descriptor's pattern as a whole-string, case-insensitive RegExp; null if the pattern does not compile. */
function compile(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, "i");
    } catch {
      re = null; // the apps skip a descriptor whose pattern does not compile
    }
    if (regexCache.size >= 64) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

function decodePayloadText(text: string, encoding: PayloadEncoding): Uint8Array {
  return encoding === PayloadEncoding.BASE32 ? base32ToBytes(text) : base64ToBytes(text);
}

/**
 * Parses a check-in URL against `descriptors` (default: CWA production; add checkInUrlDescriptor(ourBaseUrl)
 * for our posters). Matching is case-insensitive and over the whole string, as in the apps. Throws
 * CheckInUrlError. Does not apply the field checks: call validateQrCodePayload, or use verifyCheckInUrl.
 */
export function parseCheckInUrl(
  url: string,
  descriptors: readonly QrCodeDescriptor[] = CWA_QR_CODE_DESCRIPTORS,
): ParsedCheckInUrl {
  if (typeof url !== "string" || url.length === 0 || url.length > MAX_CHECK_IN_URL_LENGTH) {
    throw new CheckInUrlError("codeNotFound", "not a check-in URL");
  }
  for (const d of descriptors) {
    const match = compile(d.regexPattern)?.exec(url);
    if (!match) continue;
    const text = match[d.encodedPayloadGroupIndex + 1];
    const versionText = match[d.versionGroupIndex + 1];
    if (text === undefined || text.length === 0) {
      throw new CheckInUrlError("invalidPayload", "the descriptor's payload group is empty");
    }
    try {
      const payloadBytes = decodePayloadText(text, d.payloadEncoding);
      const payload = decodeQrCodePayload(payloadBytes);
      const cwaLocationData = decodeCwaLocationData(payload.vendorData);
      const version = versionText !== undefined && /^\d{1,9}$/.test(versionText) ? Number(versionText) : 0;
      return { version, payloadBytes, payload, cwaLocationData };
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      throw new CheckInUrlError("invalidVendorData", `payload does not decode (${e.message})`);
    }
  }
  throw new CheckInUrlError("codeNotFound", "the URL matches no check-in QR code descriptor");
}

/**
 * parseCheckInUrl followed by the apps' field checks (iOS verifyQrCode). Throws CheckInUrlError or
 * TraceLocationValidationError.
 */
export function verifyCheckInUrl(
  url: string,
  descriptors: readonly QrCodeDescriptor[] = CWA_QR_CODE_DESCRIPTORS,
): ParsedCheckInUrl {
  const parsed = parseCheckInUrl(url, descriptors);
  validateQrCodePayload(parsed.payload);
  return parsed;
}
