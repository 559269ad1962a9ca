// Browser-test harness: the real server in-process (PGlite in memory, blobs in a temp dir, a free port,
// demo mode) serving the built web app, Debian chromium driven by playwright-core, and screenshots in
// test-artifacts/web/. Never downloads a browser.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAccount, loadConfig, type Role, type ServerHandle, startServer } from "@bluezone/server";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { DIST_DIR } from "./build.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS_DIR = fileURLToPath(new URL("../../../test-artifacts/web/", import.meta.url));

export interface Credentials {
  username: string;
  password: string;
}

export interface TestServer {
  url: string;
  handle: ServerHandle;
  /** Creates an official's account (cheap password hashing) and returns its credentials. */
  createOfficial(input: { username: string; role: Role; unitCode?: string | null }): Promise<Credentials>;
  /** Signs in through the API; the session token (throws unless the login succeeds). */
  login(credentials: Credentials): Promise<string>;
  close(): Promise<void>;
}

/** Starts the whole server (every feature, as `npm start` does) on a free port with a throwaway database. */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "bz-browser-"));
  const env = {
    NODE_ENV: "test",
    DEMO_MODE: "true",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: "memory://",
    BLOB_DIR: join(dataDir, "blobs"),
    LOG_LEVEL: "silent",
    JOBS_ENABLED: "false",
    RATE_LIMIT_MAX: "0",
    WEB_DIST_DIR: DIST_DIR,
    AUTH_SCRYPT_COST: "10",
  };
  const handle = await startServer(loadConfig(env), { env, handleSignals: false });
  return {
    url: handle.url,
    handle,
    async createOfficial({ username, role, unitCode = "01" }) {
      const password = `pw-${username}-0123456789`;
      await createAccount(handle.database.db, { username, password, role, unitCode }, { scryptCost: 10 });
      return { username, password };
    },
    async login({ username, password }) {
      const res = await fetch(`${handle.url}/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login of ${username}: HTTP ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async close() {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The server and the browser of one test file; set once its first beforeAll has run. */
export interface BrowserSession {
  server: TestServer;
  browser: Browser;
  /** A fresh page of the app at a viewport (see openPage). */
  open(viewport: ViewportName): Promise<TestPage>;
}

/**
 * Starts the whole server and chromium before the file's tests (ahead of the file's own beforeAll hooks, which
 * may use them) and closes both after.
 */
export function useBrowserSession(): BrowserSession {
  const session = {
    open: (viewport: ViewportName) => openPage(session.browser, viewport, session.server.url),
  } as BrowserSession;
  beforeAll(async () => {
    session.server = await startTestServer();
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** Debian's chromium, headless, with nothing phoning home. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const VIEWPORTS = {
  /** A common phone (iPhone 12-15 size). */
  phone: { width: 390, height: 844 },
  /** The narrowest phone the app must support. */
  narrow: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far (CSP violations show up here). */
  problems: string[];
}

/** A fresh browser context (own storage) at a viewport, recording every error the page reports. */
export async function openPage(browser: Browser, viewport: ViewportName, baseURL: string): Promise<TestPage> {
  const phone = viewport !== "desktop";
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("requestfailed", (request) => {
    // A request the browser itself cancels because the page moved on (a link followed before the icon
    // arrived) is not a fault of the app; anything else (refused, 404 for a script, DNS) is.
    if (request.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(`requestfailed: ${request.url()} (${request.failure()?.errorText ?? "?"})`);
  });
  return { context, page, problems };
}

/** Saves a screenshot (full page unless told) as test-artifacts/web/<name>.png and returns its path. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/** Whether the page scrolls sideways (content wider than the viewport). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Fills in and submits the officials' login form shown on the page, with Vietnamese or English labels. */
export async function fillLoginForm(page: Page, credentials: Credentials, language: "vi" | "en" = "vi") {
  await page.getByLabel(language === "vi" ? "Tên đăng nhập" : "Username").fill(credentials.username);
  await page.getByLabel(language === "vi" ? "Mật khẩu" : "Password").fill(credentials.password);
  await page.getByRole("button", { name: language === "vi" ? "Đăng nhập" : "Sign in", exact: true }).click();
}

/** Opens /login?next=…, signs in (switching to English first if asked) and waits for the app to reach `next`. */
export async function signIn(
  page: Page,
  next: string,
  credentials: Credentials,
  language: "vi" | "en" = "vi",
) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  if (language === "en") await page.getByRole("button", { name: "English" }).click();
  await fillLoginForm(page, credentials, language);
  await page.waitForURL(`**${next}`);
}
