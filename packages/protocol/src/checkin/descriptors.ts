/**
 * QR code descriptors (CWA PresenceTracingQRCodeDescriptor): which URLs carry a check-in payload, where
 * the payload sits in them and how it is encoded; the CWA production set and one for our own base URL.
 */
import { ProtocolError } from "../errors.ts";

/** How the payload group of a descriptor is encoded (CWA's PayloadEncoding enum values). */
export const PayloadEncoding = { BASE32: 0, BASE64: 1 } as const;
export type PayloadEncoding = (typeof PayloadEncoding)[keyof typeof PayloadEncoding];

/** One descriptor. Group indexes count capture groups from 0 (0 = the first capture group). */
export interface QrCodeDescriptor {
  regexPattern: string;
  versionGroupIndex: number;
  encodedPayloadGroupIndex: number;
  payloadEncoding: PayloadEncoding;
}

/** The descriptors of CWA's production app configuration (presence-tracing-parameters.yaml). */
export const CWA_QR_CODE_DESCRIPTORS: readonly QrCodeDescriptor[] = Object.freeze([
  {
    regexPattern: "https://e\\.coronawarn\\.app/?\\?v=(\\d+)\\#(.+)",
    versionGroupIndex: 0,
    encodedPayloadGroupIndex: 1,
    payloadEncoding: PayloadEncoding.BASE64,
  },
  {
    regexPattern: "https://app\\.luca-app\\.de/webapp/.*#.*/CWA(\\d+)/(.+)",
    versionGroupIndex: 0,
    encodedPayloadGroupIndex: 1,
    payloadEncoding: PayloadEncoding.BASE64,
  },
]);

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Throws unless `baseUrl` is an absolute http(s) URL without query or fragment. */
export function checkBaseUrl(baseUrl: string): void {
  if (typeof baseUrl !== "string" || !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(baseUrl)) {
    throw new ProtocolError(
      "bad_base_url",
      "base URL must be an absolute http(s) URL without query or fragment",
    );
  }
}

/** A descriptor for check-in URLs of the form `${baseUrl}?v=<n>#<base64url payload>` (our posters). */
export function checkInUrlDescriptor(baseUrl: string): QrCodeDescriptor {
  checkBaseUrl(baseUrl);
  return {
    regexPattern: `${escapeRegex(baseUrl)}\\?v=(\\d+)#(.+)`,
    versionGroupIndex: 0,
    encodedPayloadGroupIndex: 1,
    payloadEncoding: PayloadEncoding.BASE64,
  };
}
