import { describe, expect, it } from "vitest";
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, isServerPath, notBuiltPage, webTarget } from "./model.ts";

describe("isServerPath", () => {
  it("claims the API, docs, metrics, health and blob paths and everything under them", () => {
    for (const path of [
      "/v1",
      "/v1/auth/me",
      "/docs",
      "/docs/json",
      "/metrics",
      "/healthz",
      "/blobs/a/b.zip",
    ]) {
      expect(isServerPath(path), path).toBe(true);
    }
  });

  it("leaves look-alike paths to the app", () => {
    for (const path of ["/", "/v1x", "/documents", "/metrics-info", "/officials/codes", "/blobsy"]) {
      expect(isServerPath(path), path).toBe(false);
    }
  });
});

describe("webTarget", () => {
  it("answers app routes (no extension) with the page, query strings ignored", () => {
    expect(webTarget("/")).toEqual({ kind: "page" });
    expect(webTarget("/login?next=%2Fofficials%2Fcodes")).toEqual({ kind: "page" });
    expect(webTarget("/officials/codes")).toEqual({ kind: "page" });
    expect(webTarget("/index.html")).toEqual({ kind: "page" });
  });

  it("serves hashed assets with a year-long immutable cache and other files revalidated", () => {
    expect(webTarget("/assets/index-Cm9tnreZ.js")).toEqual({
      kind: "file",
      file: "assets/index-Cm9tnreZ.js",
      cacheControl: CACHE_IMMUTABLE,
    });
    expect(webTarget("/manifest.webmanifest?v=2")).toEqual({
      kind: "file",
      file: "manifest.webmanifest",
      cacheControl: CACHE_REVALIDATE,
    });
    expect(webTarget("/icon.svg")).toMatchObject({ kind: "file", cacheControl: "no-cache" });
  });

  it("never falls back to the app for server paths", () => {
    expect(webTarget("/v1/unknown")).toEqual({ kind: "server" });
    expect(webTarget("/docs")).toEqual({ kind: "server" });
    expect(webTarget("/blobs/missing.zip")).toEqual({ kind: "server" });
    expect(webTarget("/healthz?x=1")).toEqual({ kind: "server" });
  });

  it("rejects traversal, encoded traversal, dot files, backslashes and bad encoding", () => {
    for (const url of [
      "/../etc/passwd",
      "/assets/%2e%2e/%2e%2e/etc/passwd",
      "/%2e%2e%2fpackage.json",
      "/.env",
      "/assets/.hidden.js",
      "/assets\\..\\x.js",
      "/%E0%A4%A",
      "/a%00.js",
    ]) {
      expect(webTarget(url).kind, url).toBe("invalid");
    }
  });

  it("decodes percent-encoded names before deciding", () => {
    expect(webTarget("/assets/t%C3%AAn.js")).toMatchObject({ kind: "file", file: "assets/tên.js" });
    expect(webTarget("/%76%31/auth/me")).toEqual({ kind: "server" });
  });
});

describe("notBuiltPage", () => {
  it("tells in Vietnamese and English how to build the app", () => {
    const html = notBuiltPage();
    expect(html).toContain("npm run build:web");
    expect(html).toContain("Ứng dụng web chưa được build");
    expect(html).toContain('lang="en"');
  });
});
