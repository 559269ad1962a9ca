// Integration: every officials' campaign endpoint (enumerated from the OpenAPI document, so a new route must be
// added here) refuses a commune officer another commune's figures, and serves their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CampaignTestApp, createCampaignTestApp, installIdOf } from "./campaign.testutil.ts";

let t: CampaignTestApp;
let own: string; // commune officer of 00004 (Ba Đình)
let other: string; // commune officer of 00008 (Ngọc Hà)
const ids = { ownAgency: 0, otherAgency: 0, ownReport: 0, otherReport: 0 };

beforeAll(async () => {
  t = await createCampaignTestApp();
  const national = await t.official("national", "national", null);
  own = await t.official("ba-dinh", "commune", "00004");
  other = await t.official("ngoc-ha", "commune", "00008");
  const call = (token: string, method: "POST" | "PUT", url: string, payload: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
  await t.app.inject({
    method: "POST",
    url: "/v1/campaign/subscribers",
    headers: { authorization: `Bearer ${national}`, "content-type": "text/csv" },
    payload: "unit code,subscribers,date\n00004,100,2025-08-01\n00008,200,2025-08-01\n",
  });
  await t.register({ installId: installIdOf(1), communeCode: "00004" });
  await t.register({ installId: installIdOf(2), communeCode: "00008" });
  await call(national, "PUT", "/v1/campaign/units/00008/target", { percent: 70, deadline: "2025-09-30" });
  const agency = (token: string, unitCode: string) =>
    call(token, "POST", "/v1/campaign/agencies", {
      unitCode,
      name: `Trường ${unitCode}`,
      kind: "school",
      headcount: 10,
    });
  ids.ownAgency = JSON.parse((await agency(own, "00004")).body).id;
  ids.otherAgency = JSON.parse((await agency(other, "00008")).body).id;
  ids.ownReport = JSON.parse((await call(own, "POST", "/v1/campaign/units/00004/reports", {})).body).id;
  ids.otherReport = JSON.parse((await call(other, "POST", "/v1/campaign/units/00008/reports", {})).body).id;
  expect(Object.values(ids).every((id) => id > 0)).toBe(true);
});
afterAll(async () => {
  await t?.close();
});

interface Probe {
  /** A request for the other commune's data, and what the officer must get. */
  foreign: { url: string; body?: object; headers?: Record<string, string>; status: number };
  /** The same for the officer's own commune (positive control), when the route serves commune officers. */
  mine?: { url: string; body?: object; headers?: Record<string, string>; status: number };
}

const unitRoute = (suffix: string, status = 200, body?: object): Probe => ({
  foreign: { url: `/v1/campaign/units/00008${suffix}`, status: 403, ...(body ? { body } : {}) },
  mine: { url: `/v1/campaign/units/00004${suffix}`, status, ...(body ? { body } : {}) },
});

/** Every officials' route, "METHOD /path" as in the OpenAPI document. */
const PROBES: Record<string, Probe> = {
  "GET /v1/campaign/home": { foreign: { url: "/v1/campaign/home", status: 200 } },
  "GET /v1/campaign/provinces": { foreign: { url: "/v1/campaign/provinces", status: 200 } },
  "GET /v1/campaign/units/{code}": unitRoute(""),
  "GET /v1/campaign/units/{code}/trend": unitRoute("/trend"),
  "GET /v1/campaign/units/{code}/sources": unitRoute("/sources"),
  "GET /v1/campaign/units/{code}/ranking": unitRoute("/ranking"),
  "GET /v1/campaign/units/{code}/snapshots": unitRoute("/snapshots"),
  "GET /v1/campaign/units/{code}/agencies": unitRoute("/agencies"),
  "GET /v1/campaign/units/{code}/target": unitRoute("/target"),
  "PUT /v1/campaign/units/{code}/target": {
    foreign: {
      url: "/v1/campaign/units/00008/target",
      body: { percent: 10, deadline: "2025-09-30" },
      status: 403,
    },
  },
  "DELETE /v1/campaign/units/{code}/target": {
    foreign: { url: "/v1/campaign/units/00008/target", status: 403 },
  },
  "GET /v1/campaign/units/{code}/reports": unitRoute("/reports"),
  "POST /v1/campaign/units/{code}/reports": unitRoute("/reports", 201, {}),
  "GET /v1/campaign/reports/{id}/{format}": {
    foreign: { url: `/v1/campaign/reports/${"{other}"}/pdf`, status: 403 },
    mine: { url: `/v1/campaign/reports/${"{own}"}/pdf`, status: 200 },
  },
  "POST /v1/campaign/agencies": {
    foreign: {
      url: "/v1/campaign/agencies",
      body: { unitCode: "00008", name: "Chen ngang", kind: "other", headcount: 5 },
      status: 403,
    },
    mine: {
      url: "/v1/campaign/agencies",
      body: { unitCode: "00004", name: "Của mình", kind: "other", headcount: 5 },
      status: 201,
    },
  },
  "GET /v1/campaign/agencies/{id}": {
    foreign: { url: "/v1/campaign/agencies/{otherAgency}", status: 403 },
    mine: { url: "/v1/campaign/agencies/{ownAgency}", status: 200 },
  },
  "PATCH /v1/campaign/agencies/{id}": {
    foreign: { url: "/v1/campaign/agencies/{otherAgency}", body: { headcount: 1 }, status: 403 },
    mine: { url: "/v1/campaign/agencies/{ownAgency}", body: { headcount: 12 }, status: 200 },
  },
  "POST /v1/campaign/subscribers": {
    foreign: {
      url: "/v1/campaign/subscribers",
      body: undefined,
      headers: { "content-type": "text/csv" },
      status: 403,
    },
  },
  "GET /v1/campaign/subscribers/uploads": {
    foreign: { url: "/v1/campaign/subscribers/uploads", status: 403 },
  },
  "GET /v1/campaign/audit": { foreign: { url: "/v1/campaign/audit", status: 403 } },
  // Agency officers only (agency-officer.int.test.ts): a commune officer is refused.
  "GET /v1/campaign/agency": { foreign: { url: "/v1/campaign/agency", status: 403 } },
};

const fill = (url: string) =>
  url
    .replace("{other}", String(ids.otherReport))
    .replace("{own}", String(ids.ownReport))
    .replace("{otherAgency}", String(ids.otherAgency))
    .replace("{ownAgency}", String(ids.ownAgency));

async function send(method: string, probe: NonNullable<Probe["mine"]>, token: string) {
  const csv = probe.headers?.["content-type"] === "text/csv";
  return t.app.inject({
    method: method as "GET",
    url: fill(probe.url),
    headers: { authorization: `Bearer ${token}`, ...probe.headers },
    ...(csv
      ? { payload: "unit code,subscribers,date\n00008,1,2025-08-01\n" }
      : probe.body
        ? { payload: probe.body }
        : {}),
  });
}

describe("scoping of the officials' campaign API", () => {
  it("covers every route the OpenAPI document lists", async () => {
    const doc = JSON.parse((await t.app.inject({ method: "GET", url: "/docs/json" })).body) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/v1/campaign/"))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(routes).toEqual(Object.keys(PROBES).sort());
  });

  it("refuses a commune officer another commune's figures on every route", async () => {
    for (const [route, probe] of Object.entries(PROBES)) {
      const method = route.split(" ")[0]!;
      const res = await send(method, probe.foreign, own);
      expect({ route, status: res.statusCode }).toEqual({ route, status: probe.foreign.status });
      // Whatever the status, nothing of Ngọc Hà's leaks into the answer.
      expect({ route, leaked: /00008|Ngọc Hà|Trường 00008/.test(res.body) && res.statusCode < 400 }).toEqual({
        route,
        leaked: false,
      });
    }
    const provinces = JSON.parse(
      (await send("GET", { url: "/v1/campaign/provinces", status: 200 }, own)).body,
    );
    expect(provinces.provinces).toEqual([]);
    const home = JSON.parse((await send("GET", { url: "/v1/campaign/home", status: 200 }, own)).body);
    expect(home).toMatchObject({ unitCode: "00004", level: "commune" });
  });

  it("serves the officer's own commune on the same routes", async () => {
    for (const [route, probe] of Object.entries(PROBES)) {
      if (!probe.mine) continue;
      const res = await send(route.split(" ")[0]!, probe.mine, own);
      expect({ route, status: res.statusCode }).toEqual({ route, status: probe.mine.status });
    }
  });

  it("keeps report files off the public blob route unless their random key is known", async () => {
    for (const url of [
      "/blobs/campaign/reports/00008",
      "/blobs/campaign/reports/00008/",
      "/blobs/campaign/reports",
    ]) {
      expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(404);
    }
    const listing = JSON.parse(
      (await send("GET", { url: "/v1/campaign/units/00004/reports", status: 200 }, own)).body,
    );
    expect(JSON.stringify(listing)).not.toContain("/blobs/");
  });

  it("answers 401 without a session and 403 to roles without a campaign view", async () => {
    expect((await t.app.inject({ method: "GET", url: "/v1/campaign/units/00004" })).statusCode).toBe(401);
    const health = await t.official("cdc", "health_authority", "01");
    expect((await t.get("/v1/campaign/units/00004", health)).status).toBe(403);
  });
});
