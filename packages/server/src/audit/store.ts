// SQL of the audit log: append an entry, list entries (newest first). Callers pass no personal data beyond
// the official's account id and username.
import { and, desc, eq, gte, type SQL } from "drizzle-orm";
import type { Db } from "../platform/db/database.ts";
import { auditLog } from "./tables.ts";

export interface AuditEntry {
  at: Date;
  action: string;
  accountId?: number | null;
  username?: string | null;
  unitCode?: string | null;
  detail?: Record<string, unknown>;
}

export type AuditRecord = typeof auditLog.$inferSelect;

/** Appends one entry. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    at: entry.at,
    action: entry.action,
    accountId: entry.accountId ?? null,
    username: entry.username ?? null,
    unitCode: entry.unitCode ?? null,
    detail: entry.detail ?? {},
  });
}

/** Entries newest first, optionally of one action / account / since a time. */
export async function listAudit(
  db: Db,
  filter: { action?: string; accountId?: number; since?: Date; limit?: number } = {},
): Promise<AuditRecord[]> {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.accountId !== undefined) conditions.push(eq(auditLog.accountId, filter.accountId));
  if (filter.since) conditions.push(gte(auditLog.at, filter.since));
  return db
    .select()
    .from(auditLog)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit ?? 100);
}
