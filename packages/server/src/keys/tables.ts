// Drizzle tables of the keys module: ECDSA P-256 signing keys (certificates, export files) and server secrets.
// Keep this file free of local imports: drizzle-kit loads every src/*/tables.ts on its own.
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Signing keys by purpose ('certificate': verification certificate JWTs; 'export': export.sig of key batches).
 * One active key per purpose signs; retired keys stay listed (so old signatures verify) until `not_after`.
 * `kid` names the key family (JWT kid prefix / GAEN verification_key_id), `version` the rotation ("v1", "v2").
 * `private_pem` is null when the private key comes from the environment (production) and is never served.
 */
export const signingKeys = pgTable(
  "signing_keys",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    purpose: text("purpose", { enum: ["certificate", "export"] }).notNull(),
    kid: text("kid").notNull(),
    version: text("version").notNull(),
    /** SPKI PEM of the P-256 public key. */
    publicPem: text("public_pem").notNull(),
    /** PKCS#8 PEM of the private key when generated here (demo mode); null when it comes from env/file. */
    privatePem: text("private_pem"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Null while active; a retired key is still published (and verifies) until this instant. */
    notAfter: timestamp("not_after", { withTimezone: true, mode: "date" }),
    active: boolean("active").notNull().default(false),
  },
  (t) => [
    uniqueIndex("signing_keys_purpose_kid_version_idx").on(t.purpose, t.kid, t.version),
    uniqueIndex("signing_keys_one_active_idx").on(t.purpose).where(sql`${t.active}`),
    index("signing_keys_not_after_idx").on(t.notAfter),
  ],
);

/** Server-side secrets generated on first use when not configured (HMAC keys, token encryption keys). */
export const serverSecrets = pgTable("server_secrets", {
  name: text("name").primaryKey(),
  /** Standard base64 of the secret bytes. */
  secretBase64: text("secret_base64").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
