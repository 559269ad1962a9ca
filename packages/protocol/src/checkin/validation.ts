/**
 * The field checks the CWA apps apply to a scanned or newly created trace location (iOS
 * CheckinQRCodeParser): description and address, the CrowdNotifier seed and the time span, with the apps' error names.
 */
import { ProtocolError } from "../errors.ts";
import type { QRCodePayload } from "./types.ts";

/** Longest description or address the apps accept, in user-perceived characters. */
export const MAX_TRACE_LOCATION_TEXT_LENGTH = 255;
/** Length of CrowdNotifierData.cryptographicSeed. */
export const CRYPTOGRAPHIC_SEED_LENGTH = 16;

/** The iOS CheckinQRScannerError names for a payload that decodes but is not acceptable. */
export type TraceLocationValidationCode =
  | "invalidDescription"
  | "invalidAddress"
  | "invalidCryptoSeed"
  | "invalidTimeStamps";

/** A trace location that fails one of the apps' checks; `code` says which. */
export class TraceLocationValidationError extends ProtocolError {
  declare readonly code: TraceLocationValidationCode;

  constructor(code: TraceLocationValidationCode, message: string) {
    super(code, message);
    this.name = "TraceLocationValidationError";
  }
}

const graphemes =
  typeof Intl !== "undefined" && typeof Intl.Segmenter === "function"
    ? new Intl.Segmenter(undefined, { granularity: "grapheme" })
    : undefined;

/** Counts user-perceived characters (grapheme clusters, as Swift's String.count does). */
function characterCount(s: string): number {
  if (s.length <= MAX_TRACE_LOCATION_TEXT_LENGTH) return s.length; // never more graphemes than UTF-16 units
  if (graphemes === undefined) return [...s].length;
  let n = 0;
  for (const _ of graphemes.segment(s)) n++;
  return n;
}

/** True when `text` is non-empty, at most 255 characters and has no line break. */
export function isValidTraceLocationText(text: string): boolean {
  return (
    typeof text === "string" &&
    text.length > 0 &&
    characterCount(text) <= MAX_TRACE_LOCATION_TEXT_LENGTH &&
    !text.includes("\n") &&
    !text.includes("\r")
  );
}

/** The first check the payload fails, in the apps' order, or null when it passes them all. */
export function traceLocationProblem(payload: QRCodePayload): TraceLocationValidationCode | null {
  const loc = payload.locationData;
  if (!isValidTraceLocationText(loc.description)) return "invalidDescription";
  if (!isValidTraceLocationText(loc.address)) return "invalidAddress";
  if (payload.crowdNotifierData.cryptographicSeed.length !== CRYPTOGRAPHIC_SEED_LENGTH)
    return "invalidCryptoSeed";
  if (loc.startTimestamp > loc.endTimestamp) return "invalidTimeStamps";
  return null;
}

const MESSAGES: Record<TraceLocationValidationCode, string> = {
  invalidDescription: "description must be 1-255 characters without line breaks",
  invalidAddress: "address must be 1-255 characters without line breaks",
  invalidCryptoSeed: `cryptographicSeed must be ${CRYPTOGRAPHIC_SEED_LENGTH} bytes`,
  invalidTimeStamps: "startTimestamp must not be after endTimestamp",
};

/** Throws TraceLocationValidationError when the payload fails one of the apps' checks. */
export function validateQrCodePayload(payload: QRCodePayload): void {
  const code = traceLocationProblem(payload);
  if (code !== null) throw new TraceLocationValidationError(code, MESSAGES[code]);
}
