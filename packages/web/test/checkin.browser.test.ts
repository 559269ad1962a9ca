// Venue check-in in Debian chromium against the real server: a venue registered through the API, its poster
// link opened on a phone, check-in into the IndexedDB wallet, the check-in listed on /checkins, then a health
// declaration; door staff check in a visitor (sealed in the browser) and the health authority opens it for a
// flagged window with the private key. Screenshots in test-artifacts/web/.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureAssistedSealingKey } from "@bluezone/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overflowsHorizontally, screenshot, signIn, useBrowserSession } from "./harness.ts";

const session = useBrowserSession();
let keyDir: string;

beforeAll(async () => {
  keyDir = mkdtempSync(join(tmpdir(), "bz-sealing-"));
});
afterAll(async () => {
  rmSync(keyDir, { recursive: true, force: true });
});

async function registerVenue(token: string, name: string) {
  const res = await fetch(`${session.server.url}/v1/venues`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      name,
      address: "12 Lê Lợi, Phường Bến Thành",
      communeCode: "26743",
      category: "restaurant",
      defaultCheckInMinutes: 60,
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { venue: { id: string; checkInUrl: string }; tracingCode: string };
}

describe("citizen check-in", () => {
  it("opens a poster link on a phone, checks in and out, lists it, then files a health declaration", async () => {
    const owner = await session.server.createOfficial({
      username: "quan.pho",
      role: "venue_owner",
      unitCode: "owner",
    });
    const { venue } = await registerVenue(await session.server.login(owner), "Quán phở Lê Lợi");
    const fragment = venue.checkInUrl.slice(venue.checkInUrl.indexOf("?"));
    const { page, context, problems } = await session.open("phone");
    await page.goto(`/c/${fragment}`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Quán phở Lê Lợi");
    expect(await page.getByText("Nhà hàng, quán ăn").isVisible()).toBe(true);
    expect(await page.getByText("60 phút").isVisible()).toBe(true);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "checkin-venue-vi-phone");

    await page.getByRole("button", { name: "Check-in", exact: true }).click();
    await page.getByText(/^Đã check-in lúc \d\d:\d\d$/).waitFor();
    expect(await page.getByText(/^Tự động check-out lúc \d\d:\d\d$/).isVisible()).toBe(true);
    await screenshot(page, "checkin-done-vi-phone");
    // The anonymous enter tick reached the venue's counters.
    const occupancy = await fetch(`${session.server.url}/v1/venues/${venue.id}/occupancy`, {
      headers: { authorization: `Bearer ${await session.server.login(owner)}` },
    });
    expect(((await occupancy.json()) as { inside: number }).inside).toBe(1);

    await page.getByRole("link", { name: "Xem check-in của tôi" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Check-in của tôi");
    const card = page.locator("article.checkin-card");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator("h2").textContent()).toBe("Quán phở Lê Lợi");
    await card.getByRole("button", { name: "Check-out" }).click();
    await card.getByRole("button", { name: "Sửa giờ" }).waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "checkin-list-vi-phone");

    // A tampered fragment is refused on the phone.
    await page.goto(`/c/${fragment.slice(0, -6)}AAAAAA`);
    await page.getByRole("heading", { name: "Không đọc được mã QR" }).waitFor();

    // Then the health declaration (see declaration.browser.test.ts).
    await page.goto("/declaration");
    await expect.poll(() => page.locator("#address-province option").count()).toBe(35);
    await page.getByLabel("Họ và tên").fill("Nguyễn Thị Thu Hà");
    await page.getByLabel("Năm sinh").fill("1990");
    await page.getByRole("radio", { name: "Nữ", exact: true }).check();
    await page.getByLabel("Số CCCD, CMND hoặc hộ chiếu").fill("079190001234");
    await page.getByLabel("Số điện thoại").fill("0912 345 678");
    await page.locator("#address-province").selectOption({ label: "Thành phố Hồ Chí Minh" });
    await expect
      .poll(() => page.locator("#address-commune option", { hasText: "Phường Bến Thành" }).count())
      .toBe(1);
    await page.locator("#address-commune").selectOption({ label: "Phường Bến Thành" });
    await page.getByLabel("Số nhà, đường, thôn, ấp").fill("12 Lê Lợi");
    await page.getByRole("button", { name: "Gửi tờ khai" }).click();
    await page.getByRole("heading", { name: "Đã gửi tờ khai" }).waitFor();
    await screenshot(page, "checkin-declaration-vi-phone");

    // The camera scanner without a camera says so.
    await page.goto("/c/scan");
    await page.getByRole("alert").waitFor();
    await screenshot(page, "checkin-scan-no-camera-vi-phone");
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("staff-assisted check-in", () => {
  it("seals a visitor at the door and lets the health authority open it for a flagged window only", async () => {
    const key = await ensureAssistedSealingKey(session.server.handle.database.db, keyDir);
    const owner = await session.server.createOfficial({
      username: "cho.ben.thanh",
      role: "venue_owner",
      unitCode: "owner",
    });
    const officer = await session.server.createOfficial({
      username: "cdc.hcm",
      role: "health_authority",
      unitCode: "79",
    });
    const { venue } = await registerVenue(await session.server.login(owner), "Chợ Bến Thành");

    const staff = await session.open("phone");
    await signIn(staff.page, `/officials/venues/${venue.id}`, owner);
    await expect.poll(() => staff.page.locator("h1").textContent()).toBe("Chợ Bến Thành");
    await screenshot(staff.page, "venue-detail-vi-phone");
    await staff.page.getByRole("link", { name: "Check-in hộ khách" }).click();
    await expect.poll(() => staff.page.locator(".checkin-kicker").textContent()).toBe("Chợ Bến Thành");
    await staff.page.getByLabel("Họ và tên khách").fill("Trần Văn Bình");
    await staff.page.getByLabel("Số điện thoại khách").fill("0987 654 321");
    await staff.page.getByRole("button", { name: "Mã hóa và lưu" }).click();
    await staff.page.getByText(/^Đã lưu \(đã mã hóa\): Trần Văn Bình/).waitFor();
    expect(await overflowsHorizontally(staff.page)).toBe(false);
    await screenshot(staff.page, "assisted-entry-vi-phone");
    expect(staff.problems).toEqual([]);
    await staff.context.close();

    // The health authority flags the window (as after a case interview).
    const officerToken = await session.server.login(officer);
    const flag = await fetch(`${session.server.url}/v1/venues/${venue.id}/flags`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${officerToken}` },
      body: JSON.stringify({
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        endsAt: new Date(Date.now() - 1000).toISOString(),
      }),
    });
    expect(flag.status).toBe(201);

    const ha = await session.open("desktop");
    await signIn(ha.page, "/officials/assisted-records", officer);
    await expect.poll(() => ha.page.locator("#records-venue option").count()).toBeGreaterThan(0);
    await ha.page.locator("#records-venue").selectOption(venue.id);
    await ha.page.getByLabel("Khóa bí mật của cơ quan y tế").fill(readFileSync(key.file, "utf8"));
    await ha.page.getByRole("button", { name: "Tải và giải mã" }).click();
    await ha.page.getByText("1 khung giờ được đánh dấu, 1 bản ghi.").waitFor();
    const row = ha.page.locator(".records-table tbody tr");
    expect(await row.locator("td").nth(0).textContent()).toBe("Trần Văn Bình");
    expect(await row.locator("td").nth(1).textContent()).toBe("0987654321");
    await screenshot(ha.page, "assisted-records-vi-desktop");
    expect(ha.problems).toEqual([]);
    await ha.context.close();
  });
});
