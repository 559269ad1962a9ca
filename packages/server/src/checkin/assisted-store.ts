// SQL of staff-assisted check-ins: insert a sealed record, read a venue's records and flags in a window,
// delete past retention, and the health authority's sealing public key kept in server_secrets.
import { and, asc, eq, gt, gte, lt } from "drizzle-orm";
import { insertOrGetSecret } from "../keys/store.ts";
import { serverSecrets } from "../keys/tables.ts";
import type { Db } from "../platform/db/database.ts";
import { assistedCheckIns, venueFlags } from "./tables.ts";

export type AssistedRow = typeof assistedCheckIns.$inferSelect;

/** server_secrets name of the sealing public key generated in demo mode (not a secret, but kept alongside). */
export const ASSISTED_PUBLIC_KEY_NAME = "checkin.assisted-public-key";

export async function insertAssisted(
  db: Db,
  row: { venueId: number; hour: Date; sealed: Uint8Array; createdAt: Date },
): Promise<AssistedRow> {
  const [inserted] = await db.insert(assistedCheckIns).values(row).returning();
  if (!inserted) throw new Error("assisted check-in insert returned nothing");
  return inserted;
}

/** A venue's records with hours in [from, to) (at most `limit`, oldest first). */
export async function assistedInWindow(
  db: Db,
  venueId: number,
  from: Date,
  to: Date,
  limit = 10_000,
): Promise<AssistedRow[]> {
  return db
    .select()
    .from(assistedCheckIns)
    .where(
      and(
        eq(assistedCheckIns.venueId, venueId),
        gte(assistedCheckIns.hour, from),
        lt(assistedCheckIns.hour, to),
      ),
    )
    .orderBy(asc(assistedCheckIns.hour), asc(assistedCheckIns.id))
    .limit(limit);
}

/** Flags of a venue whose window ends after `from` and starts before `to`. */
export async function flagsInWindow(db: Db, venueId: number, from: Date, to: Date) {
  return db
    .select({ id: venueFlags.id, startsAt: venueFlags.startsAt, endsAt: venueFlags.endsAt })
    .from(venueFlags)
    .where(and(eq(venueFlags.venueId, venueId), gt(venueFlags.endsAt, from), lt(venueFlags.startsAt, to)))
    .orderBy(asc(venueFlags.startsAt));
}

/** Deletes records whose hour is before `cutoff`; returns how many. */
export async function deleteAssistedBefore(db: Db, cutoff: Date): Promise<number> {
  const deleted = await db
    .delete(assistedCheckIns)
    .where(lt(assistedCheckIns.hour, cutoff))
    .returning({ id: assistedCheckIns.id });
  return deleted.length;
}

/** The stored sealing public key (base64), if one was generated. */
export async function storedAssistedPublicKey(db: Db): Promise<string | undefined> {
  const [row] = await db
    .select({ value: serverSecrets.secretBase64 })
    .from(serverSecrets)
    .where(eq(serverSecrets.name, ASSISTED_PUBLIC_KEY_NAME))
    .limit(1);
  return row?.value;
}

/** Stores `candidate` unless a key is already stored; returns the stored one. */
export function storeAssistedPublicKey(db: Db, candidateBase64: string): Promise<string> {
  return insertOrGetSecret(db, ASSISTED_PUBLIC_KEY_NAME, candidateBase64);
}
