// SQL of the auth feature: accounts (create, find, failed-login bookkeeping) and hashed sessions.
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "../platform/db/database.ts";
import { type AuthenticatedAccount, normalizeUsername, type Role } from "./model.ts";
import { hashPassword } from "./password.ts";
import { accounts, sessions } from "./tables.ts";

export interface NewAccount {
  username: string;
  password: string;
  role: Role;
  /** Required for every role but national. */
  unitCode?: string | null;
}

export type AccountRow = typeof accounts.$inferSelect;

/** Creates an official's account (for seeding demo data and admin tooling); returns it without the hash. */
export async function createAccount(
  db: Db,
  input: NewAccount,
  options: { scryptCost?: number } = {},
): Promise<AuthenticatedAccount> {
  const username = normalizeUsername(input.username);
  if (!username) throw new Error(`invalid username "${input.username}" (3-64 of a-z 0-9 . _ -)`);
  if (input.password.length < 8) throw new Error("password must have at least 8 characters");
  const unitCode = input.unitCode ?? null;
  if (input.role !== "national" && !unitCode) throw new Error(`role ${input.role} needs a unitCode`);
  const passwordHash = await hashPassword(input.password, options.scryptCost);
  const [row] = await db
    .insert(accounts)
    .values({ username, passwordHash, role: input.role, unitCode })
    .returning();
  if (!row) throw new Error("account insert returned nothing");
  return { id: row.id, username: row.username, role: row.role, unitCode: row.unitCode };
}

export async function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.username, username));
  return row;
}

/**
 * Counts a failed login atomically; the failure that reaches `threshold` locks the account until `lockUntil`
 * and restarts the count. Returns the lock end when this failure locked the account.
 */
export async function recordFailedLogin(
  db: Db,
  accountId: number,
  threshold: number,
  lockUntil: Date,
): Promise<Date | null> {
  const reached = sql`${accounts.failedLogins} + 1 >= ${threshold}`;
  const [row] = await db
    .update(accounts)
    .set({
      failedLogins: sql`CASE WHEN ${reached} THEN 0 ELSE ${accounts.failedLogins} + 1 END`,
      lockedUntil: sql`CASE WHEN ${reached} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${accounts.lockedUntil} END`,
    })
    .where(eq(accounts.id, accountId))
    .returning({ lockedUntil: accounts.lockedUntil, failedLogins: accounts.failedLogins });
  return row && row.failedLogins === 0 && row.lockedUntil ? row.lockedUntil : null;
}

export async function clearFailedLogins(db: Db, accountId: number): Promise<void> {
  await db.update(accounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(accounts.id, accountId));
}

export async function insertSession(
  db: Db,
  tokenHash: string,
  accountId: number,
  expiresAt: Date,
): Promise<void> {
  await db.insert(sessions).values({ tokenHash, accountId, expiresAt });
}

/** The account behind an unexpired session, or null. */
export async function findSessionAccount(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<AuthenticatedAccount | null> {
  const [row] = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      role: accounts.role,
      unitCode: accounts.unitCode,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row ?? null;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Removes expired sessions; returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ tokenHash: sessions.tokenHash });
  return deleted.length;
}
