// Group commit for high-rate writes: items submitted while a transaction is in flight wait and are written
// together by the next one (at most `maxBatch` items, at most `concurrency` transactions at once). Each caller's
// promise settles after the batch holding its item has committed. A failed batch is retried item by item, so
// one bad item (or a deadlock) fails only its own caller.

export interface IngestBatcherOptions<I, R> {
  /** Writes the items in one transaction; returns one result per item, in input order. */
  write: (items: readonly I[]) => Promise<readonly R[]>;
  /** Most items per transaction. */
  maxBatch: number;
  /** Transactions in flight at once. */
  concurrency: number;
  /** Called after each committed batch with its size (metrics). */
  onBatch?: (size: number) => void;
}

interface Pending<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class IngestBatcher<I, R> {
  /** Waiting items; `head` is the index of the oldest one (avoids O(n) shifts under load). */
  private pending: Pending<I, R>[] = [];
  private head = 0;
  private inFlight = 0;
  private readonly idle = new Set<() => void>();

  constructor(private readonly options: IngestBatcherOptions<I, R>) {
    if (!(options.maxBatch >= 1) || !(options.concurrency >= 1)) {
      throw new Error("IngestBatcher: maxBatch and concurrency must be at least 1");
    }
  }

  /** Queues one item; resolves with its result once its batch has committed. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a transaction (not counting those in flight). */
  get waiting(): number {
    return this.pending.length - this.head;
  }

  /** Resolves once nothing is waiting or in flight. */
  drained(): Promise<void> {
    if (this.waiting === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  private take(): Pending<I, R>[] {
    const end = Math.min(this.pending.length, this.head + this.options.maxBatch);
    const batch = this.pending.slice(this.head, end);
    this.head = end;
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    }
    return batch;
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.waiting > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.waiting === 0 && this.inFlight === 0) {
          for (const resolve of this.idle) resolve();
          this.idle.clear();
        }
      });
    }
  }

  private async flush(batch: Pending<I, R>[]): Promise<void> {
    let results: readonly R[];
    try {
      results = await this.options.write(batch.map((p) => p.item));
      if (results.length !== batch.length) {
        throw new Error(`IngestBatcher: write returned ${results.length} results for ${batch.length} items`);
      }
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One bad item (or a deadlock) must not fail its neighbours: retry each alone.
      await Promise.all(batch.map((p) => this.flush([p])));
      return;
    }
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(results[i] as R);
    this.options.onBatch?.(batch.length);
  }
}
