import { beforeAll, describe, expect, it } from "vitest";
import { loadUnitsDataset } from "../units/dataset.ts";
import { createUnitIndex } from "../units/unit-index.ts";
import { type CampaignUnits, campaignUnits, canView, viewerRoot } from "./units.ts";

let units: CampaignUnits;
beforeAll(() => {
  const dataset = loadUnitsDataset();
  units = campaignUnits(createUnitIndex(dataset.units, dataset.mapping));
});

describe("campaignUnits", () => {
  it("puts VN above 34 provinces and 3,321 communes", () => {
    expect(units.children("VN")).toHaveLength(34);
    expect(units.all().filter((u) => u.level === "commune")).toHaveLength(3321);
    expect(units.children("79").length).toBeGreaterThan(100);
    expect(units.get("26743")).toMatchObject({
      name: "Phường Bến Thành",
      level: "commune",
      parentCode: "79",
    });
    expect(units.path("26743")).toEqual(["VN", "79", "26743"]);
    expect(units.place("26743")).toEqual({ communeCode: "26743", provinceCode: "79" });
    expect(units.place("79")).toBeUndefined();
    expect(units.path("99999")).toEqual([]);
  });
});

describe("scoping", () => {
  it("lets national see all, a province its communes, a commune only itself", () => {
    const national = { role: "national" as const, unitCode: null };
    const hcm = { role: "province" as const, unitCode: "79" };
    const benThanh = { role: "commune" as const, unitCode: "26743" };
    expect(viewerRoot(national)).toBe("VN");
    expect(canView(units, national, "26743")).toBe(true);
    expect(canView(units, hcm, "26743")).toBe(true);
    expect(canView(units, hcm, "79")).toBe(true);
    expect(canView(units, hcm, "VN")).toBe(false);
    expect(canView(units, hcm, "00004")).toBe(false);
    expect(canView(units, benThanh, "26743")).toBe(true);
    expect(canView(units, benThanh, "26740")).toBe(false);
    expect(canView(units, benThanh, "79")).toBe(false);
    expect(canView(units, { role: "health_authority", unitCode: "79" }, "79")).toBe(false);
    expect(canView(units, national, "nope")).toBe(false);
  });
});
