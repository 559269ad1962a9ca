// Group commit for app traffic (platform/ingest-batcher.ts): registrations and heartbeats that arrive while a
// write is in flight go together in the next transaction, so counter rows are updated once per batch, not once
// per request. Each caller's promise settles after its batch commits.
import type { Db } from "../platform/db/database.ts";
import type { Clock } from "../platform/feature.ts";
import { IngestBatcher } from "../platform/ingest-batcher.ts";
import { localDay } from "./coverage.ts";
import {
  type HeartbeatResult,
  type Registration,
  type RegistrationResult,
  writeIngestBatch,
} from "./ingest-store.ts";

type Item = { kind: "register"; value: Registration } | { kind: "heartbeat"; value: string };
type Result = RegistrationResult | HeartbeatResult;

export interface IngestQueueOptions {
  db: Db;
  clock: Clock;
  /** Most items per transaction. */
  maxBatch: number;
  /** Transactions in flight at once. */
  concurrency: number;
  /** Called after each committed batch (metrics). */
  onBatch?: (size: number) => void;
}

/** Writes a mixed batch: registrations then heartbeats in one transaction; results in input order. */
async function writeMixed(db: Db, day: string, items: readonly Item[]): Promise<Result[]> {
  const registrations: Registration[] = [];
  const heartbeats: string[] = [];
  for (const item of items) {
    if (item.kind === "register") registrations.push(item.value);
    else heartbeats.push(item.value);
  }
  const written = await writeIngestBatch(db, day, registrations, heartbeats);
  let r = 0;
  let h = 0;
  return items.map((item) =>
    item.kind === "register" ? written.registrations[r++]! : written.heartbeats[h++]!,
  );
}

export class IngestQueue {
  private readonly batcher: IngestBatcher<Item, Result>;

  constructor(options: IngestQueueOptions) {
    this.batcher = new IngestBatcher<Item, Result>({
      write: (items) => writeMixed(options.db, localDay(options.clock()), items),
      maxBatch: options.maxBatch,
      concurrency: options.concurrency,
      ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    });
  }

  register(value: Registration): Promise<RegistrationResult> {
    return this.batcher.submit({ kind: "register", value }) as Promise<RegistrationResult>;
  }

  heartbeat(installId: string): Promise<HeartbeatResult> {
    return this.batcher.submit({ kind: "heartbeat", value: installId }) as Promise<HeartbeatResult>;
  }

  /** Resolves once nothing is pending or in flight. */
  drained(): Promise<void> {
    return this.batcher.drained();
  }
}
