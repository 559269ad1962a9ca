/** Key matching: which diagnosis keys' RPIs a phone heard, and when. Public surface of matching/. */
export { createPortableRpiDeriver } from "./derivers.ts";
export {
  keyOverlapsIndex,
  MatchScratch,
  MatchTriples,
  matchDerivedRpis,
  matchKeys,
  matchOneKey,
  triplesToKeyMatches,
} from "./match-keys.ts";
export { matchNaive } from "./naive.ts";
export {
  buildSeenRpiIndex,
  filterIndexOf,
  hashKeyOf,
  lookupSeenRpi,
  type SeenRpiIndex,
  type SeenRpiIndexOptions,
  slotOf,
} from "./seen-index.ts";
export {
  type DiagnosisKeyLike,
  type IntervalMatch,
  isMatchableKey,
  isMatchableSighting,
  type KeyMatch,
  MATCH_TOLERANCE_INTERVALS,
  MAX_ROLLING_PERIOD,
  type RpiDeriver,
  type SeenRpi,
} from "./types.ts";
