/**
 * Venue check-in on the phone: the wallet (check-in/out, retention, presence ticks, signed warnings, F0 upload reports) and its pure helpers.
 */
export {
  CHECK_IN_RETENTION_DAYS,
  type CheckInWarning,
  checkInFromUrl,
  DEFAULT_WARNING_MINUTES,
  editTimes,
  effectiveEndMs,
  encryptedCheckInReports,
  FALLBACK_CHECK_IN_MINUTES,
  isDueForAutoCheckOut,
  isExpired,
  OVERLAP_WARNING_TEXT,
  type StoredCheckIn,
  warningsFor,
} from "./check-in.ts";
export { type CheckInUploadReports, CheckInWallet, type CheckInWalletConfig } from "./wallet.ts";
export {
  downloadVerifiedWarnings,
  fetchWarningIndex,
  verifyWarningSignature,
  WarningPackageRejectedError,
} from "./warning-download.ts";
