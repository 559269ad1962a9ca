// Pure rule of the retention job: the cutoff instant. A record's age is its created_at (diagnosis keys: the
// submission hour; verification codes and tokens: issue time); an export batch's is the end of its window.

/** Records older than this instant are deleted: `now - period`. */
export function retentionCutoff(now: Date, periodMs: number): Date {
  if (!(periodMs > 0)) throw new Error("retention period must be positive");
  return new Date(now.getTime() - periodMs);
}
