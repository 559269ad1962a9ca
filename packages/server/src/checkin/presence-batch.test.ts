import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupTicks, type PresenceTick } from "./presence-batch.ts";

const PUBLIC = "AAAAAAAAAAAAAAAAAAAAAA";
const LOCATION = Buffer.alloc(32, 7).toString("base64url");
const H = Date.parse("2026-05-10T03:00:00Z");

describe("groupTicks", () => {
  it("sums enters and exits per venue id and hour", () => {
    const ticks: PresenceTick[] = [
      { venueId: PUBLIC, hourMs: H, kind: "enter" },
      { venueId: PUBLIC, hourMs: H, kind: "exit" },
      { venueId: PUBLIC, hourMs: H, kind: "enter" },
      { venueId: PUBLIC, hourMs: H + 3_600_000, kind: "enter" },
      { venueId: LOCATION, hourMs: H, kind: "exit" },
    ];
    const { groups, groupOf } = groupTicks(ticks);
    expect(groups).toHaveLength(3);
    const g = (i: number) => groups[groupOf[i]!]!;
    expect(g(0)).toEqual({
      publicId: PUBLIC,
      locationIdHex: null,
      hour: "2026-05-10T03:00:00.000Z",
      enters: 2,
      exits: 1,
    });
    expect(groupOf[0]).toBe(groupOf[2]);
    expect(g(3)).toMatchObject({ hour: "2026-05-10T04:00:00.000Z", enters: 1, exits: 0 });
    expect(g(4)).toEqual({
      publicId: null,
      locationIdHex: "07".repeat(32),
      hour: "2026-05-10T03:00:00.000Z",
      enters: 0,
      exits: 1,
    });
  });

  it("keeps every tick, in a fixed order whatever the arrival order", () => {
    const tickArb = fc.record({
      venueId: fc.constantFrom(PUBLIC, LOCATION, "BBBBBBBBBBBBBBBBBBBBBB"),
      hourMs: fc.constantFrom(H, H + 3_600_000),
      kind: fc.constantFrom("enter" as const, "exit" as const),
    });
    fc.assert(
      fc.property(fc.array(tickArb, { maxLength: 40 }), fc.nat(), (ticks, seed) => {
        const { groups, groupOf } = groupTicks(ticks);
        expect(groups.reduce((n, g) => n + g.enters + g.exits, 0)).toBe(ticks.length);
        for (const [i, t] of ticks.entries()) {
          const g = groups[groupOf[i]!]!;
          expect(g.hour).toBe(new Date(t.hourMs).toISOString());
        }
        const shuffled = [...ticks].sort(
          (a, b) => ((ticks.indexOf(a) * 7 + seed) % 5) - ((ticks.indexOf(b) * 7 + seed) % 5),
        );
        expect(groupTicks(shuffled).groups).toEqual(groups);
      }),
      { numRuns: 100 },
    );
  });
});
