// Presence ticks by group commit (platform/ingest-batcher.ts): ticks that arrive while a write is in flight are
// summed per venue and hour in memory (pure `groupTicks`) and written by the next transaction as one multi-row
// upsert (store.ts addPresenceGroups, rows in (venue, hour) order so concurrent batches cannot deadlock).
import type { Db } from "../platform/db/database.ts";
import { IngestBatcher } from "../platform/ingest-batcher.ts";
import { addPresenceGroups } from "./store.ts";

/** One anonymous tick: the venue's public id (22 chars) or base64url locationId (43 chars), its hour. */
export interface PresenceTick {
  venueId: string;
  /** Start of the UTC hour (ms since the epoch). */
  hourMs: number;
  kind: "enter" | "exit";
}

/** The summed deltas of one venue id and hour. */
export interface PresenceGroup {
  /** Public id when `venueId` is 22 chars, else null. */
  publicId: string | null;
  /** locationId (hex) when `venueId` is a base64url locationId, else null. */
  locationIdHex: string | null;
  hour: string;
  enters: number;
  exits: number;
}

/** Sums ticks per (venue id, hour); `groupOf[i]` is the index in `groups` of tick i. Groups sorted by key. */
export function groupTicks(ticks: readonly PresenceTick[]): { groups: PresenceGroup[]; groupOf: number[] } {
  const byKey = new Map<string, { key: string; tick: PresenceTick; enters: number; exits: number }>();
  const keys: string[] = new Array(ticks.length);
  for (let i = 0; i < ticks.length; i++) {
    const tick = ticks[i]!;
    const key = `${tick.venueId} ${tick.hourMs}`;
    keys[i] = key;
    let sum = byKey.get(key);
    if (!sum) {
      sum = { key, tick, enters: 0, exits: 0 };
      byKey.set(key, sum);
    }
    if (tick.kind === "enter") sum.enters++;
    else sum.exits++;
  }
  const sorted = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const index = new Map<string, number>();
  const groups = sorted.map((s, n) => {
    index.set(s.key, n);
    const isLocationId = s.tick.venueId.length === 43;
    return {
      publicId: isLocationId ? null : s.tick.venueId,
      locationIdHex: isLocationId ? Buffer.from(s.tick.venueId, "base64url").toString("hex") : null,
      hour: new Date(s.tick.hourMs).toISOString(),
      enters: s.enters,
      exits: s.exits,
    };
  });
  return { groups, groupOf: keys.map((k) => index.get(k)!) };
}

export interface PresenceBatcherOptions {
  db: Db;
  maxBatch: number;
  concurrency: number;
  onBatch?: (size: number) => void;
}

/** A batcher whose results say, per tick, whether its venue exists (false: nothing was counted). */
export function createPresenceBatcher(options: PresenceBatcherOptions): IngestBatcher<PresenceTick, boolean> {
  return new IngestBatcher<PresenceTick, boolean>({
    maxBatch: options.maxBatch,
    concurrency: options.concurrency,
    ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    write: async (ticks) => {
      const { groups, groupOf } = groupTicks(ticks);
      const matched = await addPresenceGroups(options.db, groups);
      return groupOf.map((g) => matched.has(g));
    },
  });
}
