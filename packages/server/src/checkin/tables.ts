// Drizzle tables of venue check-in: registered venues (their QR payload and hashed tracing code) and the
// anonymous hourly entry/exit counters. Keep free of local imports: drizzle-kit loads every src/*/tables.ts.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/** bytea as Uint8Array on both drivers (node-postgres returns Buffer, PGlite Uint8Array). */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/** A venue with a check-in QR code. `publicId` is what URLs and presence ticks use. */
export const venues = pgTable(
  "venues",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    publicId: text("public_id").notNull().unique(),
    name: text("name").notNull(),
    address: text("address").notNull(),
    communeCode: text("commune_code").notNull(),
    category: text("category").notNull(),
    defaultCheckInMinutes: integer("default_check_in_minutes").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }),
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }),
    /** The encoded QRCodePayload printed on the poster. */
    payload: bytes("payload").notNull(),
    /** SHA-256 locationId of the payload (matching warnings to venues). */
    locationId: bytes("location_id").notNull(),
    /** SHA-256 of the owner's tracing code (shown once at registration). */
    tracingCodeHash: text("tracing_code_hash").notNull(),
    createdBy: integer("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("venues_commune_idx").on(t.communeCode),
    index("venues_created_by_idx").on(t.createdBy),
    index("venues_location_id_idx").on(t.locationId),
    check("venues_minutes_check", sql`${t.defaultCheckInMinutes} BETWEEN 1 AND 1440`),
  ],
);

/** Anonymous presence ticks per venue and UTC hour: no device, no IP, only the two counters. */
export const venuePresenceHourly = pgTable(
  "venue_presence_hourly",
  {
    venueId: bigint("venue_id", { mode: "number" })
      .notNull()
      .references(() => venues.id, { onDelete: "cascade" }),
    hour: timestamp("hour", { withTimezone: true, mode: "date" }).notNull(),
    enters: integer("enters").notNull().default(0),
    exits: integer("exits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.hour] })],
);

/** A venue and time window a health-authority officer found by interview to have had a case. */
export const venueFlags = pgTable(
  "venue_flags",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    venueId: bigint("venue_id", { mode: "number" })
      .notNull()
      .references(() => venues.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }).notNull(),
    transmissionRiskLevel: integer("transmission_risk_level").notNull(),
    flaggedBy: integer("flagged_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("venue_flags_venue_idx").on(t.venueId, t.startsAt)],
);

/**
 * CheckInProtectedReports waiting for / included in an hourly TraceWarningPackage: uploaded by positive users
 * or made server-side from a flag. `hour` is the UTC hour received (the package's interval).
 */
export const checkInReports = pgTable(
  "check_in_reports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    hour: timestamp("hour", { withTimezone: true, mode: "date" }).notNull(),
    source: text("source", { enum: ["upload", "flag"] }).notNull(),
    locationIdHash: bytes("location_id_hash").notNull(),
    iv: bytes("iv").notNull(),
    encryptedCheckInRecord: bytes("encrypted_check_in_record").notNull(),
    mac: bytes("mac").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("check_in_reports_hour_idx").on(t.hour, t.id)],
);

/**
 * Staff-assisted check-ins of visitors without a smartphone: the visitor's name, phone and times sealed in the
 * browser (libsodium sealed box) to the health authority's public key. The server keeps the opaque blob, the
 * venue and the UTC hour of arrival (to release only flagged windows); deleted 14 days after that hour.
 */
export const assistedCheckIns = pgTable(
  "checkin_assisted_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    venueId: bigint("venue_id", { mode: "number" })
      .notNull()
      .references(() => venues.id, { onDelete: "cascade" }),
    /** UTC hour of the visitor's arrival. */
    hour: timestamp("hour", { withTimezone: true, mode: "date" }).notNull(),
    /** crypto_box_seal(JSON record, health authority public key). */
    sealed: bytes("sealed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("checkin_assisted_entries_venue_idx").on(t.venueId, t.hour),
    index("checkin_assisted_entries_hour_idx").on(t.hour),
  ],
);
