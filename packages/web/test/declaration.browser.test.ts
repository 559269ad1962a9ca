// The health declaration in Debian chromium against the real server: a citizen fills the Vietnamese form on a
// phone (client-side errors first, then a server error shown next to its field), submits, sees the declaration
// in "Lịch sử khai báo của tôi", adds a follow-up and deletes it; the travel variant in English on desktop; an
// official reads the anonymous daily figures of their unit. Screenshots in test-artifacts/web/.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { fillLoginForm, overflowsHorizontally, screenshot, useBrowserSession } from "./harness.ts";

const session = useBrowserSession();

/** Picks a province, waits for its communes, picks a commune (by visible names). */
async function pickPlace(page: Page, prefix: string, province: string, commune: string) {
  await page.locator(`#${prefix}-province`).selectOption({ label: province });
  const communes = page.locator(`#${prefix}-commune`);
  await expect.poll(() => communes.locator("option", { hasText: commune }).count()).toBe(1);
  await communes.selectOption({ label: commune });
}

const errorOf = (page: Page, id: string) => page.locator(`#${id}-error`);

describe("citizen health declaration", () => {
  it("fills the form in Vietnamese, fixes its errors, submits, and follows up from the history", async () => {
    const { page, context, problems } = await session.open("phone");
    await page.goto("/");
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Khai báo y tế" })
      .click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Khai báo y tế");
    expect(await page.title()).toBe("Khai báo y tế – Bluezone");
    await expect.poll(() => page.locator("#address-province option").count()).toBe(35);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "declaration-form-vi-phone");

    // Sending the empty form: every required field says what is missing, focus goes to the first one.
    await page.getByRole("button", { name: "Gửi tờ khai" }).click();
    await page.getByText("Có 7 mục cần sửa. Vui lòng xem các mục được đánh dấu.").waitFor();
    expect(await errorOf(page, "fullName").textContent()).toBe("Vui lòng nhập thông tin này.");
    expect(await page.getByLabel("Họ và tên").getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("fullName");
    expect(await page.locator(".field-error").count()).toBe(7);
    await screenshot(page, "declaration-errors-vi-phone");

    await page.getByLabel("Họ và tên").fill("Nguyễn Thị Thu Hà");
    // The error of a field goes away as soon as it is edited.
    expect(await errorOf(page, "fullName").count()).toBe(0);
    await page.getByLabel("Năm sinh").fill("1990");
    await page.getByRole("radio", { name: "Nữ", exact: true }).check();
    await page.getByLabel("Số CCCD, CMND hoặc hộ chiếu").fill("079190001234");
    await page.getByLabel("Số điện thoại").fill("0123 456");
    await pickPlace(page, "address", "Thành phố Hồ Chí Minh", "Phường Bến Thành");
    await page.getByLabel("Số nhà, đường, thôn, ấp").fill("12 Lê Lợi");
    await page.getByRole("checkbox", { name: "Sốt", exact: true }).check();
    await page.getByRole("checkbox", { name: "Ho", exact: true }).check();
    await page.getByRole("checkbox", { name: "Tiếp xúc với người tiếp xúc gần (F1)" }).check();
    await page.getByRole("checkbox", { name: "Tăng huyết áp" }).check();
    await page.getByRole("button", { name: "Gửi tờ khai" }).click();
    await expect
      .poll(() => errorOf(page, "phone").textContent())
      .toBe(
        "Số điện thoại không hợp lệ: 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678) hoặc số quốc tế +mã nước.",
      );
    expect(await page.locator(".field-error").count()).toBe(1);
    await page.getByLabel("Số điện thoại").fill("0912 345 678");

    // A rule only the server can check (the commune's province, tampered with on the way): its message,
    // in Vietnamese, appears next to the commune.
    await page.route("**/v1/declarations", async (route) => {
      const body = JSON.parse(route.request().postData() ?? "{}");
      await route.continue({
        postData: JSON.stringify({ ...body, address: { ...body.address, provinceCode: "01" } }),
      });
    });
    await page.getByRole("button", { name: "Gửi tờ khai" }).click();
    await expect
      .poll(() => errorOf(page, "address-commune").textContent())
      .toBe("Xã, phường này không thuộc tỉnh, thành phố đã chọn.");
    await screenshot(page, "declaration-server-error-vi-phone");
    problems.length = 0; // the browser logs the 400 response itself
    await page.unroute("**/v1/declarations");
    expect(await page.evaluate(() => localStorage.getItem("bluezone.declarantKey"))).toBeNull();

    await page.getByRole("button", { name: "Gửi tờ khai" }).click();
    await page.getByRole("heading", { name: "Đã gửi tờ khai" }).waitFor();
    expect(await page.getByText("Nguyễn Thị Thu Hà").isVisible()).toBe(true);
    expect(await page.getByText("12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh").isVisible()).toBe(true);
    const key = await page.evaluate(() => localStorage.getItem("bluezone.declarantKey"));
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await screenshot(page, "declaration-success-vi-phone");

    // The history lists it; a follow-up with a temperature and a symptom.
    await page.getByRole("link", { name: "Xem lịch sử khai báo" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Lịch sử khai báo của tôi");
    const card = page.locator("article.declaration-card");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByText("Nguyễn Thị Thu Hà (1990)").isVisible()).toBe(true);
    expect(await card.getByText("Sốt, Ho").first().isVisible()).toBe(true);
    expect(await card.getByText("Tăng huyết áp").isVisible()).toBe(true);
    await card.getByLabel("Nhiệt độ (°C)").fill("38,2");
    await card.getByRole("checkbox", { name: "Ho", exact: true }).check();
    await card.getByRole("button", { name: "Lưu theo dõi" }).click();
    await card.getByText(/^Đã lưu theo dõi ngày/).waitFor();
    await expect.poll(() => card.locator(".follow-ups li").count()).toBe(1);
    expect(await card.locator(".follow-ups li").textContent()).toContain("nhiệt độ 38,2 °C");
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "declaration-history-vi-phone");

    // Reload: the key in localStorage brings the history back.
    await page.reload();
    await expect.poll(() => page.locator("article.declaration-card").count()).toBe(1);

    // Delete, with a confirmation step.
    await page.getByRole("button", { name: "Xóa tờ khai" }).click();
    await page.getByText("Xóa hẳn tờ khai này và các lần theo dõi của nó?").waitFor();
    await page.getByRole("button", { name: "Xóa", exact: true }).click();
    await page.getByText("Đã xóa tờ khai.").waitFor();
    expect(await page.getByText("Chưa có tờ khai nào trên thiết bị này.").isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("makes a domestic travel declaration in English on desktop, and fits a 360 px phone", async () => {
    const { page, context, problems } = await session.open("desktop");
    await page.goto("/");
    await page.getByRole("button", { name: "English" }).click();
    await page.goto("/declaration");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Health declaration");
    await page.getByRole("radio", { name: /Domestic travel declaration/ }).check();
    await page.getByLabel("Full name").fill("John O'Brien");
    await page.getByLabel("Year of birth").fill("1978");
    await page.getByRole("radio", { name: "Male", exact: true }).check();
    await page.locator("#nationality").selectOption("IE");
    await page.getByLabel("Citizen ID, ID card or passport number").fill("PX1234567");
    await page.getByLabel("Phone number").fill("+353 87 123 4567");
    await pickPlace(page, "address", "Thành phố Hà Nội", "Phường Ba Đình");
    await page.getByLabel("House number and street, or hamlet").fill("1 Kim Mã");
    await page.locator("#transport").selectOption({ label: "Plane" });
    await page.getByLabel("Vehicle number").fill("VN 213");
    const today = await page.evaluate(() => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10));
    await page.getByLabel("Travel date").fill(today);
    await pickPlace(page, "departure", "Thành phố Hà Nội", "Phường Ba Đình");
    await pickPlace(page, "destination", "Thành phố Hà Nội", "Phường Ba Đình");
    await page.getByRole("button", { name: "Send declaration" }).click();
    await expect
      .poll(() => errorOf(page, "destination-commune").textContent())
      .toBe("The destination must differ from the departure.");
    await pickPlace(page, "destination", "Thành phố Hồ Chí Minh", "Phường Bến Thành");
    await screenshot(page, "declaration-travel-en-desktop");
    await page.getByRole("button", { name: "Send declaration" }).click();
    await page.getByRole("heading", { name: "Declaration sent" }).waitFor();
    await page.getByRole("link", { name: "See my declarations" }).click();
    const card = page.locator("article.declaration-card");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain(
      "Plane VN 213: Phường Ba Đình, Thành phố Hà Nội → Phường Bến Thành",
    );
    await screenshot(page, "declaration-history-en-desktop");
    expect(problems).toEqual([]);
    await context.close();

    const narrow = await session.open("narrow");
    await narrow.page.goto("/declaration");
    await narrow.page.getByRole("radio", { name: /Khai báo di chuyển nội địa/ }).check();
    await expect.poll(() => narrow.page.locator("#departure-province option").count()).toBe(35);
    expect(await overflowsHorizontally(narrow.page)).toBe(false);
    await screenshot(narrow.page, "declaration-travel-vi-360");
    await narrow.context.close();
  });
});

describe("officials' figures", () => {
  it("shows a province official the daily counts of their unit, small counts hidden, and opens a commune", async () => {
    // Five more declarations in Bến Thành, so that commune's count is shown (5 and up).
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${session.server.url}/v1/declarations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          kind: "health",
          fullName: `Người Thứ ${["Một", "Hai", "Ba", "Tư", "Năm"][i]}`,
          yearOfBirth: 1980 + i,
          gender: "male",
          nationality: "VN",
          phone: "0912345678",
          address: { provinceCode: "79", communeCode: "26743", street: "1 Lê Lợi" },
          symptoms: i < 2 ? ["fever"] : [],
          exposures: [],
          conditions: [],
        }),
      });
      expect(res.status).toBe(201);
    }
    const official = await session.server.createOfficial({
      username: "ubnd.hcm",
      role: "province",
      unitCode: "79",
    });
    const { page, context, problems } = await session.open("phone");
    await page.goto("/officials/declarations");
    await page.getByRole("main").getByRole("link", { name: "Đăng nhập cán bộ" }).click();
    await fillLoginForm(page, official);
    await page.waitForURL("**/officials/declarations");
    await page.getByRole("heading", { name: "Đơn vị: Thành phố Hồ Chí Minh" }).waitFor();
    // Five declarations in the province today (the first citizen's was withdrawn, the traveller lives in
    // Hà Nội): shown. Two with symptoms, both with fever: hidden as "<5".
    const totals = page.locator(".stats-table").first().locator("tfoot td");
    expect(await totals.nth(0).textContent()).toBe("5");
    expect(await totals.nth(1).textContent()).toBe("<5");
    expect(await totals.nth(2).textContent()).toBe("<5");
    expect(await page.getByText("Số từ 1 đến 4 được ẩn").isVisible()).toBe(true);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "declaration-stats-province-phone");

    await page.getByRole("button", { name: "Xem Phường Bến Thành" }).click();
    await page.getByRole("heading", { name: "Đơn vị: Phường Bến Thành" }).waitFor();
    await page.getByRole("button", { name: "Quay lại Thành phố Hồ Chí Minh" }).waitFor();
    await screenshot(page, "declaration-stats-commune-phone");
    expect(problems).toEqual([]);
    await context.close();
  });
});
