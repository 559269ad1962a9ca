import { checkInUrlDescriptor, locationId, parseCheckInUrl, venueCategoryForType } from "@bluezone/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, sql } from "../platform/db/database.ts";
import {
  BA_DINH,
  BEN_THANH,
  type CheckinHarness,
  checkinState,
  createCheckinHarness,
  venueBody,
} from "./checkin.testutil.ts";
import { hasPdftoppm, renderAndDecode } from "./poster.testutil.ts";

const PAGE = "https://bluezone.example.vn/c/";
let h: CheckinHarness;
let hcm: string;
let hanoi: string;
let national: string;

beforeAll(async () => {
  h = await createCheckinHarness();
  hcm = await h.official("hcm", "province", "79");
  hanoi = await h.official("hanoi", "province", "01");
  national = await h.official("national", "national", null);
});
afterAll(() => h.close());

async function registerOk(bearer: string, overrides: Record<string, unknown> = {}) {
  const res = await h.register(bearer, venueBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    venue: { id: string; checkInUrl: string; locationId: string; communeCode: string; name: string };
    tracingCode: string;
    tracingUrl: string;
  };
}

describe("venue registration", () => {
  it("creates a QR payload whose URL carries it in the fragment and matches the stored locationId", async () => {
    const { venue, tracingCode, tracingUrl } = await registerOk(hcm);
    expect(venue.checkInUrl.startsWith(`${PAGE}?v=1#`)).toBe(true);
    const parsed = parseCheckInUrl(venue.checkInUrl, [checkInUrlDescriptor(PAGE)]);
    expect(parsed.payload.locationData.description).toBe("Quán phở Lê Lợi");
    expect(parsed.cwaLocationData.defaultCheckInLengthInMinutes).toBe(60);
    expect(venueCategoryForType(parsed.cwaLocationData.type).id).toBe("restaurant");
    expect(Buffer.from(locationId(parsed.payloadBytes)).toString("base64")).toBe(venue.locationId);
    expect(parsed.payload.crowdNotifierData.cryptographicSeed).toHaveLength(16);
    expect(tracingUrl).toContain(`#${venue.id}.${tracingCode}`);
    // Only the hash of the tracing code is stored.
    const stored = await rows<{ hash: string }>(h.t.db, sql`SELECT tracing_code_hash AS hash FROM venues`);
    expect(stored.map((r) => r.hash)).not.toContain(tracingCode);
  });

  it("gives two registrations of the same venue different seeds, ids and codes", async () => {
    const a = await registerOk(hcm);
    const b = await registerOk(hcm);
    expect(a.venue.id).not.toBe(b.venue.id);
    expect(a.venue.locationId).not.toBe(b.venue.locationId);
    expect(a.tracingCode).not.toBe(b.tracingCode);
  });

  it("registers an event with its time range", async () => {
    const { venue } = await registerOk(hcm, {
      category: "event",
      startsAt: "2026-05-10T10:00:00Z",
      endsAt: "2026-05-10T12:00:00Z",
    });
    const parsed = parseCheckInUrl(venue.checkInUrl, [checkInUrlDescriptor(PAGE)]);
    expect(parsed.payload.locationData.startTimestamp).toBe(Date.parse("2026-05-10T10:00:00Z") / 1000);
  });

  it("rejects unknown communes, a province code, a commune outside the unit, bad ranges, anonymous callers", async () => {
    const before = await checkinState(h.t);
    expect((await h.register(hcm, venueBody({ communeCode: "99999" }))).statusCode).toBe(400);
    expect((await h.register(national, venueBody({ communeCode: "79000" }))).statusCode).toBe(400);
    expect((await h.register(hanoi, venueBody())).statusCode).toBe(403);
    expect((await h.register(hcm, venueBody({ category: "casino" }))).statusCode).toBe(400);
    expect((await h.register(hcm, venueBody({ startsAt: "2026-05-10T10:00:00Z" }))).statusCode).toBe(400);
    expect((await h.register(hcm, venueBody({ name: "" }))).statusCode).toBe(400);
    expect((await h.register("nobody", venueBody())).statusCode).toBe(401);
    const agency = await h.official("agency", "agency", "A1");
    expect((await h.register(agency, venueBody())).statusCode).toBe(403);
    expect(await checkinState(h.t)).toBe(before);
  });
});

describe("scoping", () => {
  it("lists and shows venues only to officials of their unit, owners only their own", async () => {
    const owner = await h.official("owner", "venue_owner", "venue-1");
    const otherOwner = await h.official("owner2", "venue_owner", "venue-2");
    const mine = await registerOk(owner, { name: "Tiệm cà phê của tôi" });
    const inHanoi = await registerOk(hanoi, { communeCode: BA_DINH, name: "Nhà văn hoá Ba Đình" });
    const list = async (bearer: string) => {
      const res = await h.t.app.inject({ url: "/v1/venues", headers: { authorization: `Bearer ${bearer}` } });
      expect(res.statusCode).toBe(200);
      return (res.json().venues as { id: string; communeCode: string }[]).map((v) => v.id);
    };
    expect(await list(owner)).toEqual([mine.venue.id]);
    expect(await list(otherOwner)).toEqual([]);
    const hcmIds = await list(hcm);
    expect(hcmIds).toContain(mine.venue.id);
    expect(hcmIds).not.toContain(inHanoi.venue.id);
    expect(await list(hanoi)).toEqual([inHanoi.venue.id]);
    expect(await list(national)).toEqual(expect.arrayContaining([mine.venue.id, inHanoi.venue.id]));
    const commune = await h.official("benthanh", "commune", BEN_THANH);
    expect(await list(commune)).toContain(mine.venue.id);
    const get = (bearer: string, id: string) =>
      h.t.app.inject({ url: `/v1/venues/${id}`, headers: { authorization: `Bearer ${bearer}` } });
    expect((await get(hanoi, mine.venue.id)).statusCode).toBe(404);
    expect((await get(otherOwner, mine.venue.id)).statusCode).toBe(404);
    expect((await get(commune, mine.venue.id)).json().name).toBe("Tiệm cà phê của tôi");
  });
});

describe("posters", () => {
  it("serves an A4 poster and an A6 sign whose QR decodes to the venue's URL", async () => {
    const { venue } = await registerOk(hcm, { name: "Chợ Bến Thành" });
    for (const [file, dpi] of [
      ["poster.pdf", 72],
      ["sign.pdf", 110],
    ] as const) {
      const res = await h.t.app.inject({
        url: `/v1/venues/${venue.id}/${file}`,
        headers: { authorization: `Bearer ${hcm}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      if (!hasPdftoppm()) continue;
      const { text } = renderAndDecode(new Uint8Array(res.rawPayload), dpi);
      expect(text).toBe(venue.checkInUrl);
      const parsed = parseCheckInUrl(text ?? "", [checkInUrlDescriptor(PAGE)]);
      expect(Buffer.from(locationId(parsed.payloadBytes)).toString("base64")).toBe(venue.locationId);
    }
    const denied = await h.t.app.inject({
      url: `/v1/venues/${venue.id}/poster.pdf`,
      headers: { authorization: `Bearer ${hanoi}` },
    });
    expect(denied.statusCode).toBe(404);
  });
});

describe("presence and occupancy", () => {
  it("counts anonymous ticks per hour and reports people inside, never negative", async () => {
    h.clock.now = new Date("2026-05-10T03:10:00Z");
    const { venue, tracingCode } = await registerOk(hcm, { defaultCheckInMinutes: 90 });
    for (const kind of ["enter", "enter", "enter", "exit"]) {
      expect((await h.presence(venue.id, kind)).statusCode).toBe(204);
    }
    h.advance(60 * 60_000); // 04:10
    // A phone knows the venue by its locationId (from the QR code), not by the public id.
    const phoneId = Buffer.from(venue.locationId, "base64").toString("base64url");
    expect((await h.presence(phoneId, "enter")).statusCode).toBe(204);
    let res = await h.occupancy(venue.id, { code: tracingCode });
    expect(res.statusCode).toBe(200);
    let body = res.json();
    expect(body.inside).toBe(3);
    expect(body.windowMinutes).toBe(90);
    expect(body.date).toBe("2026-05-10");
    expect(body.hours).toHaveLength(24);
    expect(body.hours[10]).toEqual({ hour: "2026-05-10T03:00:00.000Z", enters: 3, exits: 1 });
    expect(body.hours[11]).toEqual({ hour: "2026-05-10T04:00:00.000Z", enters: 1, exits: 0 });
    // Exits beyond entries never make a negative count.
    for (let i = 0; i < 6; i++) await h.presence(venue.id, "exit");
    expect((await h.occupancy(venue.id, { code: tracingCode })).json().inside).toBe(0);
    // After the default length has passed, the old ticks leave the window.
    h.advance(4 * 60 * 60_000);
    await h.presence(venue.id, "enter");
    body = (await h.occupancy(venue.id, { code: tracingCode })).json();
    expect(body.inside).toBe(1);
    // Another day's series.
    res = await h.occupancy(venue.id, { code: tracingCode }, "2026-05-09");
    expect(res.json().hours.every((x: { enters: number }) => x.enters === 0)).toBe(true);
    // Only the counters are stored: no device, no address.
    const columns = await rows<{ column_name: string }>(
      h.t.db,
      sql`SELECT column_name FROM information_schema.columns
          WHERE table_name = 'venue_presence_hourly' AND table_schema = current_schema() ORDER BY 1`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(["enters", "exits", "hour", "venue_id"]);
  });

  it("shows occupancy to the tracing code and scoped officials only", async () => {
    const { venue, tracingCode } = await registerOk(hcm);
    expect((await h.occupancy(venue.id, { code: tracingCode })).statusCode).toBe(200);
    expect((await h.occupancy(venue.id, { code: `${tracingCode}x` })).statusCode).toBe(404);
    expect((await h.occupancy(venue.id, { code: "" })).statusCode).toBe(404);
    expect((await h.occupancy(venue.id, { bearer: hcm })).statusCode).toBe(200);
    expect((await h.occupancy(venue.id, { bearer: hanoi })).statusCode).toBe(404);
    expect((await h.occupancy(venue.id, {})).statusCode).toBe(401);
    expect((await h.occupancy(venue.id, { bearer: hcm }, "2026-13-01")).statusCode).toBe(400);
  });

  it("rejects ticks for unknown venues and bad kinds without storing anything", async () => {
    const { venue } = await registerOk(hcm);
    const before = await checkinState(h.t);
    expect((await h.presence("A".repeat(22), "enter")).statusCode).toBe(404);
    expect((await h.presence("A".repeat(43), "enter")).statusCode).toBe(404);
    expect((await h.presence("A".repeat(30), "enter")).statusCode).toBe(400);
    expect((await h.presence(venue.id, "inside")).statusCode).toBe(400);
    expect((await h.presence(42, "enter")).statusCode).toBe(400);
    expect(await checkinState(h.t)).toBe(before);
  });
});

describe("rate limit", () => {
  it("limits presence ticks per client", async () => {
    const limited = await createCheckinHarness({ env: { CHECKIN_PRESENCE_RATE_LIMIT: "3" } });
    try {
      const bearer = await limited.official("province", "province", "79");
      const { venue } = (await limited.register(bearer, venueBody())).json();
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.presence(venue.id, "enter")).statusCode);
      expect(codes).toEqual([204, 204, 204, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
