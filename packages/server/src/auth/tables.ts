// Drizzle table definitions for officials' accounts and their login sessions.
// Keep this file free of local imports: drizzle-kit loads every src/*/tables.ts on its own.
import { bigint, bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** An official's account: one role, optionally scoped to an administrative unit. */
export const accounts = pgTable("accounts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** Lower-cased login name, unique. */
  username: text("username").notNull().unique(),
  /** `scrypt$N$r$p$<salt b64url>$<hash b64url>` (see auth/password.ts). */
  passwordHash: text("password_hash").notNull(),
  role: text("role", {
    enum: ["national", "province", "commune", "agency", "health_authority", "venue_owner"],
  }).notNull(),
  /** Administrative unit (or agency/venue) code the role is scoped to; null for national. */
  unitCode: text("unit_code"),
  failedLogins: integer("failed_logins").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** A login session; only the SHA-256 of the bearer token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: bigint("account_id", { mode: "number" })
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_account_idx").on(t.accountId), index("sessions_expires_idx").on(t.expiresAt)],
);
