/**
 * Messages between MatchPool and its worker threads. Keys and the seen-RPI index live on
 * SharedArrayBuffers; workers claim chunks of keys through an atomic cursor, so load balances itself.
 */
import type { SeenRpiIndex } from "../matching/seen-index.ts";

/** Diagnosis keys packed for sharing: key i is keyData[16i..16i+16), window starts[i] / periods[i]. */
export interface PackedKeys {
  count: number;
  keyData: Uint8Array;
  starts: Int32Array;
  /** Rolling period; 0 marks a key matching must skip (unmatchable). */
  periods: Int32Array;
}

export interface MatchJob {
  type: "match";
  jobId: number;
  index: SeenRpiIndex;
  keys: PackedKeys;
  /** Int32Array(1) on a SharedArrayBuffer: the next unclaimed key index. */
  cursor: Int32Array;
  chunkSize: number;
}

export type WorkerReply =
  | { type: "done"; jobId: number; triples: Int32Array }
  | { type: "error"; jobId: number; message: string };
