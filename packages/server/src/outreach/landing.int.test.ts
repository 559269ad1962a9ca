// Integration: the install landing routes - visit counters per source and day (no client data kept), the
// captive-portal page (tiny, no external asset, counts a visit), the page's data and QR, install posters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFeature } from "../auth/index.ts";
import { officialSessions } from "../auth/sessions.testutil.ts";
import { hasPdftoppm, renderAndDecode } from "../checkin/poster.testutil.ts";
import { rows, sql } from "../platform/db/database.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { landingFeature } from "./landing.ts";

const BASE = "https://bluezone.example.vn";
const clock = { now: new Date("2026-05-10T16:30:00Z") }; // 23:30 in Hà Nội
let t: TestApp;
let national: string;

beforeAll(async () => {
  t = await createTestApp({
    features: [authFeature, landingFeature],
    env: { AUTH_SCRYPT_COST: "10", AUTH_SESSION_TTL: "30d", OUTREACH_LANDING_RATE_LIMIT: "3" },
    clock: () => clock.now,
    config: { publicBaseUrl: BASE },
  });
  national = await officialSessions(t)("national.outreach", "national", null);
});
afterAll(async () => {
  await t?.close();
});

const visit = (payload: object, ip = "198.51.100.7") =>
  t.app.inject({ method: "POST", url: "/v1/outreach/landing-visits", payload, remoteAddress: ip });
const visits = async (query = "") => {
  const res = await t.app.inject({
    method: "GET",
    url: `/v1/outreach/landing-visits${query}`,
    headers: { authorization: `Bearer ${national}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    from: string;
    to: string;
    visits: { day: string; source: string; visits: number }[];
  };
};

describe("landing visits", () => {
  it("counts per source and Asia/Ho_Chi_Minh day, keeps nothing else, and rate-limits per client", async () => {
    expect((await visit({ src: "wifi-hanoi-station" }, "198.51.100.1")).statusCode).toBe(204);
    expect((await visit({ src: "wifi-hanoi-station" }, "198.51.100.1")).statusCode).toBe(204);
    expect((await visit({}, "198.51.100.1")).statusCode).toBe(204);
    const limited = await visit({ src: "wifi-hanoi-station" }, "198.51.100.1");
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toMatch(/problem\+json/);
    clock.now = new Date("2026-05-10T17:30:00Z"); // 00:30 on the 11th in Hà Nội
    expect((await visit({ src: "bus-giap-bat" }, "198.51.100.2")).statusCode).toBe(204);
    const figures = await visits("?from=2026-05-10&to=2026-05-11");
    expect(figures.visits).toEqual([
      { day: "2026-05-10", source: "wifi-hanoi-station", visits: 2 },
      { day: "2026-05-10", source: "direct", visits: 1 },
      { day: "2026-05-11", source: "bus-giap-bat", visits: 1 },
    ]);
    const columns = await rows<{ column_name: string }>(
      t.db,
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'outreach_landing_visits'
          AND table_schema = current_schema() ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(["day", "source", "visits"]);
  });

  it("refuses sources outside the allowed forms", async () => {
    const bad = [{ src: "tv-vtv1" }, { src: "wifi-" }, { src: "wifi-<b>" }, { src: 7 }];
    for (const [i, payload] of bad.entries()) {
      const res = await visit(payload, `198.51.100.${10 + i}`);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it("shows visit figures to officials only, for at most 92 days", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/v1/outreach/landing-visits" });
    expect(anonymous.statusCode).toBe(401);
    const res = await t.app.inject({
      method: "GET",
      url: "/v1/outreach/landing-visits?from=2026-01-01&to=2026-05-11",
      headers: { authorization: `Bearer ${national}` },
    });
    expect(res.statusCode).toBe(400);
    const defaults = await visits();
    expect(defaults).toMatchObject({ from: "2026-04-12", to: "2026-05-11" });
  });
});

describe("install page data", () => {
  it("returns store links with the source and the page URL; ignores a bad src", async () => {
    const res = await t.app.inject({ method: "GET", url: "/v1/outreach/landing?src=Airport-HAN" });
    expect(res.json()).toEqual({
      source: { source: "airport-han", measure: "airport", place: "han" },
      iosUrl: "https://apps.apple.com/vn/app/bluezone/id1508062685",
      androidUrl: "https://play.google.com/store/apps/details?id=com.mic.bluezone&referrer=src%3Dairport-han",
      pageUrl: `${BASE}/cai-dat?src=airport-han`,
    });
    const bad = await t.app.inject({ method: "GET", url: "/v1/outreach/landing?src=javascript:alert(1)" });
    expect(bad.json()).toMatchObject({ source: null, pageUrl: `${BASE}/cai-dat` });
    const qr = await t.app.inject({ method: "GET", url: "/v1/outreach/landing/qr.svg?src=sms-dot3" });
    expect(qr.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toContain(`<title>${BASE}/cai-dat?src=sms-dot3</title>`);
  });
});

describe("captive-portal page", () => {
  it("is tiny Vietnamese HTML with inline CSS and QR, no script, no URL but the store links", async () => {
    clock.now = new Date("2026-05-12T03:00:00Z");
    const res = await t.app.inject({
      method: "GET",
      url: "/cai-dat/wifi?src=wifi-hanoi-station",
      remoteAddress: "203.0.113.9",
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    const html = res.body;
    expect(Buffer.byteLength(html)).toBeLessThan(10 * 1024);
    console.info(`captive-portal page: ${Buffer.byteLength(html)} bytes`);
    expect(html).toContain('<html lang="vi">');
    for (const text of ["Cài đặt Bluezone", "Bật Bluetooth", "Cam kết quyền riêng tư", "điện thoại"]) {
      expect(html.toLowerCase()).toContain(text.toLowerCase());
    }
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\(/i);
    expect(html).toMatch(/<svg [^>]*viewBox/);
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0].replace(/&amp;/g, "&"));
    expect(urls.sort()).toEqual(
      [
        "http://www.w3.org/2000/svg", // the SVG namespace: an identifier, never fetched
        "https://apps.apple.com/vn/app/bluezone/id1508062685",
        "https://play.google.com/store/apps/details?id=com.mic.bluezone&referrer=src%3Dwifi-hanoi-station",
      ].sort(),
    );
    const counted = await visits("?from=2026-05-12&to=2026-05-12");
    expect(counted.visits).toEqual([{ day: "2026-05-12", source: "wifi-hanoi-station", visits: 1 }]);
  });
});

describe("install posters", () => {
  const poster = (query: string, bearer: string | undefined = national) =>
    t.app.inject({
      method: "GET",
      url: `/v1/outreach/posters/install.pdf${query}`,
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });

  it("needs an official and a valid size and source", async () => {
    expect((await poster("?size=A4", "")).statusCode).toBe(401);
    expect((await poster("?size=A5")).statusCode).toBe(400);
    expect((await poster("?src=poster-")).statusCode).toBe(400);
  });

  it("serves A4 and A3 PDFs whose QR opens the install page with the poster's source", async () => {
    for (const [size, box, dpi] of [
      ["A4", "595.28 841.89", 72],
      ["A3", "841.89 1190.55", 60],
    ] as const) {
      const res = await poster(`?size=${size}&src=poster-hn01`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      expect(res.headers["content-disposition"]).toContain(`bluezone-cai-dat-poster-hn01-${size}.pdf`);
      expect(res.rawPayload.toString("latin1")).toContain(`/MediaBox [0 0 ${box}]`);
      if (hasPdftoppm())
        expect(renderAndDecode(res.rawPayload, dpi).text).toBe(`${BASE}/cai-dat?src=poster-hn01`);
    }
  });
});
