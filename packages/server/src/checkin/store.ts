// SQL of venue check-in: venues (insert, find, scoped list) and the hourly presence counters (batched upsert,
// ranges for occupancy). Functions take `db: Db` (a transaction is also a Db).
import { and, asc, desc, eq, gte, lte, or, type SQL, sql } from "drizzle-orm";
import { type Db, rows } from "../platform/db/database.ts";
import type { PresenceHour } from "./model.ts";
import type { PresenceGroup } from "./presence-batch.ts";
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

/**
 * Adds summed enter/exit deltas (one row per venue id and hour, see presence-batch.ts) to the hourly counters
 * in one statement; rows are upserted in (venue, hour) order so concurrent batches take row locks in the same
 * order. Returns the indexes of the groups whose venue exists (the others count nothing).
 */
export async function addPresenceGroups(db: Db, groups: readonly PresenceGroup[]): Promise<Set<number>> {
  if (groups.length === 0) return new Set();
  const input = groups.map((g, k) => ({
    k,
    public_id: g.publicId,
    location_id: g.locationIdHex,
    hour: g.hour,
    enters: g.enters,
    exits: g.exits,
  }));
  const found = await rows<{ k: number }>(
    db,
    sql`WITH input AS (
          SELECT * FROM json_to_recordset(${JSON.stringify(input)}::json)
            AS x(k int, public_id text, location_id text, hour timestamptz, enters int, exits int)
        ), matched AS (
          SELECT i.k, v.id AS venue_id, i.hour, i.enters, i.exits
            FROM input i JOIN venues v ON v.public_id = i.public_id
          UNION ALL
          SELECT i.k, v.id, i.hour, i.enters, i.exits
            FROM input i JOIN venues v ON v.location_id = decode(i.location_id, 'hex')
        ), upserted AS (
          INSERT INTO venue_presence_hourly (venue_id, hour, enters, exits)
          SELECT venue_id, hour, sum(enters)::int, sum(exits)::int FROM matched
          GROUP BY venue_id, hour ORDER BY venue_id, hour
          ON CONFLICT (venue_id, hour) DO UPDATE
            SET enters = venue_presence_hourly.enters + EXCLUDED.enters,
                exits = venue_presence_hourly.exits + EXCLUDED.exits
          RETURNING 1
        )
        SELECT k FROM matched`,
  );
  return new Set(found.map((f) => Number(f.k)));
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
