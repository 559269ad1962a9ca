/**
 * CheckInRecord: the plaintext of a protected report (start interval, period in 10-minute intervals,
 * transmission risk level), its codec, and how the apps derive it from check-in times.
 */

import { ProtocolError } from "../errors.ts";
import { decodeFail, encodeFail } from "../export/wire.ts";
import {
  CheckInRecordType,
  checkDecodeInput,
  checkUint32,
  decodeMessage,
  encodeMessage,
  wireUint32,
} from "./proto.ts";
import type { CheckInRecord } from "./types.ts";

/** Length of a check-in interval (a GAEN EN interval) in milliseconds. */
export const CHECK_IN_INTERVAL_MS = 600_000;
/** Upper bound on an encoded record: three uint32 fields take at most 18 bytes. */
export const MAX_CHECK_IN_RECORD_BYTES = 64;

/** Encodes a CheckInRecord (zero fields left out). Throws ProtocolError on a non-uint32 field. */
export function encodeCheckInRecord(record: CheckInRecord): Uint8Array {
  const fail = encodeFail("CheckInRecord");
  return encodeMessage(CheckInRecordType, {
    startIntervalNumber: checkUint32(record.startIntervalNumber, "startIntervalNumber", fail),
    period: checkUint32(record.period, "period", fail),
    transmissionRiskLevel: checkUint32(record.transmissionRiskLevel, "transmissionRiskLevel", fail),
  });
}

/** Decodes a CheckInRecord. Throws DecodeError on malformed input. */
export function decodeCheckInRecord(bytes: Uint8Array): CheckInRecord {
  checkDecodeInput(bytes, MAX_CHECK_IN_RECORD_BYTES, decodeFail("CheckInRecord"));
  const m = decodeMessage(CheckInRecordType, bytes, "CheckInRecord");
  return {
    startIntervalNumber: wireUint32(m, "startIntervalNumber"),
    period: wireUint32(m, "period"),
    transmissionRiskLevel: wireUint32(m, "transmissionRiskLevel"),
  };
}

/** The 10-minute interval number containing Unix time `ms` (floor(ms / 600,000)). */
export function checkInIntervalNumber(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0)
    throw new ProtocolError("bad_argument", "time must be a non-negative number");
  return Math.floor(ms / CHECK_IN_INTERVAL_MS);
}

/**
 * The record for a check-in from `startMs` to `endMs`, as the Android app builds it: the start's interval
 * number and period = end's interval number - start's.
 */
export function checkInRecordFromTimes(
  startMs: number,
  endMs: number,
  transmissionRiskLevel: number,
): CheckInRecord {
  const start = checkInIntervalNumber(startMs);
  const end = checkInIntervalNumber(endMs);
  if (end < start) throw new ProtocolError("bad_argument", "check-in ends before it starts");
  return { startIntervalNumber: start, period: end - start, transmissionRiskLevel };
}
