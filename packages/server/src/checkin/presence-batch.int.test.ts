// Presence ticks by group commit: concurrent ticks of many venues and both hours of a boundary land in batched
// upserts whose counters equal the ticks sent; ticks of unknown venues in the same batches get 404 and count
// nothing; public ids and locationIds of one venue add to the same row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, sql } from "../platform/db/database.ts";
import { BEN_THANH, type CheckinHarness, createCheckinHarness, venueBody } from "./checkin.testutil.ts";

describe("batched presence ticks", () => {
  let h: CheckinHarness;
  const venues: { id: string; locationId: string }[] = [];

  beforeAll(async () => {
    h = await createCheckinHarness({
      start: new Date("2026-05-10T03:59:59.990Z"),
      env: { CHECKIN_PRESENCE_MAX_BATCH: "40", CHECKIN_PRESENCE_CONCURRENCY: "2" },
    });
    const bearer = await h.official("hcm", "province", "79");
    for (let i = 0; i < 4; i++) {
      const res = await h.register(bearer, venueBody({ name: `Chợ ${i}`, communeCode: BEN_THANH }));
      const venue = res.json().venue;
      venues.push({
        id: venue.id,
        locationId: Buffer.from(venue.locationId, "base64").toString("base64url"),
      });
    }
  });
  afterAll(() => h?.close());

  it("counts every tick once across batches, venues, ids and hours", async () => {
    const expected = new Map<string, { enters: number; exits: number }>();
    const statuses: number[] = [];
    let sends: Promise<number>[] = [];
    for (let i = 0; i < 600; i++) {
      if (i === 300) {
        // The second wave crosses into 04:00: its ticks count in the next hour.
        statuses.push(...(await Promise.all(sends)));
        sends = [];
        h.advance(20);
      }
      const venue = venues[i % venues.length]!;
      const kind = i % 3 === 0 ? "exit" : "enter";
      const unknown = i % 17 === 0;
      const id = unknown ? `${"Z".repeat(21)}${i % 10}` : i % 5 === 0 ? venue.locationId : venue.id;
      if (!unknown) {
        const key = `${venue.id} ${i < 300 ? "03" : "04"}`;
        const sum = expected.get(key) ?? { enters: 0, exits: 0 };
        sum[kind === "enter" ? "enters" : "exits"]++;
        expected.set(key, sum);
      }
      sends.push(h.presence(id, kind).then((r) => r.statusCode));
    }
    statuses.push(...(await Promise.all(sends)));
    expect(statuses.filter((s) => s === 404)).toHaveLength(Math.ceil(600 / 17));
    expect(statuses.filter((s) => s === 204)).toHaveLength(600 - Math.ceil(600 / 17));
    const stored = await rows<{ id: string; hour: string; enters: number; exits: number }>(
      h.t.db,
      sql`SELECT v.public_id AS id, to_char(p.hour AT TIME ZONE 'UTC', 'HH24') AS hour, p.enters, p.exits
          FROM venue_presence_hourly p JOIN venues v ON v.id = p.venue_id`,
    );
    const got = new Map(stored.map((r) => [`${r.id} ${r.hour}`, { enters: r.enters, exits: r.exits }]));
    expect(got).toEqual(expected);
  });
});
