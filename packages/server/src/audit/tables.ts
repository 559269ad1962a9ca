// Drizzle table of the audit log (officials' sign-ins, report exports, ...). Keep free of local imports:
// drizzle-kit loads every src/*/tables.ts on its own.
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One audited action of an official. Never holds IP addresses, phone numbers, passwords or tokens. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    /** "auth.sign-in", "auth.sign-in-failed", "campaign.report-export", ... */
    action: text("action").notNull(),
    accountId: bigint("account_id", { mode: "number" }),
    username: text("username"),
    /** The administrative unit the action concerns, if any. */
    unitCode: text("unit_code"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_account_idx").on(t.accountId, t.at)],
);
