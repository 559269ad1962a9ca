/**
 * Domain types of CWA event registration (pt/trace_location.proto, check_in.proto, trace_warning.proto):
 * the QR payload a venue poster carries and the encrypted check-in reports and warning packages.
 */
import type { TraceLocationType } from "./location-type.ts";

/** What the poster says about the venue. Timestamps are Unix seconds; 0 means "not set" (permanent venue). */
export interface TraceLocation {
  version: number;
  description: string;
  address: string;
  startTimestamp: number;
  endTimestamp: number;
}

/** CrowdNotifier part of the payload. CWA only hashes it into the locationId (it runs no CrowdNotifier crypto). */
export interface CrowdNotifierData {
  version: number;
  publicKey: Uint8Array;
  cryptographicSeed: Uint8Array;
}

/** The whole QR payload. vendorData holds the encoded CWALocationData. */
export interface QRCodePayload {
  version: number;
  locationData: TraceLocation;
  crowdNotifierData: CrowdNotifierData;
  vendorData: Uint8Array;
}

/** CWA's vendor data: the venue type and the default check-in length (0 = none given). */
export interface CWALocationData {
  version: number;
  type: TraceLocationType;
  defaultCheckInLengthInMinutes: number;
}

/** The plaintext of a protected report: when (10-minute interval numbers) and how risky. */
export interface CheckInRecord {
  startIntervalNumber: number;
  period: number;
  transmissionRiskLevel: number;
}

/** An encrypted check-in as uploaded by a positive user and published in TraceWarningPackages. */
export interface CheckInProtectedReport {
  locationIdHash: Uint8Array;
  iv: Uint8Array;
  encryptedCheckInRecord: Uint8Array;
  mac: Uint8Array;
}

/** A warning for one venue and time span, as the phone derives it from a decrypted report. */
export interface TraceTimeIntervalWarning {
  locationIdHash: Uint8Array;
  startIntervalNumber: number;
  period: number;
  transmissionRiskLevel: number;
}

/** The hourly package of protected reports the server publishes. intervalNumber counts hours since the epoch. */
export interface TraceWarningPackage {
  intervalNumber: number;
  region: string;
  checkInProtectedReports: CheckInProtectedReport[];
}
