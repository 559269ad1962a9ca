/**
 * UploadHistory: the phone's record of its own consented uploads ("upload/history" in the Store): test
 * type, time and key count of each (never the keys), plus the server's latest revision token.
 */
import type { Store } from "../adapters.ts";
import type { UploadRecord } from "../status/status.ts";

const KEY = "upload/history";

export interface UploadHistory {
  records: UploadRecord[];
  revisionToken: string | undefined;
}

export async function loadUploadHistory(store: Store): Promise<UploadHistory> {
  const h = await store.get<{ records: UploadRecord[]; revisionToken: string | null }>(KEY);
  return { records: h?.records ?? [], revisionToken: h?.revisionToken ?? undefined };
}

export async function saveUploadHistory(store: Store, history: UploadHistory): Promise<void> {
  await store.put(KEY, { records: history.records, revisionToken: history.revisionToken ?? null });
}

/** Drops records older than the retention period (the F0 status lasts that long after an upload). */
export function pruneUploadHistory(
  history: UploadHistory,
  nowMs: number,
  retentionDays: number,
): UploadHistory {
  const cutoff = nowMs - retentionDays * 86_400_000;
  const records = history.records.filter((r) => r.uploadedAtMs >= cutoff);
  return { records, revisionToken: records.length > 0 ? history.revisionToken : undefined };
}
