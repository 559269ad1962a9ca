/**
 * Mapping of a diagnosis key's days since onset of symptoms to Infectiousness, as the EN v2
 * `DiagnosisKeysDataMapping` does when the phone builds exposure windows.
 */

import { ProtocolError } from "../errors.ts";
import { MAX_DAYS_SINCE_ONSET } from "./config.ts";
import type { DailySummariesConfig } from "./types.ts";
import { Infectiousness } from "./types.ts";

/**
 * Infectiousness of a key with the given days since onset of symptoms (DSOS):
 * - no DSOS (null/undefined) or one outside -14..14 -> `infectiousnessWhenDaysSinceOnsetMissing`;
 * - a DSOS listed in `daysSinceOnsetToInfectiousness` -> its value;
 * - a DSOS in -14..14 that the map leaves out -> NONE (such windows are dropped from scoring).
 */
export function infectiousnessForDaysSinceOnset(
  dsos: number | null | undefined,
  config: Pick<
    DailySummariesConfig,
    "daysSinceOnsetToInfectiousness" | "infectiousnessWhenDaysSinceOnsetMissing"
  >,
): Infectiousness {
  if (dsos === null || dsos === undefined) return config.infectiousnessWhenDaysSinceOnsetMissing;
  if (!Number.isInteger(dsos)) {
    throw new ProtocolError(
      "bad_days_since_onset",
      `days since onset of symptoms must be an integer, got ${dsos}`,
    );
  }
  if (Math.abs(dsos) > MAX_DAYS_SINCE_ONSET) return config.infectiousnessWhenDaysSinceOnsetMissing;
  return config.daysSinceOnsetToInfectiousness[dsos] ?? Infectiousness.NONE;
}
