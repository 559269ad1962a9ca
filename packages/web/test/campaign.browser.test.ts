// The campaign console in Debian chromium against the real server with the demo data: a province officer signs
// in, sees the map, the figures (equal to the API's), the trend, the ranking (sort, search), downloads a report;
// screenshots on a phone and on desktop.
import { readFileSync } from "node:fs";
import { ensureCampaignDemo } from "@bluezone/server";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatCoverage } from "../src/campaign/format.ts";
import type { RankedUnit, Summary } from "../src/campaign/types.ts";
import { overflowsHorizontally, screenshot, signIn, useBrowserSession } from "./harness.ts";

const session = useBrowserSession();
let officer: { username: string; password: string };
let token: string;

beforeAll(async () => {
  const demo = await ensureCampaignDemo(session.server.handle.database.db);
  expect(demo.created).toBe(true);
  officer = await session.server.createOfficial({
    username: "hanoi.campaign",
    role: "province",
    unitCode: "01",
  });
  token = await session.server.login(officer);
});

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${session.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const signInOfficer = (page: Page, next: string, language: "vi" | "en" = "vi") =>
  signIn(page, next, officer, language);

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).locator(".figure-value").textContent())?.trim();

describe("campaign console", () => {
  it("shows a province officer the map and the figures the API reports", async () => {
    const { page, context, problems } = await session.open("desktop");
    await signInOfficer(page, "/officials/campaign");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Thành phố Hà Nội");
    const summary = await api<Summary>("/v1/campaign/units/01");
    await page.getByTestId("figure-coverage").waitFor();
    expect(await text(page, "figure-coverage")).toBe(formatCoverage(summary.unit.coverageBp, "vi"));
    expect(await text(page, "figure-installs")).toBe(formatCount(summary.unit.installs, "vi"));
    expect(await text(page, "figure-with-phone")).toBe(formatCount(summary.unit.withPhone, "vi"));
    expect(await text(page, "figure-subscribers")).toBe(formatCount(summary.unit.subscribers, "vi"));
    expect(await text(page, "figure-snapshot")).toBe(
      formatCoverage(summary.snapshot?.coverageBp ?? null, "vi"),
    );
    // Hà Nội's demo goes from near 47.6% to 60%.
    expect(summary.unit.coverageBp).toBeGreaterThanOrEqual(5900);
    expect(summary.unit.coverage).toMatch(/^\d{2}\.\d{2}%$/);

    // The map and the charts are drawn (canvases with pixels).
    for (const id of ["coverage-map", "commune-tiles", "trend-chart"]) {
      await page.getByTestId(id).locator("canvas").first().waitFor();
    }
    const ranking = (await api<{ units: RankedUnit[] }>("/v1/campaign/units/01/ranking")).units;
    const rows = page.locator("[data-testid^=rank-]");
    await expect.poll(() => rows.count()).toBe(ranking.length);
    const first = ranking[0]!;
    expect(await page.getByTestId(`rank-${first.code}`).getByTestId("coverage").textContent()).toBe(
      formatCoverage(first.coverageBp, "vi"),
    );
    await page.waitForTimeout(800); // let ECharts finish its entry animation for the screenshot
    await screenshot(page, "campaign-province-desktop");
    await screenshot(page, "campaign-province-desktop-top", { fullPage: false });
    await page.getByTestId("coverage-map").scrollIntoViewIfNeeded();
    await screenshot(page, "campaign-province-desktop-charts", { fullPage: false });

    // Search without diacritics; then open a commune (drill down).
    await page.getByLabel("Tìm theo tên hoặc mã").fill("ba dinh");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId("rank-00004").getByRole("link").click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Phường Ba Đình");
    const commune = await api<Summary>("/v1/campaign/units/00004");
    expect(await text(page, "figure-coverage")).toBe(formatCoverage(commune.unit.coverageBp, "vi"));
    expect(problems).toEqual([]);
    await context.close();
  });

  it("generates and downloads the weekly report", async () => {
    const { page, context, problems } = await session.open("desktop");
    await signInOfficer(page, "/officials/campaign");
    await page.getByRole("button", { name: "Tạo báo cáo tuần này" }).click();
    const link = page.locator("[data-testid^=report-pdf-]").first();
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-tuan-01-\d{4}-\d{2}-\d{2}\.pdf$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString()).toBe("%PDF-");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits a phone, in Vietnamese and in English", async () => {
    const { page, context, problems } = await session.open("phone");
    await signInOfficer(page, "/officials/campaign");
    await page.getByTestId("figure-coverage").waitFor();
    await page.getByTestId("trend-chart").locator("canvas").first().waitFor();
    await page.waitForTimeout(800);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "campaign-province-phone");
    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => page.getByTestId("figure-coverage").locator(".figure-label").textContent())
      .toBe("Coverage");
    const summary = await api<Summary>("/v1/campaign/units/01");
    expect(await text(page, "figure-coverage")).toBe(formatCoverage(summary.unit.coverageBp, "en"));
    await screenshot(page, "campaign-province-phone-en", { fullPage: false });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("imports a subscriber file and lists every bad row", async () => {
    const { page, context } = await session.open("phone");
    await signInOfficer(page, "/officials/campaign/subscribers");
    await page.getByLabel("Tệp CSV hoặc XLSX").setInputFiles({
      name: "thue-bao.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "mã đơn vị,số thuê bao,ngày\n00004,70000,2025-08-01\n79,5,2025-08-01\n00008,abc,2025-08-01\n",
      ),
    });
    await page.getByRole("button", { name: "Tải lên" }).click();
    await page.getByText("2 lỗi trong tệp").waitFor();
    expect(await page.locator(".row-errors tbody tr").allTextContents()).toEqual([
      "3Mã đơn vịĐơn vị 79 không thuộc địa bàn của bạn",
      "4Số thuê bao“abc” không phải số nguyên dương",
    ]);
    await screenshot(page, "campaign-subscribers-errors-phone");
    await context.close();
  });
});
