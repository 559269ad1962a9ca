/**
 * Builds EN v2 ExposureWindows from the sightings of one matched diagnosis key (pure). Rules:
 * - attenuation = txPower (from the decrypted AEM) - (rssi + rssiCorrection), rounded, clamped to 0..255;
 *   typical attenuation from the scan's mean RSSI, minimum attenuation from its peak RSSI;
 * - scan instants are the phone's scans, recovered from the whole sighting log (readings within
 *   scanInstantMs of an instant's first reading belong to it); secondsSinceLastScan is the gap to the
 *   previous scan instant, capped at maxSecondsSinceLastScan (nominalScanIntervalSeconds for the first);
 * - a key's scan instances are grouped into windows of at most 30 minutes (span and summed seconds) that
 *   never cross a UTC midnight; dateMillisSinceEpoch is that day.
 */
import type {
  CalibrationConfidence,
  ExposureWindow,
  Infectiousness,
  ReportType,
  ScanInstance,
} from "@bluezone/protocol";
import type { Sighting } from "../sightings/sighting-log.ts";

export const MAX_WINDOW_SECONDS = 30 * 60;
const DAY_MS = 86_400_000;

export interface WindowOptions {
  rssiCorrectionDb: number;
  calibrationConfidence: CalibrationConfidence;
  scanInstantMs: number;
  nominalScanIntervalSeconds: number;
  maxSecondsSinceLastScan: number;
}

/** A sighting of the matched key with the TX power read from its decrypted metadata. */
export interface KeySighting {
  sighting: Sighting;
  txPowerDbm: number;
}

/** GAEN attenuation in whole dB (0..255). */
export function attenuationDb(txPowerDbm: number, rssi: number, rssiCorrectionDb: number): number {
  return Math.min(255, Math.max(0, Math.round(txPowerDbm - (rssi + rssiCorrectionDb))));
}

/** Start times of the phone's scan instants, from a time-ordered sighting log. */
export function scanInstantStarts(sightings: readonly Sighting[], scanInstantMs: number): number[] {
  const starts: number[] = [];
  for (const s of sightings) {
    const last = starts[starts.length - 1];
    if (last === undefined || s.timestampMs - last >= scanInstantMs) starts.push(s.timestampMs);
  }
  return starts;
}

/** Index of the scan instant containing `t`: the last start <= t (0 if t precedes all). */
function instantIndex(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let ans = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

interface Instance {
  startMs: number;
  scan: ScanInstance;
}

/** One ScanInstance per scan instant in which the key was heard, in time order. */
export function scanInstancesFor(
  keySightings: readonly KeySighting[],
  starts: readonly number[],
  opts: WindowOptions,
): Instance[] {
  const byInstant = new Map<number, { typical: number[]; min: number }>();
  for (const { sighting, txPowerDbm } of keySightings) {
    const k = instantIndex(starts, sighting.timestampMs);
    const typical = attenuationDb(txPowerDbm, sighting.rssi, opts.rssiCorrectionDb);
    const min = attenuationDb(txPowerDbm, sighting.peakRssi, opts.rssiCorrectionDb);
    const slot = byInstant.get(k);
    if (slot) {
      slot.typical.push(typical);
      slot.min = Math.min(slot.min, min);
    } else byInstant.set(k, { typical: [typical], min });
  }
  const cap = opts.maxSecondsSinceLastScan;
  return [...byInstant.entries()]
    .sort(([a], [b]) => a - b)
    .map(([k, { typical, min }]) => {
      const startMs = starts[k] ?? keySightings[0]!.sighting.timestampMs;
      const prev = k > 0 ? starts[k - 1] : undefined;
      const gap = prev === undefined ? opts.nominalScanIntervalSeconds : Math.round((startMs - prev) / 1000);
      const typicalDb = Math.round(typical.reduce((a, b) => a + b, 0) / typical.length);
      return {
        startMs,
        scan: {
          typicalAttenuationDb: typicalDb,
          minAttenuationDb: Math.min(min, typicalDb),
          secondsSinceLastScan: Math.min(gap, cap),
        },
      };
    });
}

/**
 * The exposure windows of one matched key. `starts` are the phone's scan instants (scanInstantStarts of
 * the whole sighting log); the key's metadata gives reportType and infectiousness.
 */
export function buildExposureWindows(
  keySightings: readonly KeySighting[],
  starts: readonly number[],
  meta: { reportType: ReportType; infectiousness: Infectiousness },
  opts: WindowOptions,
): ExposureWindow[] {
  if (keySightings.length === 0) return [];
  const windows: ExposureWindow[] = [];
  let current: { startMs: number; day: number; seconds: number; scans: ScanInstance[] } | undefined;
  const close = () => {
    if (!current) return;
    windows.push({
      dateMillisSinceEpoch: current.day * DAY_MS,
      reportType: meta.reportType,
      infectiousness: meta.infectiousness,
      calibrationConfidence: opts.calibrationConfidence,
      scanInstances: current.scans,
    });
    current = undefined;
  };
  for (const { startMs, scan } of scanInstancesFor(keySightings, starts, opts)) {
    const day = Math.floor(startMs / DAY_MS);
    if (
      current &&
      (day !== current.day ||
        startMs - current.startMs >= MAX_WINDOW_SECONDS * 1000 ||
        current.seconds + scan.secondsSinceLastScan > MAX_WINDOW_SECONDS)
    ) {
      close();
    }
    current ??= { startMs, day, seconds: 0, scans: [] };
    current.scans.push(scan);
    current.seconds += scan.secondsSinceLastScan;
  }
  close();
  return windows;
}
