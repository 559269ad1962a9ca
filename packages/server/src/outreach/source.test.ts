import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeSource } from "../campaign/rollup.ts";
import { androidLink, escapeHtml, qrSvg } from "./landing-page.ts";
import { attributeSources, landingUrl, MEASURES, parseSource } from "./source.ts";

describe("parseSource", () => {
  it("accepts the six forms and splits measure and place at the first dash", () => {
    expect(parseSource("wifi-hanoi-station")).toEqual({
      source: "wifi-hanoi-station",
      measure: "wifi",
      place: "hanoi-station",
    });
    expect(parseSource(" Airport-HAN ")).toEqual({ source: "airport-han", measure: "airport", place: "han" });
    for (const measure of MEASURES) expect(parseSource(`${measure}-x1`)?.measure).toBe(measure);
    expect(parseSource("poster-hn01.a_b")?.place).toBe("hn01.a_b");
  });

  it("refuses other measures, empty or odd places, and overlong values", () => {
    for (const bad of [
      "",
      "wifi",
      "wifi-",
      "wifi--x",
      "tv-vtv1",
      "wifi-hà-nội",
      "wifi-a b",
      "wifi-<script>",
      "direct",
      `sms-${"a".repeat(57)}`,
      undefined,
      null,
    ]) {
      expect(parseSource(bad), String(bad)).toBeNull();
    }
    expect(parseSource(`airport-${"a".repeat(56)}`)?.source).toHaveLength(64);
  });

  it("keeps every valid source unchanged through campaign's normalizeSource (what installs store)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MEASURES),
        fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,55}$/),
        (measure, place) => {
          const parsed = parseSource(`${measure}-${place}`);
          expect(parsed).not.toBeNull();
          expect(normalizeSource(parsed!.source)).toBe(parsed!.source);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("attributeSources", () => {
  it("sums installs by measure (all listed) and by place, direct and unknown forms apart", () => {
    const a = attributeSources([
      { source: "wifi-hanoi-station", installs: 5 },
      { source: "wifi-noi-bai", installs: 7 },
      { source: "poster-hn01", installs: 2 },
      { source: "direct", installs: 10 },
      { source: "campaign-x", installs: 1 },
    ]);
    expect(a.total).toBe(25);
    expect(a.measures).toEqual([
      { measure: "wifi", installs: 12 },
      { measure: "bus", installs: 0 },
      { measure: "airport", installs: 0 },
      { measure: "poster", installs: 2 },
      { measure: "sms", installs: 0 },
      { measure: "zalo", installs: 0 },
      { measure: "email", installs: 0 },
      { measure: "arrival", installs: 0 },
      { measure: "direct", installs: 10 },
      { measure: "other", installs: 1 },
    ]);
    expect(a.places.map((p) => `${p.measure}/${p.place}=${p.installs}`)).toEqual([
      "wifi/noi-bai=7",
      "wifi/hanoi-station=5",
      "poster/hn01=2",
    ]);
  });
});

describe("landing links", () => {
  it("builds the page URL with the source and the Play link with the Install Referrer", () => {
    expect(landingUrl("https://bz.vn/", "/cai-dat", "bus-giap-bat")).toBe(
      "https://bz.vn/cai-dat?src=bus-giap-bat",
    );
    expect(landingUrl("https://bz.vn", "/cai-dat", null)).toBe("https://bz.vn/cai-dat");
    expect(androidLink("https://play.google.com/store/apps/details?id=a.b", "wifi-x")).toBe(
      "https://play.google.com/store/apps/details?id=a.b&referrer=src%3Dwifi-x",
    );
    expect(androidLink("https://example.vn/app", null)).toBe("https://example.vn/app");
    expect(escapeHtml(`<a href="x">'&`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;");
  });

  it("draws a QR SVG without any link or script", () => {
    const svg = qrSvg("https://bz.vn/cai-dat?src=wifi-x", { title: "<x>" });
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    expect(svg).toContain("<title>&lt;x&gt;</title>");
    expect(svg).not.toMatch(/href|<script|https:\/\/bz/);
  });
});
