/**
 * Worker thread of MatchPool: claims chunks of the shared keys, derives their RPIKs four at a time
 * (WebAssembly SIMD HKDF), their RPIs with node:crypto AES, and posts back (keyIndex, interval,
 * seenIndex) triples. Runs from TypeScript source (see ts-worker.ts).
 */
import { parentPort } from "node:worker_threads";
import { createEnKdf } from "../gaen/en-hkdf.ts";
import { keyOverlapsIndex, MatchScratch, MatchTriples, matchDerivedRpis } from "../matching/match-keys.ts";
import type { MatchJob, WorkerReply } from "./match-protocol.ts";
import { createNodeRpiEncryptor } from "./node-deriver.ts";
import { type BatchEnKdf, createSimdEnKdf, simdKdfSupported } from "./simd-kdf.ts";

/** Scalar fallback with the same shape as the SIMD batch KDF. */
function scalarBatchKdf(): BatchEnKdf {
  const kdf = createEnKdf("EN-RPIK");
  return (ikms, count, out) => {
    for (let i = 0; i < count; i++)
      kdf(ikms.subarray(i * 16, i * 16 + 16), out.subarray(i * 16, i * 16 + 16));
  };
}

const batchKdf = simdKdfSupported() ? createSimdEnKdf("EN-RPIK") : scalarBatchKdf();
const encrypt = createNodeRpiEncryptor();
const scratch = new MatchScratch();
const rpik = new Uint8Array(16);
let rpiks = new Uint8Array(0);

function runJob(job: MatchJob): WorkerReply {
  const { index, keys, cursor, chunkSize, jobId } = job;
  const out = new MatchTriples();
  if (rpiks.length < chunkSize * 16) rpiks = new Uint8Array(chunkSize * 16);
  for (;;) {
    const from = Atomics.add(cursor, 0, chunkSize);
    if (from >= keys.count) break;
    const to = Math.min(keys.count, from + chunkSize);
    batchKdf(keys.keyData.subarray(from * 16, to * 16), to - from, rpiks);
    for (let k = from; k < to; k++) {
      const period = keys.periods[k]!;
      const start = keys.starts[k]!;
      if (period === 0 || !keyOverlapsIndex(index, start, period)) continue;
      const r = (k - from) * 16;
      for (let i = 0; i < 16; i++) rpik[i] = rpiks[r + i]!;
      matchDerivedRpis(index, encrypt(rpik, start, period), start, period, k, scratch, out);
    }
  }
  return { type: "done", jobId, triples: out.data.slice(0, out.length) };
}

parentPort?.on("message", (job: MatchJob) => {
  let reply: WorkerReply;
  try {
    reply = runJob(job);
  } catch (err) {
    reply = { type: "error", jobId: job.jobId, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply, reply.type === "done" ? [reply.triples.buffer as ArrayBuffer] : []);
});
