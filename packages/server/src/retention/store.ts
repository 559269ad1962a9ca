// SQL of the retention job: deletes rows older than the cutoff from tables other features own
// (diagnosis_keys, verification_codes, verification_tokens); export batches go through export/retention.ts.
import { lt } from "drizzle-orm";
import { type Db, rows, sql } from "../platform/db/database.ts";
import { verificationCodes, verificationTokens } from "../verification/tables.ts";

export async function deleteDiagnosisKeysBefore(db: Db, cutoff: Date): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`WITH gone AS (DELETE FROM diagnosis_keys WHERE created_at < ${cutoff.toISOString()}::timestamptz RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return row?.n ?? 0;
}

export async function deleteVerificationBefore(
  db: Db,
  cutoff: Date,
): Promise<{ codes: number; tokens: number }> {
  const codes = await db
    .delete(verificationCodes)
    .where(lt(verificationCodes.createdAt, cutoff))
    .returning({ id: verificationCodes.id });
  const tokens = await db
    .delete(verificationTokens)
    .where(lt(verificationTokens.createdAt, cutoff))
    .returning({ id: verificationTokens.id });
  return { codes: codes.length, tokens: tokens.length };
}
