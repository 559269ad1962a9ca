// Integration: installs registered with an outreach source (as the install page passes it to the app) show up
// on the campaign's per-unit attribution - by measure and by place - for the commune, its province and VN.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CampaignTestApp, createCampaignTestApp, installIdOf } from "../campaign/campaign.testutil.ts";

let t: CampaignTestApp;
beforeAll(async () => {
  t = await createCampaignTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Sources {
  unitCode: string;
  total: number;
  measures: { measure: string; installs: number }[];
  places: { measure: string; place: string; installs: number }[];
}

describe("GET /v1/campaign/units/:code/sources", () => {
  it("attributes installs to measures and places", async () => {
    const sources = [
      ["00004", "wifi-hanoi-station"],
      ["00004", "wifi-hanoi-station"],
      ["00004", "Airport-HAN"],
      ["00008", "poster-hn01"],
      ["00008", undefined],
      ["00008", "tv-vtv1"],
    ] as const;
    for (const [i, [communeCode, source]] of sources.entries()) {
      const res = await t.register({
        installId: installIdOf(100 + i),
        communeCode,
        ...(source ? { source } : {}),
      });
      expect(res.status).toBe(201);
    }
    const national = await t.official("national.attribution", "national", null);
    const res = await t.get("/v1/campaign/units/01/sources", national);
    expect(res.status).toBe(200);
    const body = res.body as Sources;
    expect(body.total).toBe(6);
    const measures = Object.fromEntries(body.measures.map((m) => [m.measure, m.installs]));
    expect(measures).toEqual({
      wifi: 2,
      bus: 0,
      airport: 1,
      poster: 1,
      sms: 0,
      zalo: 0,
      email: 0,
      arrival: 0,
      direct: 1,
      other: 1,
    });
    expect(body.places.map((p) => `${p.measure}/${p.place}=${p.installs}`)).toEqual([
      "wifi/hanoi-station=2",
      "airport/han=1",
      "poster/hn01=1",
    ]);
    const commune = await t.official("ngoc-ha.attribution", "commune", "00008");
    const own = (await t.get("/v1/campaign/units/00008/sources", commune)).body as Sources;
    expect(own.places.map((p) => p.place)).toEqual(["hn01"]);
    expect((await t.get("/v1/campaign/units/00004/sources", commune)).status).toBe(403);
  });
});
