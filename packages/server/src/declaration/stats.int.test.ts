// The officials' statistics on a real database: per-day counts of a commune, a province summing its communes,
// the country; scoping by the official's unit (a commune officer cannot read another commune); small-count
// suppression; ranges and errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemType } from "../platform/errors.ts";
import {
  BA_DINH,
  BEN_THANH,
  createDeclarationHarness,
  type DeclarationHarness,
  healthBody,
  THU_DAU_MOT,
  travelBody,
} from "./declaration.testutil.ts";

let h: DeclarationHarness;
const DAY = 86_400_000;
const at = (communeCode: string, provinceCode: string, extra: Record<string, unknown> = {}) =>
  healthBody({ address: { provinceCode, communeCode, street: "5 Nguyễn Huệ" }, ...extra });

interface Counts {
  declarations: number | null;
  withSymptoms: number | null;
  arrivals: number | null;
  domesticTravel: number | null;
  symptoms: Record<string, number | null>;
  exposures: Record<string, number | null>;
}
interface Stats {
  unit: { code: string; name: string; level: string } | null;
  from: string;
  to: string;
  minCount: number;
  days: { day: string; counts: Counts }[];
  total: Counts;
  children: { code: string; name: string; counts: Counts }[];
}

beforeAll(async () => {
  // Default suppression: counts 1-4 are hidden.
  h = await createDeclarationHarness({
    start: new Date("2026-05-09T02:00:00Z"),
    env: { DECLARATION_STATS_MIN_COUNT: "5" },
  });
  // 9 May: Bến Thành 6 (all coughing, 2 with fever, 5 contacts of F0), Thủ Dầu Một 3.
  for (let i = 0; i < 6; i++) {
    await h.declare(
      at(BEN_THANH, "79", {
        symptoms: i < 2 ? ["cough", "fever"] : ["cough"],
        exposures: i < 5 ? ["contact_f0"] : [],
      }),
    );
  }
  for (let i = 0; i < 3; i++) await h.declare(at(THU_DAU_MOT, "79", { symptoms: [], exposures: [] }));
  // 10 May: Bến Thành 5 more, Ba Đình (Hà Nội) 5, of whom 5 travel Ba Đình -> Thủ Dầu Một.
  h.advance(DAY);
  for (let i = 0; i < 5; i++) await h.declare(at(BEN_THANH, "79", { symptoms: [], exposures: [] }));
  for (let i = 0; i < 5; i++) {
    await h.declare(
      travelBody("2026-05-10", { address: { provinceCode: "01", communeCode: BA_DINH, street: "1 Kim Mã" } }),
    );
  }
});
afterAll(async () => {
  await h?.close();
});

const statsOf = async (bearer: string, query = ""): Promise<Stats> => {
  const res = await h.stats(bearer, query);
  if (res.statusCode !== 200) throw new Error(`stats failed: ${res.statusCode} ${res.body}`);
  expect(res.headers["cache-control"]).toBe("private, no-store");
  return res.json();
};

describe("a commune officer", () => {
  it("reads their commune's daily counts, small counts suppressed, every day of the range listed", async () => {
    const officer = await h.official("ub.benthanh", "commune", BEN_THANH);
    const stats = await statsOf(officer);
    expect(stats.unit).toEqual({ code: BEN_THANH, name: "Phường Bến Thành", level: "commune" });
    expect(stats).toMatchObject({ from: "2026-04-27", to: "2026-05-10", minCount: 5, children: [] });
    expect(stats.days).toHaveLength(14);
    expect(stats.days.slice(0, 12).every((d) => d.counts.declarations === 0)).toBe(true);
    const may9 = stats.days[12];
    expect(may9?.day).toBe("2026-05-09");
    expect(may9?.counts).toMatchObject({
      declarations: 6,
      withSymptoms: 6,
      domesticTravel: 0,
      symptoms: { cough: 6, fever: null, fatigue: 0 },
      exposures: { contact_f0: 5, contact_f1: 0 },
    });
    expect(stats.days[13]?.counts.declarations).toBe(5);
    expect(stats.total.declarations).toBe(11);
    expect(stats.total.symptoms.fever).toBeNull();
  });

  it("cannot read another commune, the province or another province", async () => {
    const officer = await h.official("ub.benthanh", "commune", BEN_THANH);
    for (const unit of [THU_DAU_MOT, "79", "01", BA_DINH]) {
      const res = await h.stats(officer, `unit=${unit}`);
      expect(res.statusCode, unit).toBe(403);
      expect(res.json().type).toBe(problemType("forbidden"));
    }
  });
});

describe("a province officer", () => {
  it("sees the province as the sum of its communes, with each commune's total, and may open a commune", async () => {
    const officer = await h.official("ubnd.hcm", "province", "79");
    const stats = await statsOf(officer, "from=2026-05-09&to=2026-05-10");
    expect(stats.unit).toEqual({ code: "79", name: "Thành phố Hồ Chí Minh", level: "province" });
    expect(stats.days.map((d) => d.counts.declarations)).toEqual([9, 5]);
    // Arrivals from Hà Nội land in Thủ Dầu Một, so in HCM City's figures.
    expect(stats.days.map((d) => d.counts.arrivals)).toEqual([0, 5]);
    expect(stats.total).toMatchObject({ declarations: 14, arrivals: 5, symptoms: { cough: 6 } });
    expect(stats.children).toHaveLength(168);
    const child = (code: string) => stats.children.find((c) => c.code === code);
    expect(child(BEN_THANH)).toMatchObject({ name: "Phường Bến Thành", counts: { declarations: 11 } });
    // Thủ Dầu Một: 3 declarations (suppressed), 5 arrivals (shown).
    expect(child(THU_DAU_MOT)?.counts).toMatchObject({ declarations: null, arrivals: 5 });
    expect(
      stats.children
        .filter((c) => c.counts.declarations !== 0)
        .map((c) => c.code)
        .sort(),
    ).toEqual([BEN_THANH, THU_DAU_MOT].sort());

    const commune = await statsOf(officer, `unit=${BEN_THANH}&from=2026-05-09&to=2026-05-09`);
    expect(commune.days).toEqual([expect.objectContaining({ day: "2026-05-09" })]);
    expect(commune.total.declarations).toBe(6);
    expect((await h.stats(officer, `unit=${BA_DINH}`)).statusCode).toBe(403);
    expect((await h.stats(officer, "unit=01")).statusCode).toBe(403);
  });

  it("health authority officers are scoped the same way", async () => {
    const officer = await h.official("cdc.hanoi", "health_authority", "01");
    const stats = await statsOf(officer, "from=2026-05-10&to=2026-05-10");
    expect(stats.total).toMatchObject({ declarations: 5, domesticTravel: 5, arrivals: 0 });
    expect((await h.stats(officer, "unit=79")).statusCode).toBe(403);
  });
});

describe("a national officer", () => {
  it("sees the country with its provinces, and any unit", async () => {
    const officer = await h.official("boyte", "national", null);
    const stats = await statsOf(officer, "from=2026-05-09&to=2026-05-10");
    expect(stats.unit).toBeNull();
    expect(stats.total.declarations).toBe(19);
    expect(stats.children.map((c) => [c.code, c.counts.declarations])).toEqual([
      ["01", 5],
      ["48", 0],
      ["79", 14],
    ]);
    expect((await statsOf(officer, `unit=${THU_DAU_MOT}`)).unit?.code).toBe(THU_DAU_MOT);
  });
});

describe("access and errors", () => {
  it("needs a signed-in official of an allowed role, before looking at the query", async () => {
    const anonymous = await h.t.app.inject({ method: "GET", url: "/v1/declarations/stats?from=garbage" });
    expect(anonymous.statusCode).toBe(401);
    const agency = await h.official("agency.x", "agency", "79");
    expect((await h.stats(agency)).statusCode).toBe(403);
    // A citizen's declarant key is not an official's session.
    const { key } = await h.declare(healthBody());
    expect((await h.stats(key)).statusCode).toBe(401);
  });

  it("rejects bad ranges and units with field errors", async () => {
    const officer = await h.official("ubnd.hcm", "province", "79");
    const codes = async (query: string, lang = "vi") => {
      const res = await h.t.app.inject({
        method: "GET",
        url: `/v1/declarations/stats?${query}`,
        headers: { authorization: `Bearer ${officer}`, "accept-language": lang },
      });
      expect(res.statusCode, query).toBe(400);
      return res
        .json()
        .errors.map((e: { in: string; pointer: string; code: string }) => `${e.in} ${e.pointer} ${e.code}`);
    };
    expect(await codes("from=2026-05-10&to=2026-05-01")).toEqual(["querystring #/from range-invalid"]);
    expect(await codes("from=2026-01-01&to=2026-05-01")).toEqual(["querystring #/from range-invalid"]);
    expect(await codes("to=2026-02-30")).toEqual(["querystring #/to date-invalid"]);
    expect(await codes("unit=7")).toEqual(["querystring #/unit unit-code-invalid"]);
    expect(await codes(`unit=99999`)).toEqual(["querystring #/unit unit-unknown"]);
  });

  it("reflects a withdrawn declaration at once", async () => {
    const officer = await h.official("ub.benthanh", "commune", BEN_THANH);
    const before = (await statsOf(officer, "from=2026-05-10&to=2026-05-10")).total.declarations ?? 0;
    const { id, key } = await h.declare(at(BEN_THANH, "79"));
    expect((await statsOf(officer, "from=2026-05-10&to=2026-05-10")).total.declarations).toBe(before + 1);
    await h.asDeclarant(key, "DELETE", `/v1/declarations/${id}`);
    expect((await statsOf(officer, "from=2026-05-10&to=2026-05-10")).total.declarations).toBe(before);
  });
});
