// The install page and the guidance materials in Debian chromium against the real server: /cai-dat with a
// Wi-Fi source on a phone (store links, QR, the source kept for the app, the visit counted), then /tai-lieu
// listing a material uploaded through the API and downloading it. Screenshots in test-artifacts/web/.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { INSTALL_SOURCE_KEY } from "../src/outreach/source.ts";
import { overflowsHorizontally, screenshot, useBrowserSession } from "./harness.ts";

const session = useBrowserSession();
let token: string;

beforeAll(async () => {
  const official = await session.server.createOfficial({
    username: "national.outreach",
    role: "national",
    unitCode: null,
  });
  token = await session.server.login(official);
});

describe("install page", () => {
  it("shows the store links and the QR on a phone, keeps the source and counts the visit", async () => {
    const { page, context, problems } = await session.open("phone");
    await page.goto("/cai-dat?src=wifi-hanoi-station");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Cài đặt Bluezone");
    const android = page.getByTestId("store-android");
    await android.waitFor();
    expect(await android.textContent()).toContain("Google Play");
    expect(await android.getAttribute("href")).toContain("referrer=src%3Dwifi-hanoi-station");
    expect(await page.getByTestId("store-ios").getAttribute("href")).toMatch(/^https:\/\/apps\.apple\.com\//);
    const qr = page.getByTestId("install-qr");
    expect(await qr.getAttribute("src")).toBe("/v1/outreach/landing/qr.svg?src=wifi-hanoi-station");
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
    expect(await page.evaluate((key) => localStorage.getItem(key), INSTALL_SOURCE_KEY)).toBe(
      "wifi-hanoi-station",
    );
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "install-phone");

    await expect
      .poll(async () => {
        const res = await fetch(`${session.server.url}/v1/outreach/landing-visits`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await res.json()) as { visits: { source: string; visits: number }[] };
        return body.visits.find((v) => v.source === "wifi-hanoi-station")?.visits ?? 0;
      })
      .toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("guidance materials", () => {
  it("lists a material uploaded through the API and downloads it", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.4\n% Hướng dẫn phòng dịch\n%%EOF\n");
    const form = new FormData();
    form.append("titleVi", "Hướng dẫn phòng dịch tại nơi làm việc");
    form.append("titleEn", "Workplace prevention guide");
    form.append("file", new Blob([bytes], { type: "application/pdf" }), "Hướng dẫn.pdf");
    const uploaded = await fetch(`${session.server.url}/v1/materials`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const material = (await uploaded.json()) as { id: string };

    const { page, context, problems } = await session.open("phone");
    await page.goto("/tai-lieu");
    const item = page.getByTestId(`material-${material.id}`);
    await item.waitFor();
    expect(await item.locator("h3").textContent()).toBe("Hướng dẫn phòng dịch tại nơi làm việc");
    await screenshot(page, "materials-phone");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      item.getByRole("link", { name: "Tải xuống" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Hướng dẫn.pdf");
    const path = await download.path();
    expect(new Uint8Array(readFileSync(path))).toEqual(bytes);
    expect(problems).toEqual([]);
    await context.close();
  });
});
