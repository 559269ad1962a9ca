// Drizzle tables of the verification feature: one-time codes issued by health-authority officers and the
// single-use tokens /v1/verify exchanges them for. Codes and tokens are stored only as hashes.
// Keep this file free of local imports: drizzle-kit loads every src/*/tables.ts on its own.
import { bigint, bigserial, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const TEST_TYPES = ["confirmed", "likely", "negative", "close_contact"] as const;

/** A code issue: short code (8 digits) and long code (16 characters) for one diagnosis, single use. */
export const verificationCodes = pgTable(
  "verification_codes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Public handle the issuing officer uses to check the status. */
    uuid: uuid("uuid").notNull().unique(),
    /** base64url HMAC-SHA256(VERIFICATION_CODE_SECRET, "short:" + code). */
    codeHash: text("code_hash").notNull().unique(),
    /** base64url HMAC-SHA256(VERIFICATION_CODE_SECRET, "long:" + long code). */
    longCodeHash: text("long_code_hash").notNull().unique(),
    testType: text("test_type", { enum: TEST_TYPES }).notNull(),
    symptomDate: date("symptom_date", { mode: "string" }),
    testDate: date("test_date", { mode: "string" }),
    /** The issuing officer's unit code (quota scope); "cli" for codes issued from the command line. */
    realm: text("realm").notNull(),
    /** Account id of the issuing officer; null for the CLI. */
    issuedBy: bigint("issued_by", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    longExpiresAt: timestamp("long_expires_at", { withTimezone: true, mode: "date" }).notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("verification_codes_realm_idx").on(t.realm, t.createdAt),
    index("verification_codes_issuer_idx").on(t.issuedBy, t.createdAt),
    index("verification_codes_long_expires_idx").on(t.longExpiresAt),
  ],
);

/** A token from /v1/verify, exchanged once for a certificate at /v1/certificate. */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** base64url SHA-256 of the token. */
    tokenHash: text("token_hash").notNull().unique(),
    testType: text("test_type", { enum: TEST_TYPES }).notNull(),
    symptomDate: date("symptom_date", { mode: "string" }),
    testDate: date("test_date", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("verification_tokens_expires_idx").on(t.expiresAt)],
);
