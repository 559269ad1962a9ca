// SQL of venue check-in: venues (insert, find, scoped list) and the hourly presence counters (atomic upsert,
// ranges for occupancy). Functions take `db: Db` (a transaction is also a Db).
import { and, asc, desc, eq, gte, lte, or, type SQL, sql } from "drizzle-orm";
import { type Db, rows } from "../platform/db/database.ts";
import type { PresenceHour } from "./model.ts";
import { venuePresenceHourly, venues } from "./tables.ts";

export type VenueRow = typeof venues.$inferSelect;
export type NewVenueRow = typeof venues.$inferInsert;

export async function insertVenue(db: Db, venue: NewVenueRow): Promise<VenueRow> {
  const [row] = await db.insert(venues).values(venue).returning();
  if (!row) throw new Error("venue insert returned nothing");
  return row;
}

export async function findVenue(db: Db, publicId: string): Promise<VenueRow | undefined> {
  const [row] = await db.select().from(venues).where(eq(venues.publicId, publicId)).limit(1);
  return row;
}

/** Who may see which venues: everything, the venues of a unit (itself or its communes), or one creator's. */
export type VenueScope = { all: true } | { unitCode: string } | { createdBy: number };

function scopeCondition(scope: VenueScope): SQL | undefined {
  if ("all" in scope) return undefined;
  if ("createdBy" in scope) return eq(venues.createdBy, scope.createdBy);
  return or(
    eq(venues.communeCode, scope.unitCode),
    sql`${venues.communeCode} IN (SELECT code FROM admin_units WHERE hierarchy = 'v2025' AND parent_code = ${scope.unitCode})`,
  );
}

export async function listVenues(
  db: Db,
  scope: VenueScope,
  page: { limit: number; offset: number },
): Promise<VenueRow[]> {
  return db
    .select()
    .from(venues)
    .where(scopeCondition(scope))
    .orderBy(desc(venues.createdAt), asc(venues.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** A public id (22 chars) or a base64url locationId (43 chars). */
function venueMatch(id: string): SQL {
  if (id.length === 43) return sql`location_id = ${Buffer.from(id, "base64url")}`;
  return sql`public_id = ${id}`;
}

/** Adds one enter or exit to the venue's counter of `hour`; false when the venue does not exist. */
export async function addPresenceTick(
  db: Db,
  /** Public id or base64url locationId. */
  publicId: string,
  hour: Date,
  kind: "enter" | "exit",
): Promise<boolean> {
  const enters = kind === "enter" ? 1 : 0;
  const exits = kind === "exit" ? 1 : 0;
  const result = await rows<{ venue_id: string }>(
    db,
    sql`INSERT INTO venue_presence_hourly (venue_id, hour, enters, exits)
        SELECT id, ${hour.toISOString()}::timestamptz, ${enters}, ${exits} FROM venues WHERE ${venueMatch(publicId)}
        ON CONFLICT (venue_id, hour) DO UPDATE
          SET enters = venue_presence_hourly.enters + EXCLUDED.enters,
              exits = venue_presence_hourly.exits + EXCLUDED.exits
        RETURNING venue_id::text`,
  );
  return result.length > 0;
}

/** Counters of a venue for hours in [from, to] (inclusive). */
export async function presenceHours(db: Db, venueId: number, from: Date, to: Date): Promise<PresenceHour[]> {
  return db
    .select({
      hour: venuePresenceHourly.hour,
      enters: venuePresenceHourly.enters,
      exits: venuePresenceHourly.exits,
    })
    .from(venuePresenceHourly)
    .where(
      and(
        eq(venuePresenceHourly.venueId, venueId),
        gte(venuePresenceHourly.hour, from),
        lte(venuePresenceHourly.hour, to),
      ),
    )
    .orderBy(asc(venuePresenceHourly.hour));
}
