/**
 * Turning published protected reports into trace warnings on the phone (Android CheckInWarningMatcher):
 * pick the reports whose locationIdHash matches one of our check-ins, decrypt them, keep the valid ones.
 */
import { bytesToHex } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { decryptCheckInReport } from "./check-in-crypto.ts";
import { locationIdHash } from "./location-id.ts";
import type { CheckInProtectedReport, CheckInRecord, TraceTimeIntervalWarning } from "./types.ts";

/** Highest transmission risk level a warning may carry. */
export const MAX_TRANSMISSION_RISK_LEVEL = 8;

/** A decrypted warning, with the locationId that decrypted it. */
export interface DecryptedTraceWarning extends TraceTimeIntervalWarning {
  locationId: Uint8Array;
}

/** The apps' sanity rule for a decrypted record: period > 0 and transmission risk level 1..8. */
export function isValidTraceWarning(record: CheckInRecord): boolean {
  return (
    record.startIntervalNumber >= 0 &&
    record.period > 0 &&
    record.transmissionRiskLevel >= 1 &&
    record.transmissionRiskLevel <= MAX_TRANSMISSION_RISK_LEVEL
  );
}

/**
 * The warnings in `reports` for the venues in `locationIds` (the phone's own check-ins). Reports for other
 * venues are skipped by hash; reports that fail their MAC, do not decrypt or are invalid are dropped, as
 * the apps do.
 */
export function deriveTraceWarnings(
  reports: readonly CheckInProtectedReport[],
  locationIds: Iterable<Uint8Array>,
): DecryptedTraceWarning[] {
  const byHash = new Map<string, Uint8Array>();
  for (const id of locationIds) byHash.set(bytesToHex(locationIdHash(id)), id);
  const warnings: DecryptedTraceWarning[] = [];
  for (const report of reports) {
    const id = byHash.get(bytesToHex(report.locationIdHash));
    if (id === undefined) continue;
    let record: CheckInRecord;
    try {
      record = decryptCheckInReport(report, id);
    } catch (e) {
      if (e instanceof ProtocolError) continue;
      throw e;
    }
    if (!isValidTraceWarning(record)) continue;
    warnings.push({ locationId: id, locationIdHash: report.locationIdHash.slice(), ...record });
  }
  return warnings;
}
