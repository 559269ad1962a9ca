/** Node-only entry of @bluezone/protocol ("@bluezone/protocol/node"): node:crypto derivation and parallel matching. */
export {
  createMatchPool,
  type MatchOptions,
  MatchPool,
  type MatchPoolOptions,
  matchKeysParallel,
  packKeys,
} from "./match-pool.ts";
export type { PackedKeys } from "./match-protocol.ts";
export {
  createNodeRpiDeriver,
  createNodeRpiEncryptor,
  type NodeRpiDeriverOptions,
  type RpiEncryptor,
} from "./node-deriver.ts";
export { type BatchEnKdf, createSimdEnKdf, simdKdfSupported } from "./simd-kdf.ts";
export { createTsWorker } from "./ts-worker.ts";
