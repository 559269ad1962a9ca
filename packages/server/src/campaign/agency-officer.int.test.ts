// An agency officer (role "agency", account scoped to the agency's join code) sees its own agency's compliance
// and nothing else: not another agency, not any unit's figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CampaignTestApp, createCampaignTestApp, installIdOf } from "./campaign.testutil.ts";

describe("agency officer", () => {
  let t: CampaignTestApp;
  const agencies: { id: number; joinCode: string }[] = [];
  beforeAll(async () => {
    t = await createCampaignTestApp();
    const national = await t.official("national", "national", null);
    for (const [unitCode, headcount] of [
      ["00004", 4],
      ["00008", 10],
    ] as const) {
      const res = await t.app.inject({
        method: "POST",
        url: "/v1/campaign/agencies",
        headers: { authorization: `Bearer ${national}` },
        payload: { unitCode, name: `Sở ${unitCode}`, kind: "department", headcount },
      });
      agencies.push(res.json());
    }
    // Three staff join the first agency (one typing the code with a dash and lower case), one the second.
    const a = agencies[0]!;
    const b = agencies[1]!;
    const typed = `${a.joinCode.slice(0, 4).toLowerCase()}-${a.joinCode.slice(4)}`;
    for (const [n, code] of [a.joinCode, typed, a.joinCode, b.joinCode].entries()) {
      const res = await t.register({ installId: installIdOf(n + 1), communeCode: "00004", agencyCode: code });
      expect(res.body).toMatchObject({ agency: "joined" });
    }
  });
  afterAll(() => t?.close());

  it("reads its own agency's compliance", async () => {
    const own = await t.official("so-ba-dinh", "agency", agencies[0]!.joinCode);
    const res = await t.get("/v1/campaign/agency", own);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: agencies[0]!.id,
      unitCode: "00004",
      headcount: 4,
      joined: 3,
      compliance: "75.00%",
      belowTarget: true,
    });
  });

  it("sees no other agency and no unit figures", async () => {
    const own = await t.official("so-ba-dinh-2", "agency", agencies[0]!.joinCode);
    expect((await t.get(`/v1/campaign/agencies/${agencies[1]!.id}`, own)).status).toBe(403);
    expect((await t.get(`/v1/campaign/agencies/${agencies[0]!.id}`, own)).status).toBe(403);
    for (const url of [
      "/v1/campaign/units/00004",
      "/v1/campaign/units/00004/agencies",
      "/v1/campaign/home",
    ]) {
      expect((await t.get(url, own)).status, url).toBe(403);
    }
    const other = await t.official("so-ngoc-ha", "agency", agencies[1]!.joinCode);
    expect((await t.get("/v1/campaign/agency", other)).body).toMatchObject({
      id: agencies[1]!.id,
      joined: 1,
    });
  });

  it("answers 404 to an agency account whose code matches no agency, 403 to other roles", async () => {
    const stray = await t.official("so-khong-co", "agency", "ZZZZZZZZ");
    expect((await t.get("/v1/campaign/agency", stray)).status).toBe(404);
    const commune = await t.official("ba-dinh", "commune", "00004");
    expect((await t.get("/v1/campaign/agency", commune)).status).toBe(403);
  });
});
