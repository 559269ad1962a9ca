/**
 * ExposureState: what the exposure checks have learned, stored as ONE Store entry ("exposure/state") so a
 * check commits all-or-nothing: the export files already processed, the matched keys with their windows,
 * and when the last check ran. Pure transitions plus load/save.
 */
import { bytesToHex, type ExportKey, ReportType } from "@bluezone/protocol";
import type { Store } from "../adapters.ts";
import type { KeyExposure } from "./matcher.ts";

const KEY = "exposure/state";
const DAY_MS = 86_400_000;

export interface ExposureState {
  /** Paths (as listed in index.txt) already downloaded, verified and matched. */
  processedFiles: string[];
  /** Matched keys and their exposure windows (one entry per key). */
  exposures: KeyExposure[];
  lastCheckMs: number | undefined;
}

export const EMPTY_EXPOSURE_STATE: ExposureState = Object.freeze({
  processedFiles: [],
  exposures: [],
  lastCheckMs: undefined,
});

export async function loadExposureState(store: Store): Promise<ExposureState> {
  const s = await store.get<ExposureState>(KEY);
  return s ? { ...s, lastCheckMs: s.lastCheckMs ?? undefined } : { ...EMPTY_EXPOSURE_STATE };
}

export async function saveExposureState(store: Store, state: ExposureState): Promise<void> {
  await store.put(KEY, { ...state, lastCheckMs: state.lastCheckMs ?? null });
}

/**
 * State after a successful check: new exposures added (a key already known keeps its first entry),
 * revised keys applied (REVOKED drops the key, another type replaces it), processed files = those still
 * listed in the index plus the new ones.
 */
export function applyCheck(
  state: ExposureState,
  check: {
    indexPaths: readonly string[];
    newFiles: readonly string[];
    exposures: readonly KeyExposure[];
    revisedKeys: readonly ExportKey[];
    nowMs: number;
  },
): ExposureState {
  const byKey = new Map(state.exposures.map((e) => [e.keyHex, e]));
  for (const e of check.exposures) if (!byKey.has(e.keyHex)) byKey.set(e.keyHex, e);
  for (const revised of check.revisedKeys) {
    const hex = bytesToHex(revised.keyData);
    const known = byKey.get(hex);
    if (!known || revised.reportType === undefined) continue;
    if (revised.reportType === ReportType.REVOKED) byKey.delete(hex);
    else {
      const reportType = revised.reportType;
      byKey.set(hex, { ...known, reportType, windows: known.windows.map((w) => ({ ...w, reportType })) });
    }
  }
  const listed = new Set(check.indexPaths);
  const processed = new Set(state.processedFiles.filter((p) => listed.has(p)));
  for (const f of check.newFiles) processed.add(f);
  return { processedFiles: [...processed], exposures: [...byKey.values()], lastCheckMs: check.nowMs };
}

/** Drops windows whose day is older than the retention period, and keys left without windows. */
export function pruneExposureState(
  state: ExposureState,
  nowMs: number,
  retentionDays: number,
): ExposureState {
  const oldestDay = Math.floor(nowMs / DAY_MS) - retentionDays;
  const exposures = state.exposures
    .map((e) => ({ ...e, windows: e.windows.filter((w) => w.dateMillisSinceEpoch / DAY_MS >= oldestDay) }))
    .filter((e) => e.windows.length > 0);
  return { ...state, exposures };
}
