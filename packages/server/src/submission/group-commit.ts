// Group commit of token-less publish inserts: concurrent uploads' keys go into one multi-row INSERT and one
// commit (flushed after a short wait or at a row count); each upload learns whether all its keys were new. The
// check-in reports of the uploads that commit go into the same transaction.
import { bytesToBase64 } from "@bluezone/protocol";
import type { Db } from "../platform/db/database.ts";
import type { DiagnosisKey } from "./model.ts";
import { rawTransaction } from "./raw-sql.ts";
import { type CheckInReportRow, deleteKeys, insertCheckInReports, insertKeys } from "./store.ts";

export interface GroupCommitOptions {
  /** Longest wait for more uploads after the first one of a batch arrives. */
  maxWaitMs: number;
  /** Flush at once when this many keys are pending. */
  maxRows: number;
}

export const GROUP_COMMIT_DEFAULTS: GroupCommitOptions = { maxWaitMs: 2, maxRows: 420 };

/**
 * "committed": every key was new and is committed. "individual": some key was stored already (or sent by an
 * earlier upload of the same batch) or the batch failed; none of its keys were kept, so the caller publishes
 * the upload on its own path, which applies the revision rules.
 */
export type GroupOutcome = "committed" | "individual";

interface Pending {
  keys: readonly DiagnosisKey[];
  checkIns: readonly CheckInReportRow[];
  resolve: (outcome: GroupOutcome) => void;
}

/** Collects uploads and writes them in batches; one per database handle. */
export class GroupCommitter {
  private pending: Pending[] = [];
  private pendingRows = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: GroupCommitOptions = GROUP_COMMIT_DEFAULTS,
  ) {}

  /**
   * Resolves once the upload's batch committed (or the upload must go the individual path); never rejects.
   * `checkIns` are stored only if the upload commits (all or nothing with its keys).
   */
  submit(keys: readonly DiagnosisKey[], checkIns: readonly CheckInReportRow[] = []): Promise<GroupOutcome> {
    return new Promise((resolve) => {
      this.pending.push({ keys, checkIns, resolve });
      this.pendingRows += keys.length;
      if (this.pendingRows >= this.options.maxRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    if (batch.length > 0) void this.write(batch);
  }

  private async write(batch: Pending[]): Promise<void> {
    let outcomes: GroupOutcome[];
    try {
      outcomes = await rawTransaction(this.db, async (tx) => {
        const owner = new Map<string, number>();
        const rows: DiagnosisKey[] = [];
        batch.forEach((upload, i) => {
          for (const key of upload.keys) {
            const id = bytesToBase64(key.keyData);
            if (!owner.has(id)) owner.set(id, i);
            rows.push(key);
          }
        });
        const inserted = new Set((await insertKeys(tx, rows)).map(bytesToBase64));
        const result = batch.map((upload, i): GroupOutcome => {
          const clean = upload.keys.every((k) => {
            const id = bytesToBase64(k.keyData);
            return inserted.has(id) && owner.get(id) === i;
          });
          return clean ? "committed" : "individual";
        });
        // Keys this batch inserted for uploads that go the individual path are taken back before commit.
        const undo = [...inserted].filter((id) => result[owner.get(id) ?? -1] === "individual");
        if (undo.length > 0) {
          const undoSet = new Set(undo);
          await deleteKeys(
            tx,
            rows.filter((k) => undoSet.delete(bytesToBase64(k.keyData))).map((k) => k.keyData),
          );
        }
        await insertCheckInReports(
          tx,
          batch.flatMap((upload, i) => (result[i] === "committed" ? upload.checkIns : [])),
        );
        return result;
      });
    } catch {
      outcomes = batch.map(() => "individual");
    }
    batch.forEach((upload, i) => {
      upload.resolve(outcomes[i] ?? "individual");
    });
  }
}

const committers = new WeakMap<Db, GroupCommitter>();

/** The group committer of `db` (created on first use). */
export function groupCommitter(db: Db): GroupCommitter {
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommitter(db);
    committers.set(db, committer);
  }
  return committer;
}
