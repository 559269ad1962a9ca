/**
 * Venue check-in (CrowdNotifier / CWA event registration): QR payloads and URLs, locationIds, encrypted
 * check-in reports, warning packages, submission time spans and overlap matching. Pure; runs in browsers.
 */
export { base32ToBytes, bytesToBase32 } from "./base32.ts";
export {
  CHECK_IN_IV_LENGTH,
  checkInEncryptionKey,
  checkInMacKey,
  checkInReportMac,
  decryptCheckInReport,
  encryptCheckInRecord,
} from "./check-in-crypto.ts";
export {
  CHECK_IN_INTERVAL_MS,
  checkInIntervalNumber,
  checkInRecordFromTimes,
  decodeCheckInRecord,
  encodeCheckInRecord,
  MAX_CHECK_IN_RECORD_BYTES,
} from "./check-in-record.ts";
export {
  CWA_QR_CODE_DESCRIPTORS,
  checkInUrlDescriptor,
  PayloadEncoding,
  type QrCodeDescriptor,
} from "./descriptors.ts";
export { LOCATION_ID_LENGTH, locationId, locationIdHash } from "./location-id.ts";
export {
  isTemporaryTraceLocationType,
  isTraceLocationType,
  TraceLocationType,
  type TraceLocationTypeName,
  traceLocationTypeFromName,
  traceLocationTypeName,
} from "./location-type.ts";
export {
  type NewTraceLocationInput,
  newTraceLocation,
  TRACE_LOCATION_VERSION,
} from "./new-trace-location.ts";
export { type CheckInVisit, checkInOverlapMinutes, type OverlapWarning } from "./overlap.ts";
export {
  CHECK_IN_REPORT_LENGTHS,
  decodeCheckInProtectedReport,
  encodeCheckInProtectedReport,
  hasSubmissionLengths,
  MAX_CHECK_IN_PROTECTED_REPORT_BYTES,
} from "./protected-report.ts";
export { PT_PROTO_SOURCE } from "./proto.ts";
export {
  decodeCwaLocationData,
  decodeQrCodePayload,
  encodeCwaLocationData,
  encodeQrCodePayload,
  MAX_QR_CODE_PAYLOAD_BYTES,
} from "./qr-payload.ts";
export {
  buildCheckInUrl,
  CheckInUrlError,
  type CheckInUrlErrorCode,
  MAX_CHECK_IN_URL_LENGTH,
  type ParsedCheckInUrl,
  parseCheckInUrl,
  verifyCheckInUrl,
} from "./qr-url.ts";
export {
  checkInRecordsForSubmission,
  DEFAULT_SUBMISSION_PARAMETERS,
  deriveSubmissionTimeSpan,
  inMinutesRange,
  type MinutesRange,
  type PresenceTracingSubmissionParameters,
  splitAtUtcMidnight,
  type TimeSpan,
} from "./time-interval.ts";
export {
  decodeTraceWarningPackage,
  encodeTraceWarningPackage,
  MAX_REPORTS_PER_PACKAGE,
  MAX_TRACE_WARNING_PACKAGE_BYTES,
  traceWarningIntervalNumber,
} from "./trace-warning-package.ts";
export {
  type DecryptedTraceWarning,
  deriveTraceWarnings,
  isValidTraceWarning,
  MAX_TRANSMISSION_RISK_LEVEL,
} from "./trace-warnings.ts";
export type {
  CheckInProtectedReport,
  CheckInRecord,
  CrowdNotifierData,
  CWALocationData,
  QRCodePayload,
  TraceLocation,
  TraceTimeIntervalWarning,
  TraceWarningPackage,
} from "./types.ts";
export {
  CRYPTOGRAPHIC_SEED_LENGTH,
  isValidTraceLocationText,
  MAX_TRACE_LOCATION_TEXT_LENGTH,
  type TraceLocationValidationCode,
  TraceLocationValidationError,
  traceLocationProblem,
  validateQrCodePayload,
} from "./validation.ts";
export {
  traceLocationTypeForCategory,
  VENUE_CATEGORIES,
  type VenueCategory,
  type VenueCategoryId,
  venueCategory,
  venueCategoryForType,
} from "./venue-category.ts";
