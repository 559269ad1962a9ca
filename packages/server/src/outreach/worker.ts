// The outbox delivery worker: claims batches (SKIP LOCKED, leased), sends each message through its channel's
// adapter with the idempotency key under a per-channel token bucket, and settles the batch in one statement:
// sent, retried later with exponential back-off and jitter, or failed after the last attempt.
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../platform/db/database.ts";
import type { Clock } from "../platform/feature.ts";
import type { ChannelAdapter, OutboundMessage } from "./channels.ts";
import { type Channel, optOutToken, renderTemplate, retryDelayMs } from "./model.ts";
import { TokenBucket } from "./rate.ts";
import type { AddressSealer } from "./seal.ts";
import { type ClaimedMessage, claimBatch, type Settlement, settleBatch } from "./store.ts";

export interface OutboxWorkerOptions {
  db: Db;
  adapters: Partial<Record<Channel, ChannelAdapter>>;
  sealer: AddressSealer;
  /** Key of opt-out link signatures; `optOutUrl` is the link's base (…/v1/outreach/optout). */
  optOutKey: Uint8Array;
  optOutUrl: string;
  clock: Clock;
  /** Uniform [0, 1) for jitter. */
  random01?: () => number;
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  retry: { baseMs: number; maxMs: number };
  /** Messages per second per channel (0 = unlimited). */
  rates: Partial<Record<Channel, number>>;
  /** Sends in flight at once. */
  concurrency?: number;
  pollIntervalMs?: number;
  log?: FastifyBaseLogger;
  onResult?: (channel: Channel, result: "sent" | "retry" | "failed" | "cancelled", n: number) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OutboxWorker {
  private readonly options: OutboxWorkerOptions;
  private readonly buckets = new Map<Channel, TokenBucket>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(options: OutboxWorkerOptions) {
    this.options = options;
    const now = Date.now();
    for (const channel of Object.keys(options.adapters) as Channel[]) {
      this.buckets.set(channel, new TokenBucket(options.rates[channel] ?? 0, now));
    }
  }

  get channels(): Channel[] {
    return Object.keys(this.options.adapters) as Channel[];
  }

  /** Builds what the adapter sends: the stored text with the recipient's own opt-out link. */
  private message(m: ClaimedMessage): OutboundMessage {
    const address = this.options.sealer.open(m.addressSealed, m.recipientHash);
    const optoutLink = `${this.options.optOutUrl}?t=${optOutToken(this.options.optOutKey, m.recipientHash)}`;
    const fill = (text: string) => renderTemplate(text, { optout_link: optoutLink });
    const p = m.payload as {
      text?: string;
      subject?: string;
      templateId?: string;
      templateData?: Record<string, string>;
    };
    return {
      address,
      text: fill(p.text ?? ""),
      ...(p.subject ? { subject: p.subject } : {}),
      ...(p.templateId ? { templateId: p.templateId } : {}),
      ...(p.templateData
        ? { templateData: Object.fromEntries(Object.entries(p.templateData).map(([k, v]) => [k, fill(v)])) }
        : {}),
    };
  }

  private async sendOne(m: ClaimedMessage): Promise<Settlement> {
    const adapter = this.options.adapters[m.channel];
    if (!adapter)
      return { id: m.id, attempts: m.attempts, status: "failed", error: `no ${m.channel} adapter` };
    const wait = this.buckets.get(m.channel)?.take(Date.now()) ?? 0;
    if (wait > 0) await sleep(wait);
    let result: Awaited<ReturnType<ChannelAdapter["send"]>>;
    try {
      result = await adapter.send(this.message(m), { idempotencyKey: m.idempotencyKey });
    } catch (error) {
      result = { ok: false, retryable: true, error: (error as Error).message };
    }
    if (result.ok) return { id: m.id, attempts: m.attempts, status: "sent", providerId: result.providerId };
    if (!result.retryable || m.attempts >= this.options.maxAttempts) {
      return { id: m.id, attempts: m.attempts, status: "failed", error: result.error };
    }
    const delay = retryDelayMs(m.attempts, this.options.retry, (this.options.random01 ?? Math.random)());
    return {
      id: m.id,
      attempts: m.attempts,
      status: "queued",
      error: result.error,
      nextAttemptAt: new Date(this.options.clock().getTime() + delay),
    };
  }

  /** Claims, sends and settles one batch; returns how many messages it handled (0 = nothing due). */
  async runOnce(): Promise<number> {
    const { messages, cancelled } = await claimBatch(this.options.db, {
      now: this.options.clock(),
      limit: this.options.batchSize,
      leaseMs: this.options.leaseMs,
      channels: this.channels,
    });
    if (cancelled > 0) this.options.onResult?.("sms", "cancelled", cancelled);
    if (messages.length === 0) return cancelled;
    const settlements: Settlement[] = new Array(messages.length);
    let next = 0;
    const lanes = Math.min(messages.length, this.options.concurrency ?? 32);
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < messages.length) {
          const i = next++;
          settlements[i] = await this.sendOne(messages[i]!);
        }
      }),
    );
    await settleBatch(this.options.db, this.options.clock(), settlements);
    settlements.forEach((s, i) => {
      this.options.onResult?.(messages[i]!.channel, s.status === "queued" ? "retry" : s.status, 1);
    });
    return messages.length + cancelled;
  }

  /** Runs batches until nothing is due now. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      if (n === 0) return total;
      total += n;
    }
  }

  /** Polls in the background until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let handled = 0;
        try {
          handled = await this.runOnce();
        } catch (error) {
          this.options.log?.error({ err: error }, "outreach delivery batch failed");
        }
        if (handled === 0 && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.options.pollIntervalMs ?? 1000);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = undefined;
        }
      }
    })();
  }

  /** Wakes an idle worker (new messages were queued in this process). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    for (const adapter of Object.values(this.options.adapters)) await adapter?.close?.();
  }
}
