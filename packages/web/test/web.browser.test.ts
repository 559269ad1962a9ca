import { describe, expect, it } from "vitest";
import { fillLoginForm, overflowsHorizontally, screenshot, useBrowserSession } from "./harness.ts";

const session = useBrowserSession();

describe("citizen home page", () => {
  it("renders in Vietnamese with diacritics, switches to English and remembers it", async () => {
    const { page, context, problems } = await session.open("phone");
    await page.goto("/");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Bluezone – Khẩu trang điện tử");
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    expect(await page.title()).toBe("Bluezone");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    expect(await nav.getByRole("link", { name: "Trang chủ" }).getAttribute("aria-current")).toBe("page");
    expect(await nav.getByRole("link", { name: "Đăng nhập cán bộ" }).isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "Cam kết về quyền riêng tư" }).isVisible()).toBe(true);
    expect(await page.getByText("Máy chủ không bao giờ biết ai đã gặp ai.").isVisible()).toBe(true);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "home-vi-phone");

    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Bluezone – the electronic face mask");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
    expect(await page.evaluate(() => localStorage.getItem("bluezone.lang"))).toBe("en");
    await screenshot(page, "home-en-phone");

    await page.reload();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Bluezone – the electronic face mask");
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Bluezone – Khẩu trang điện tử");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits a 360 px phone and lays out on desktop", async () => {
    const narrow = await session.open("narrow");
    await narrow.page.goto("/");
    await narrow.page.locator("h1").waitFor();
    expect(await overflowsHorizontally(narrow.page)).toBe(false);
    await screenshot(narrow.page, "home-vi-360");
    await narrow.context.close();

    const desktop = await session.open("desktop");
    await desktop.page.goto("/");
    await desktop.page.locator("h1").waitFor();
    expect(await overflowsHorizontally(desktop.page)).toBe(false);
    await screenshot(desktop.page, "home-vi-desktop");

    // Keyboard users: the first Tab shows the skip link, and focus is visibly outlined.
    await desktop.page.keyboard.press("Tab");
    const skip = desktop.page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await skip.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
    await desktop.page.keyboard.press("Tab");
    await desktop.page.keyboard.press("Tab");
    const outline = await desktop.page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).toBe("solid");
    await screenshot(desktop.page, "focus-desktop", { fullPage: false });
    expect(desktop.problems).toEqual([]);
    await desktop.context.close();
  });

  it("answers deep links with the app: a not-found page, and a sign-in prompt for officials' pages", async () => {
    const { page, context, problems } = await session.open("phone");
    await page.goto("/khong-co-trang-nay");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Không tìm thấy trang");
    await page.goto("/officials/codes");
    await page.getByText("Trang này dành cho cán bộ. Vui lòng đăng nhập.").waitFor();
    expect(
      await page.getByRole("main").getByRole("link", { name: "Đăng nhập cán bộ" }).getAttribute("href"),
    ).toBe("/login?next=%2Fofficials%2Fcodes");
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("health authority officer", () => {
  it("signs in, issues a verification code and sees the 8-digit code, its countdown and the SMS link", async () => {
    const officer = await session.server.createOfficial({ username: "cdc.hanoi", role: "health_authority" });
    const { page, context, problems } = await session.open("phone");
    await page.goto("/officials/codes");
    await page.getByRole("main").getByRole("link", { name: "Đăng nhập cán bộ" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Đăng nhập cán bộ");

    // A wrong password: the server's problem, shown in Vietnamese.
    await fillLoginForm(page, { username: officer.username, password: "not-the-password" });
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Sai tên đăng nhập hoặc mật khẩu.");
    await screenshot(page, "login-error-phone");
    problems.length = 0; // the browser logs the 401 response itself

    await page.getByLabel("Mật khẩu").fill(officer.password);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await page.waitForURL("**/officials/codes");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Cấp mã xác nhận");
    expect(await page.getByText("Tài khoản: cdc.hanoi").isVisible()).toBe(true);
    await screenshot(page, "codes-form-phone");

    await page.getByLabel("Tiếp xúc gần (F1 → F2)").check();
    const symptomDate = await page.evaluate(() => {
      const d = new Date(Date.now() - 2 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    });
    await page.getByLabel("Ngày khởi phát triệu chứng").fill(symptomDate);
    await page.getByRole("button", { name: "Cấp mã" }).click();

    const shown = page.getByTestId("short-code").locator("[aria-hidden=true]");
    await shown.waitFor();
    const code = ((await shown.textContent()) ?? "").replace(/\s/g, "");
    expect(code).toMatch(/^\d{8}$/);
    expect(await page.getByTestId("countdown").textContent()).toMatch(/^Hết hạn sau 1[45]:\d\d$/);
    expect(await page.getByText("Loại kết quả: Tiếp xúc gần (F1 → F2)").isVisible()).toBe(true);
    const link = await page.getByTestId("long-link").inputValue();
    expect(link).toMatch(new RegExp(`^${session.server.url.replace(/[.]/g, "\\.")}/v\\?c=[2-9A-Z]{16}$`));
    const sms = await page.getByRole("link", { name: "Mở ứng dụng tin nhắn" }).getAttribute("href");
    expect(decodeURIComponent(sms ?? "")).toContain(link);
    await screenshot(page, "code-issued-phone");

    // The code is real: a phone can exchange it for a token of the chosen test type.
    const verify = await fetch(`${session.server.url}/v1/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ testtype: "close_contact", symptomDate });

    // Reloading keeps the session (sessionStorage); signing out ends it.
    await page.reload();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Cấp mã xác nhận");
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL(`${session.server.url}/`);
    expect(await page.evaluate(() => sessionStorage.getItem("bluezone.session"))).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the issued code on desktop, in English", async () => {
    const officer = await session.server.createOfficial({
      username: "cdc.hcm",
      role: "health_authority",
      unitCode: "79",
    });
    const { page, context, problems } = await session.open("desktop");
    await page.goto("/login?next=%2Fofficials%2Fcodes");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByLabel("Username").fill(officer.username);
    await page.getByLabel("Password").fill(officer.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Issue a verification code");
    await screenshot(page, "codes-form-desktop-en");
    await page.getByRole("button", { name: "Issue code" }).click();
    await page.getByTestId("short-code").waitFor();
    expect(await page.getByTestId("countdown").textContent()).toMatch(/^Expires in 1[45]:\d\d$/);
    await screenshot(page, "code-issued-desktop-en");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps other officials out of the code-issuing page", async () => {
    const official = await session.server.createOfficial({ username: "hanoi.province", role: "province" });
    const { page, context } = await session.open("phone");
    await page.goto("/login");
    await fillLoginForm(page, official);
    await page.getByText("Bạn đang đăng nhập với tài khoản hanoi.province (Cấp tỉnh).").waitFor();
    await screenshot(page, "login-signed-in-phone");
    await page.goto("/officials/codes");
    await page.getByText("Tài khoản của bạn không có quyền mở trang này.").waitFor();
    expect(await page.getByRole("navigation").getByRole("link", { name: "Cấp mã xác nhận" }).count()).toBe(0);
    await screenshot(page, "codes-forbidden-phone");
    await context.close();
  });
});
