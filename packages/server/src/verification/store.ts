// SQL of the verification feature: inserting codes (retrying hash collisions), quota counts, claiming a
// code and creating its token in one step, using a token once, code status, and the purge of old rows.
import { and, count, eq, gt, lt, min, or, sql } from "drizzle-orm";
import { type Db, rows } from "../platform/db/database.ts";
import type { TestType } from "./model.ts";
import { verificationCodes, verificationTokens } from "./tables.ts";

export type CodeRow = typeof verificationCodes.$inferSelect;
export type TokenRow = typeof verificationTokens.$inferSelect;
export type NewCode = typeof verificationCodes.$inferInsert;

/** Serializes code issues of one realm (so quotas hold under concurrency) until the transaction ends. */
export async function lockRealm(tx: Db, realm: string): Promise<void> {
  await rows(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`bluezone:verification-realm:${realm}`}))`);
}

/** Codes issued since `since` by the realm and by the officer (null: not counted), with the oldest of each. */
export async function issuedSince(
  db: Db,
  realm: string,
  officer: number | null,
  since: Date,
): Promise<{ realm: { n: number; oldest: Date | null }; officer: { n: number; oldest: Date | null } }> {
  const count$ = async (where: ReturnType<typeof and>) => {
    const [row] = await db
      .select({ n: count(), oldest: min(verificationCodes.createdAt) })
      .from(verificationCodes)
      .where(where);
    return { n: Number(row?.n ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
  };
  const inWindow = gt(verificationCodes.createdAt, since);
  return {
    realm: await count$(and(eq(verificationCodes.realm, realm), inWindow)),
    officer:
      officer === null
        ? { n: 0, oldest: null }
        : await count$(and(eq(verificationCodes.issuedBy, officer), inWindow)),
  };
}

/** Inserts a code; false when its code or long-code hash is taken (the caller draws new codes). */
export async function insertCode(db: Db, code: NewCode): Promise<boolean> {
  const inserted = await db
    .insert(verificationCodes)
    .values(code)
    .onConflictDoNothing()
    .returning({ id: verificationCodes.id });
  return inserted.length === 1;
}

/** The code whose short or long hash matches, locked for this transaction. */
export async function findCodeForUpdate(db: Db, hash: string): Promise<CodeRow | undefined> {
  const [row] = await db
    .select()
    .from(verificationCodes)
    .where(or(eq(verificationCodes.codeHash, hash), eq(verificationCodes.longCodeHash, hash)))
    .for("update");
  return row;
}

/** Marks a code claimed and stores the token it was exchanged for. */
export async function claimCode(
  db: Db,
  code: CodeRow,
  token: { tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .update(verificationCodes)
    .set({ claimedAt: token.createdAt })
    .where(eq(verificationCodes.id, code.id));
  await db.insert(verificationTokens).values({
    ...token,
    testType: code.testType as TestType,
    symptomDate: code.symptomDate,
    testDate: code.testDate,
  });
}

export async function findTokenForUpdate(db: Db, hash: string): Promise<TokenRow | undefined> {
  const [row] = await db
    .select()
    .from(verificationTokens)
    .where(eq(verificationTokens.tokenHash, hash))
    .for("update");
  return row;
}

export async function markTokenUsed(db: Db, id: number, at: Date): Promise<void> {
  await db.update(verificationTokens).set({ usedAt: at }).where(eq(verificationTokens.id, id));
}

/** A code by its public uuid, only if `officer` issued it. */
export async function findOfficerCode(db: Db, uuid: string, officer: number): Promise<CodeRow | undefined> {
  const [row] = await db
    .select()
    .from(verificationCodes)
    .where(and(eq(verificationCodes.uuid, uuid), eq(verificationCodes.issuedBy, officer)));
  return row;
}

/** Deletes codes whose long code expired before `before`, and tokens that expired before it. */
export async function purgeVerification(db: Db, before: Date): Promise<{ codes: number; tokens: number }> {
  const codes = await db
    .delete(verificationCodes)
    .where(lt(verificationCodes.longExpiresAt, before))
    .returning({ id: verificationCodes.id });
  const tokens = await db
    .delete(verificationTokens)
    .where(lt(verificationTokens.expiresAt, before))
    .returning({ id: verificationTokens.id });
  return { codes: codes.length, tokens: tokens.length };
}
