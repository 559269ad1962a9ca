// SQL of the guidance materials: insert, list (by type and the units a citizen's unit inherits), find, delete.
import { and, desc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { Db } from "../platform/db/database.ts";
import { materials } from "./tables.ts";

export type MaterialRow = typeof materials.$inferSelect;
export type NewMaterial = typeof materials.$inferInsert;

export async function insertMaterial(db: Db, row: NewMaterial): Promise<MaterialRow> {
  const [inserted] = await db.insert(materials).values(row).returning();
  return inserted!;
}

/**
 * Materials newest first. `units`: only national ones and those of these unit codes (a unit and its
 * ancestors: what a commune's citizens are meant to see); undefined: all.
 */
export async function listMaterials(
  db: Db,
  filter: { type?: string; units?: readonly string[]; limit?: number } = {},
): Promise<MaterialRow[]> {
  const conditions: SQL[] = [];
  if (filter.type) conditions.push(eq(materials.type, filter.type));
  if (filter.units) {
    const scoped =
      filter.units.length > 0
        ? or(isNull(materials.unitCode), inArray(materials.unitCode, [...filter.units]))
        : isNull(materials.unitCode);
    if (scoped) conditions.push(scoped);
  }
  return db
    .select()
    .from(materials)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(materials.createdAt), desc(materials.id))
    .limit(filter.limit ?? 200);
}

export async function findMaterial(db: Db, publicId: string): Promise<MaterialRow | undefined> {
  const [row] = await db.select().from(materials).where(eq(materials.publicId, publicId)).limit(1);
  return row;
}

export async function deleteMaterial(db: Db, id: number): Promise<void> {
  await db.delete(materials).where(eq(materials.id, id));
}
