import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import helmet from "helmet";
import { describe, expect, it } from "vitest";
import { helmetHeaders, installSecurityHeaders } from "./security-headers.ts";

/** The headers helmet's own middleware puts on a real Node response. */
async function headersFromRealResponse(
  options: Parameters<typeof helmet>[0],
): Promise<Record<string, string>> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    helmet(options)(req, res, () => res.end("ok"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    const out: Record<string, string> = {};
    const ignored = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);
    res.headers.forEach((value, name) => {
      if (!ignored.has(name)) out[name] = value;
    });
    return out;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const WEB_OPTIONS = {
  contentSecurityPolicy: {
    directives: { "img-src": ["'self'", "data:", "blob:"], "upgrade-insecure-requests": null },
  },
};

describe("helmetHeaders", () => {
  it("computes exactly the headers helmet's middleware sends, for the defaults and for custom options", async () => {
    expect(helmetHeaders()).toEqual(await headersFromRealResponse({}));
    expect(helmetHeaders(WEB_OPTIONS)).toEqual(await headersFromRealResponse(WEB_OPTIONS));
    expect(helmetHeaders({ strictTransportSecurity: false })).not.toHaveProperty("strict-transport-security");
  });

  it("refuses CSP directives computed per request, which a fixed header cannot carry", () => {
    expect(() =>
      helmetHeaders({
        contentSecurityPolicy: { directives: { "script-src": ["'self'", () => "'nonce-x'"] } },
      }),
    ).toThrow(/script-src is a function/);
  });

  it("passes helmet's own option errors on", () => {
    expect(() => helmetHeaders({ referrerPolicy: { policy: "nonsense" as "origin" } })).toThrow();
  });
});

describe("installSecurityHeaders", () => {
  async function app() {
    const fastify = Fastify();
    installSecurityHeaders(fastify);
    fastify.get("/plain", async () => "ok");
    fastify.get("/page", { config: { securityHeaders: WEB_OPTIONS } }, async () => "page");
    fastify.get("/bare", { config: { securityHeaders: false } }, async () => "bare");
    fastify.register(async (scope) => {
      scope.get("/scoped", async () => "scoped");
    });
    await fastify.ready();
    return fastify;
  }

  it("sends the app's headers, a route's own, or none, also on 404s and routes in child scopes", async () => {
    const fastify = await app();
    try {
      const plain = await fastify.inject({ method: "GET", url: "/plain" });
      expect(plain.headers["x-content-type-options"]).toBe("nosniff");
      expect(plain.headers["content-security-policy"]).toBe(helmetHeaders()["content-security-policy"]);

      const page = await fastify.inject({ method: "GET", url: "/page" });
      expect(page.headers["content-security-policy"]).toContain("img-src 'self' data: blob:");
      expect(page.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
      expect(page.headers["x-frame-options"]).toBe("SAMEORIGIN");

      const bare = await fastify.inject({ method: "GET", url: "/bare" });
      expect(bare.headers["content-security-policy"]).toBeUndefined();
      expect(bare.headers["x-content-type-options"]).toBeUndefined();

      const missing = await fastify.inject({ method: "GET", url: "/no/such/page" });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers["x-content-type-options"]).toBe("nosniff");

      const scoped = await fastify.inject({ method: "GET", url: "/scoped" });
      expect(scoped.headers["strict-transport-security"]).toBe(helmetHeaders()["strict-transport-security"]);
    } finally {
      await fastify.close();
    }
  });

  it("lets a handler replace a header it sets itself", async () => {
    const fastify = Fastify();
    installSecurityHeaders(fastify);
    fastify.get("/docs", async (_request, reply) =>
      reply.header("content-security-policy", "default-src 'none'").send("x"),
    );
    try {
      const res = await fastify.inject({ method: "GET", url: "/docs" });
      expect(res.headers["content-security-policy"]).toBe("default-src 'none'");
    } finally {
      await fastify.close();
    }
  });
});
