import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFeature } from "../auth/index.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { webFeature } from "./index.ts";

const INDEX =
  '<!doctype html><html lang="vi"><head><title>Bluezone</title></head><body><div id="app"></div></body></html>';

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), "bz-web-dist-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), INDEX);
  writeFileSync(join(dir, "assets", "index-AbC123.js"), "console.log('bluezone');\n");
  writeFileSync(join(dir, "manifest.webmanifest"), '{"name":"Bluezone"}');
  writeFileSync(join(dir, ".env"), "SECRET=1");
  return dir;
}

describe("web feature with a build", () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    dist = fakeBuild();
    t = await createTestApp({ features: [authFeature, webFeature], env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("serves index.html at / and for every app route, never cached without revalidation", async () => {
    for (const url of ["/", "/login", "/officials/codes?x=1", "/index.html"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.body, url).toBe(INDEX);
    }
  });

  it("serves hashed assets with a long immutable cache and an ETag that revalidates", async () => {
    const res = await t.app.inject({ method: "GET", url: "/assets/index-AbC123.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.body).toContain("bluezone");
    const etag = res.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await t.app.inject({
      method: "GET",
      url: "/assets/index-AbC123.js",
      headers: { "if-none-match": etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it("serves other files of the build revalidated, and answers HEAD", async () => {
    const res = await t.app.inject({ method: "GET", url: "/manifest.webmanifest" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(JSON.parse(res.body)).toEqual({ name: "Bluezone" });
    const head = await t.app.inject({ method: "HEAD", url: "/" });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
  });

  it("answers a missing file with the problem+json 404, not index.html", async () => {
    const res = await t.app.inject({ method: "GET", url: "/assets/gone-123.js" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  });

  it("never falls back to the app for unknown API, docs and blob paths", async () => {
    for (const url of ["/v1/nothing-here", "/v1", "/blobs", "/metricsx/../metrics/x"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/^application\/problem\+json/);
      expect(res.json().type, url).toBe("urn:bluezone:problem:no-route");
    }
  });

  it("leaves the server's own routes alone", async () => {
    const health = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(health.json()).toMatchObject({ status: "ok" });
    const docs = await t.app.inject({ method: "GET", url: "/docs/json" });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).not.toContain("/*");
    const me = await t.app.inject({ method: "GET", url: "/v1/auth/me" });
    expect(me.statusCode).toBe(401);
    const post = await t.app.inject({ method: "POST", url: "/login" });
    expect(post.statusCode).toBe(404);
  });

  it("refuses dot files and traversal out of the build directory", async () => {
    for (const url of [
      "/.env",
      "/assets/%2e%2e/.env",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/..%2f..%2fetc%2fpasswd",
    ]) {
      const res = await t.app.inject({ method: "GET", url });
      // Either refused, or (when the URL parser already resolved the dots) just an app route.
      if (res.statusCode === 200) expect(res.body, url).toBe(INDEX);
      else expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain("SECRET");
      expect(res.body, url).not.toContain("root:");
    }
  });

  it("sends a CSP that allows only this origin's scripts and no insecure-request upgrade on http", async () => {
    const res = await t.app.inject({ method: "GET", url: "/" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
});

describe("web feature without a build", () => {
  it("explains how to build the app instead of failing", async () => {
    const empty = mkdtempSync(join(tmpdir(), "bz-web-empty-"));
    const t = await createTestApp({ features: [webFeature], env: { WEB_DIST_DIR: join(empty, "dist") } });
    try {
      const res = await t.app.inject({ method: "GET", url: "/officials/codes" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.body).toContain("npm run build:web");
      const asset = await t.app.inject({ method: "GET", url: "/assets/index-AbC123.js" });
      expect(asset.statusCode).toBe(404);
    } finally {
      await t.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("serves nothing at / when WEB_ENABLED=false", async () => {
    const t = await createTestApp({ features: [webFeature], env: { WEB_ENABLED: "false" } });
    try {
      const res = await t.app.inject({ method: "GET", url: "/" });
      expect(res.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
