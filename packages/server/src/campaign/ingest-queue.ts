// Group commit for app traffic: registrations and heartbeats that arrive while a write is in flight wait and
// go together in the next transaction (at most `maxBatch`), so counter rows are updated once per batch, not
// once per request. Each caller's promise settles after its batch commits. A failed batch is retried item by item.
import type { Db } from "../platform/db/database.ts";
import type { Clock } from "../platform/feature.ts";
import { localDay } from "./coverage.ts";
import {
  type HeartbeatResult,
  type Registration,
  type RegistrationResult,
  writeIngestBatch,
} from "./ingest-store.ts";

type Item =
  | {
      kind: "register";
      value: Registration;
      resolve: (r: RegistrationResult) => void;
      reject: (e: unknown) => void;
    }
  | { kind: "heartbeat"; value: string; resolve: (r: HeartbeatResult) => void; reject: (e: unknown) => void };

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

export class IngestQueue {
  private readonly pending: Item[] = [];
  private inFlight = 0;
  private readonly idle = new Set<() => void>();

  constructor(private readonly options: IngestQueueOptions) {}

  register(value: Registration): Promise<RegistrationResult> {
    return new Promise((resolve, reject) => this.push({ kind: "register", value, resolve, reject }));
  }

  heartbeat(installId: string): Promise<HeartbeatResult> {
    return new Promise((resolve, reject) =>
      this.push({ kind: "heartbeat", value: installId, resolve, reject }),
    );
  }

  /** Resolves once nothing is pending or in flight. */
  drained(): Promise<void> {
    if (this.pending.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  private push(item: Item): void {
    this.pending.push(item);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.pending.length === 0 && this.inFlight === 0) {
          for (const resolve of this.idle) resolve();
          this.idle.clear();
        }
      });
    }
  }

  private async flush(batch: Item[]): Promise<void> {
    const registrations = batch.filter((i) => i.kind === "register");
    const heartbeats = batch.filter((i) => i.kind === "heartbeat");
    try {
      const result = await writeIngestBatch(
        this.options.db,
        localDay(this.options.clock()),
        registrations.map((i) => i.value),
        heartbeats.map((i) => i.value),
      );
      for (const [n, item] of registrations.entries()) item.resolve(result.registrations[n]!);
      for (const [n, item] of heartbeats.entries()) item.resolve(result.heartbeats[n]!);
      this.options.onBatch?.(batch.length);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One bad item (or a deadlock) must not fail its neighbours: retry each alone.
      await Promise.all(batch.map((item) => this.flush([item])));
    }
  }
}
