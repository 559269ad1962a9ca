// Drizzle table of the submission feature: diagnosis_keys, the keys published by diagnosed phones.
// Keep this file free of local imports: drizzle-kit loads every src/*/tables.ts on its own.
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/** bytea as Uint8Array on both drivers (node-postgres returns Buffer, PGlite Uint8Array). */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * diagnosis_keys: one row per published Temporary Exposure Key (what export/ turns into signed batches).
 *
 *   key_data                       16-byte TEK, unique
 *   rolling_start_interval_number  EN interval (10 min) the key starts; rolling_period 1..144 intervals
 *   transmission_risk              0..8 as sent by the phone
 *   report_type                    GAEN ReportType from the certificate, never from the phone:
 *                                  1 CONFIRMED_TEST, 2 CONFIRMED_CLINICAL_DIAGNOSIS, 4 RECURSIVE (close contact)
 *   days_since_onset               key day - symptom onset day from the certificate (-14..14); null if unknown
 *   health_authority               the publish request's healthAuthorityID
 *   traveler                       the phone said its user travelled
 *   created_at                     upload time truncated to the hour (privacy)
 *   available_at                   not exported before: keys still valid at upload wait until 2 h after the
 *                                  end of their UTC day (embargo); otherwise = created_at
 *   revised_report_type            set by a revision (2 -> 1 CONFIRMED_TEST, or 2 -> 5 REVOKED), with
 *   revised_days_since_onset,      the values the revised key is exported with
 *   revised_transmission_risk
 *   revised_at                     when the revision may be exported (hour-truncated, never before available_at)
 *   export_batch_id                export batch that published the key (set by export/); null = not yet
 *   revised_export_batch_id        export batch that published the revision (set by export/)
 *
 * Export selects new keys with `export_batch_id IS NULL AND available_at <= <batch end>` and revised keys with
 * `revised_at IS NOT NULL AND revised_export_batch_id IS NULL AND revised_at <= <batch end>`.
 * No IP address, user agent, phone number or exact upload time is stored.
 */
export const diagnosisKeys = pgTable(
  "diagnosis_keys",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    keyData: bytes("key_data").notNull().unique(),
    rollingStartIntervalNumber: integer("rolling_start_interval_number").notNull(),
    rollingPeriod: smallint("rolling_period").notNull(),
    transmissionRisk: smallint("transmission_risk").notNull(),
    reportType: smallint("report_type").notNull(),
    daysSinceOnset: smallint("days_since_onset"),
    healthAuthority: text("health_authority").notNull(),
    traveler: boolean("traveler").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    availableAt: timestamp("available_at", { withTimezone: true, mode: "date" }).notNull(),
    revisedReportType: smallint("revised_report_type"),
    revisedDaysSinceOnset: smallint("revised_days_since_onset"),
    revisedTransmissionRisk: smallint("revised_transmission_risk"),
    revisedAt: timestamp("revised_at", { withTimezone: true, mode: "date" }),
    exportBatchId: bigint("export_batch_id", { mode: "number" }),
    revisedExportBatchId: bigint("revised_export_batch_id", { mode: "number" }),
  },
  (t) => [
    index("diagnosis_keys_available_idx").on(t.availableAt),
    index("diagnosis_keys_revised_idx").on(t.revisedAt),
    index("diagnosis_keys_rolling_start_idx").on(t.rollingStartIntervalNumber),
  ],
);
