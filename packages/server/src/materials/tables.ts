// Drizzle table of the guidance materials: metadata of the files and videos officials upload (the bytes are in
// the blob store). Keep free of local imports: drizzle-kit loads every src/*/tables.ts on its own.
import { bigint, bigserial, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One uploaded guidance material. `unitCode` null: national; else the province or commune it is meant for. */
export const materials = pgTable(
  "materials",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** 128 random bits, base64url: URLs and the blob key use it. */
    publicId: text("public_id").notNull().unique(),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en"),
    description: text("description").notNull().default(""),
    unitCode: text("unit_code"),
    /** pdf | image | video | office */
    type: text("type").notNull(),
    contentType: text("content_type").notNull(),
    fileName: text("file_name").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** Hex SHA-256 of the bytes. */
    sha256: text("sha256").notNull(),
    blobKey: text("blob_key").notNull(),
    /** Account id of the official who uploaded it. */
    uploadedBy: bigint("uploaded_by", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("materials_created_idx").on(t.createdAt), index("materials_unit_idx").on(t.unitCode)],
);
