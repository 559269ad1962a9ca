/**
 * Matching diagnosis keys against the sighting log (pure): the protocol's fast matcher (+-2 h rule) finds
 * which keys this phone heard, the AEM of each sighting is decrypted with the key's AEMK to read the
 * sender's TX power, and the key's sightings become ExposureWindows carrying its report type and the
 * infectiousness of its days since onset.
 */
import {
  buildSeenRpiIndex,
  bytesToHex,
  type DailySummariesConfig,
  decryptAem,
  deriveAemk,
  type ExportKey,
  type ExposureWindow,
  hexToBytes,
  infectiousnessForDaysSinceOnset,
  type KeyMatch,
  matchKeys,
  parseBleMetadata,
  ReportType,
  type SeenRpi,
} from "@bluezone/protocol";
import { intervalAt } from "../keys/key-schedule.ts";
import type { Sighting } from "../sightings/sighting-log.ts";
import { buildExposureWindows, type KeySighting, scanInstantStarts, type WindowOptions } from "./windows.ts";

/** A diagnosis key this phone heard, with the exposure windows built from its sightings. */
export interface KeyExposure {
  /** Hex of the key bytes (identifies the key across export files; never logged). */
  keyHex: string;
  /** Report type carried by the key (UNKNOWN when the file has none). */
  reportType: ReportType;
  windows: ExposureWindow[];
}

export interface MatchOptions extends WindowOptions {
  scoring: DailySummariesConfig;
}

/** Runs the protocol's indexed matcher over the seen RPIs. */
function matchSeen(seen: readonly SeenRpi[], keys: readonly ExportKey[]): KeyMatch[] {
  return matchKeys(buildSeenRpiIndex(seen), keys);
}

/** The keys among `keys` heard in `sightings` (time-ordered), each with its exposure windows. */
export function findExposures(
  sightings: readonly Sighting[],
  keys: readonly ExportKey[],
  opts: MatchOptions,
): KeyExposure[] {
  const candidates = keys.filter((k) => k.reportType !== ReportType.REVOKED);
  if (sightings.length === 0 || candidates.length === 0) return [];
  const seen: SeenRpi[] = sightings.map((s) => ({
    rpi: hexToBytes(s.rpi),
    intervalNumber: intervalAt(s.timestampMs),
  }));
  const starts = scanInstantStarts(sightings, opts.scanInstantMs);
  const exposures: KeyExposure[] = [];
  for (const match of matchSeen(seen, candidates)) {
    const key = candidates[match.keyIndex]!;
    const aemk = deriveAemk(key.keyData);
    const keySightings: KeySighting[] = match.matches.map(({ seenIndex }) => {
      const sighting = sightings[seenIndex]!;
      const metadata = decryptAem(aemk, seen[seenIndex]!.rpi, hexToBytes(sighting.aem));
      return { sighting, txPowerDbm: parseBleMetadata(metadata).txPowerDbm };
    });
    keySightings.sort((a, b) => a.sighting.timestampMs - b.sighting.timestampMs);
    const reportType = key.reportType ?? ReportType.UNKNOWN;
    const infectiousness = infectiousnessForDaysSinceOnset(key.daysSinceOnsetOfSymptoms, opts.scoring);
    const windows = buildExposureWindows(keySightings, starts, { reportType, infectiousness }, opts);
    if (windows.length > 0) exposures.push({ keyHex: bytesToHex(key.keyData), reportType, windows });
  }
  return exposures;
}
