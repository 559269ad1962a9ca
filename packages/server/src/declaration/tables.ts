// Drizzle tables of the health declaration: declarants (hashed keys), declarations (sealed answers + the facts
// the counts are made of), follow-up entries, and the anonymous per-commune daily counts officials read.
// Keep this file free of local imports: drizzle-kit loads every src/*/tables.ts on its own.

import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/** bytea as Uint8Array on both drivers (node-postgres returns Buffer, PGlite Uint8Array). */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/** A citizen's device, known only by the SHA-256 of its random declarant key. */
export const declarants = pgTable(
  "declarants",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    keyHash: text("key_hash").notNull().unique(),
    /** When the key last made a declaration; retention removes keys idle this long with nothing left. */
    lastDeclaredAt: timestamp("last_declared_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("declarants_last_declared_idx").on(t.lastDeclaredAt)],
);

/**
 * One declaration. `sealed` holds name, year of birth, gender, nationality, document number, phone, house/street,
 * conditions and the journey, AES-256-GCM encrypted (declaration/seal.ts); the clear columns are exactly the
 * facts of the anonymous counts (day, address units, symptoms, exposures, destination). Deleted after retention.
 */
export const declarations = pgTable(
  "declarations",
  {
    id: uuid("id").primaryKey(),
    declarantId: bigint("declarant_id", { mode: "number" })
      .notNull()
      .references(() => declarants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["health", "domestic_travel"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Day in Asia/Ho_Chi_Minh the declaration was made (the day it is counted on). */
    declaredOn: date("declared_on", { mode: "string" }).notNull(),
    provinceCode: text("province_code").notNull(),
    communeCode: text("commune_code").notNull(),
    destinationProvinceCode: text("destination_province_code"),
    destinationCommuneCode: text("destination_commune_code"),
    symptoms: text("symptoms").array().notNull(),
    exposures: text("exposures").array().notNull(),
    sealed: bytes("sealed").notNull(),
  },
  (t) => [
    index("declarations_declarant_idx").on(t.declarantId, t.createdAt),
    index("declarations_created_idx").on(t.createdAt),
  ],
);

/** A daily follow-up entry (temperature, symptoms), sealed like the declaration; one per declaration and day. */
export const declarationFollowUps = pgTable(
  "declaration_follow_ups",
  {
    declarationId: uuid("declaration_id")
      .notNull()
      .references(() => declarations.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    sealed: bytes("sealed").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ name: "declaration_follow_ups_pk", columns: [t.declarationId, t.day] })],
);

/**
 * Anonymous counts per commune, day and metric ("declarations", "symptom.fever", "arrivals", ...), kept up to
 * date in the transaction that adds or withdraws a declaration; kept after the declarations are deleted.
 */
export const declarationCounts = pgTable(
  "declaration_counts",
  {
    day: date("day", { mode: "string" }).notNull(),
    communeCode: text("commune_code").notNull(),
    provinceCode: text("province_code").notNull(),
    metric: text("metric").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ name: "declaration_counts_pk", columns: [t.day, t.communeCode, t.metric] }),
    index("declaration_counts_province_idx").on(t.provinceCode, t.day),
    index("declaration_counts_commune_idx").on(t.communeCode, t.day),
    check("declaration_counts_nonnegative", sql`${t.count} >= 0`),
  ],
);
