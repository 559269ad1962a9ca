import { describe, expect, it } from "vitest";
import { citizenServices, navPages, officialPagesFor, type PageEntry, safeNextPath } from "./nav.ts";

const Page = () => null;
const pages: PageEntry[] = [
  { path: "/", label: "nav.home", component: Page, audience: "citizen" },
  { path: "/check-in", label: "nav.home", component: Page, audience: "citizen" },
  {
    path: "/officials/codes",
    label: "nav.issueCode",
    component: Page,
    audience: "official",
    roles: ["health_authority"],
  },
  { path: "/officials/coverage", label: "nav.home", component: Page, audience: "official" },
];

describe("navigation rules", () => {
  it("links the home page to the other citizen pages", () => {
    expect(citizenServices(pages).map((p) => p.path)).toEqual(["/check-in"]);
  });

  it("gives each role its tools, and none when signed out", () => {
    expect(officialPagesFor(pages, "health_authority").map((p) => p.path)).toEqual([
      "/officials/codes",
      "/officials/coverage",
    ]);
    expect(officialPagesFor(pages, "province").map((p) => p.path)).toEqual(["/officials/coverage"]);
    expect(officialPagesFor(pages, undefined)).toEqual([]);
    expect(navPages(pages, undefined).map((p) => p.path)).toEqual(["/", "/check-in"]);
    expect(navPages(pages, "province").map((p) => p.path)).toEqual(["/", "/check-in", "/officials/coverage"]);
  });

  it("only follows local ?next= paths after sign-in", () => {
    expect(safeNextPath("/officials/codes?x=1")).toBe("/officials/codes?x=1");
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath("https://evil.example/")).toBe("/");
    expect(safeNextPath("//evil.example/")).toBe("/");
    expect(safeNextPath("/\\evil.example")).toBe("/");
    expect(safeNextPath("javascript:alert(1)")).toBe("/");
  });
});
