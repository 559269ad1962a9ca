// Drizzle tables of the export feature: export batches (one closed window of one region) and the keys
// assigned to each batch. Keep this file free of local imports: drizzle-kit loads every src/*/tables.ts alone.
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** bytea as Uint8Array on both drivers (node-postgres returns Buffer, PGlite Uint8Array). */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * One export batch: the window [start_at, end_at) of one region, planned (keys assigned, status 'pending') in
 * one transaction, then published (every file written, index.txt rewritten, status 'published'). Its files are
 * `<folder>/<end>-<n>-of-<file_count>.zip` for n = 1..file_count, derived from the row.
 */
export const exportBatches = pgTable(
  "export_batches",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    region: text("region").notNull(),
    /** Blob folder of the files, e.g. "exposureKeyExport-VN" (kept, so a prefix change cannot orphan files). */
    folder: text("folder").notNull(),
    startAt: timestamp("start_at", { withTimezone: true, mode: "date" }).notNull(),
    endAt: timestamp("end_at", { withTimezone: true, mode: "date" }).notNull(),
    status: text("status", { enum: ["pending", "published"] })
      .notNull()
      .default("pending"),
    keyCount: integer("key_count").notNull(),
    revisedCount: integer("revised_count").notNull(),
    paddingCount: integer("padding_count").notNull(),
    /** EXPORT_MAX_KEYS_PER_FILE when planned (a redo splits the batch the same way). */
    maxKeysPerFile: integer("max_keys_per_file").notNull(),
    fileCount: integer("file_count").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("export_batches_region_end_idx").on(t.region, t.endAt),
    index("export_batches_status_idx").on(t.status),
  ],
);

/**
 * The keys of a batch, copied at planning time so a redo writes exactly the same files: 'key' (a diagnosis key
 * published for the first time), 'revised' (its report type changed after it was published) and 'padding'
 * (random keys of the minimum batch size). The primary key makes "each key published once per region" a
 * database constraint.
 */
export const exportBatchKeys = pgTable(
  "export_batch_keys",
  {
    batchId: bigint("batch_id", { mode: "number" })
      .notNull()
      .references(() => exportBatches.id, { onDelete: "cascade" }),
    region: text("region").notNull(),
    kind: text("kind", { enum: ["key", "revised", "padding"] }).notNull(),
    keyData: bytes("key_data").notNull(),
    rollingStartIntervalNumber: integer("rolling_start_interval_number").notNull(),
    rollingPeriod: smallint("rolling_period").notNull(),
    transmissionRisk: smallint("transmission_risk"),
    reportType: smallint("report_type"),
    daysSinceOnset: smallint("days_since_onset"),
    /** A 'key' published with its revised values (revised before its batch was planned): no 'revised' entry later. */
    revised: boolean("revised").notNull().default(false),
  },
  (t) => [
    primaryKey({ name: "export_batch_keys_pk", columns: [t.region, t.kind, t.keyData] }),
    index("export_batch_keys_batch_idx").on(t.batchId),
  ],
);
