import { describe, expect, it } from "vitest";
import { DEMO_CITY_END, DEMO_CITY_START, demoCommunes, seededRandom } from "./campaign-model.ts";

describe("campaign demo parameters", () => {
  const communes = Array.from({ length: 200 }, (_, i) => ({
    code: String(i).padStart(5, "0"),
    province: i < 100 ? "01" : "79",
  }));

  it("are reproducible", () => {
    expect(demoCommunes(communes)).toEqual(demoCommunes(communes));
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });

  it("bring the demo city from near 47.6% to 60%, every commune growing", () => {
    const all = demoCommunes(communes);
    const city = all.filter((c) => c.province === "01");
    const mean = (f: (c: (typeof city)[number]) => number) =>
      city.reduce((s, c) => s + f(c) * c.subscribers, 0) / city.reduce((s, c) => s + c.subscribers, 0);
    expect(mean((c) => c.startCoverage)).toBeCloseTo(DEMO_CITY_START, 6);
    expect(mean((c) => c.endCoverage)).toBeCloseTo(DEMO_CITY_END, 6);
    for (const c of all) {
      expect(c.endCoverage).toBeGreaterThan(c.startCoverage);
      expect(c.endCoverage).toBeLessThan(1);
      expect(c.subscribers).toBeGreaterThan(10_000);
    }
  });
});
