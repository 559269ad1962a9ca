// Drizzle tables of Viet Nam's administrative units (both hierarchies), the legacy -> v2025 mapping and the
// version of the data files last loaded. Keep this file free of local imports: drizzle-kit loads it alone.
import {
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/** One unit; codes are GSO codes, unique within a hierarchy (v2025 reuses legacy codes). */
export const adminUnits = pgTable(
  "admin_units",
  {
    hierarchy: text("hierarchy", { enum: ["v2025", "legacy"] }).notNull(),
    code: text("code").notNull(),
    /** Official name with kind and diacritics, NFC ("Phường Bến Thành"). */
    name: text("name").notNull(),
    /** The name without diacritics ("Phuong Ben Thanh"). */
    nameAscii: text("name_ascii").notNull(),
    /** Lower-case, diacritic-free words the search matches against ("phuong ben thanh"). */
    searchKey: text("search_key").notNull(),
    kind: text("kind").notNull(),
    level: text("level", { enum: ["province", "district", "commune"] }).notNull(),
    parentCode: text("parent_code"),
    /** First day in force; null when the source does not say. */
    validFrom: date("valid_from", { mode: "string" }),
    /** First day no longer in force (exclusive); null while in force. */
    validTo: date("valid_to", { mode: "string" }),
  },
  (t) => [
    primaryKey({ name: "admin_units_pk", columns: [t.hierarchy, t.code] }),
    foreignKey({
      name: "admin_units_parent_fk",
      columns: [t.hierarchy, t.parentCode],
      foreignColumns: [t.hierarchy, t.code],
    }),
    index("admin_units_parent_idx").on(t.hierarchy, t.parentCode),
  ],
);

/** A legacy unit's successor in v2025 with the share of the legacy unit that went there (1 = all of it). */
export const adminUnitMapping = pgTable(
  "admin_unit_mapping",
  {
    legacyCode: text("legacy_code").notNull(),
    newCode: text("new_code").notNull(),
    weight: real("weight").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "admin_unit_mapping_pk", columns: [t.legacyCode, t.newCode] }),
    index("admin_unit_mapping_new_idx").on(t.newCode),
  ],
);

/** Which version of the data files the two tables hold (one row, id 1). */
export const adminUnitData = pgTable("admin_unit_data", {
  id: integer("id").primaryKey(),
  version: text("version").notNull(),
  loadedAt: timestamp("loaded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
