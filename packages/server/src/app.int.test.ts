import { Type } from "@fastify/type-provider-typebox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFeatureConfigs } from "./app.ts";
import { ConfigError, envInt, envString } from "./platform/env.ts";
import { PROBLEM_CONTENT_TYPE } from "./platform/errors.ts";
import { defineFeature } from "./platform/feature.ts";
import { createTestApp, type TestApp } from "./platform/test-app.ts";

const probe = defineFeature({
  name: "probe",
  env: {
    greeting: envString("PROBE_GREETING", "hello", "Greeting the probe answers with."),
    limit: envInt("PROBE_LIMIT", 2, "Requests per minute on /v1/probe/limited.", { min: 1 }),
  },
  register(app, deps) {
    app.post(
      "/v1/probe/echo",
      {
        schema: {
          body: Type.Object(
            { name: Type.String({ minLength: 2 }), count: Type.Integer({ minimum: 1 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ greeting: Type.String(), name: Type.String(), count: Type.Integer() }),
          },
        },
      },
      async (request) => ({ greeting: deps.config.greeting, ...request.body }),
    );
    app.get("/v1/probe/boom", async () => {
      throw new Error('relation "secret_table" does not exist (/srv/bluezone/store.ts:42)');
    });
    app.get("/v1/probe/ip", async (request) => ({ ip: request.ip }));
    app.get(
      "/v1/probe/limited",
      { config: { rateLimit: { max: deps.config.limit, timeWindow: 60_000 } } },
      async () => ({
        ok: true,
      }),
    );
    app.get("/v1/probe/log", async (request) => {
      request.log.info(
        { body: { phone: "0912345678" }, password: "hunter2", token: "tok_123" },
        "handler log",
      );
      return { ok: true };
    });
  },
});

const PRIVATE = {
  ip: "203.0.113.77",
  forwarded: "198.51.100.23",
  userAgent: "SecretAgent/7.7",
  phone: "0987654321",
  bearer: "Bearer abcdefghijklmnopqrstuvwxyz0123456789",
};

describe("app", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ features: [probe], env: { PROBE_GREETING: "xin chào" }, captureLogs: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers /healthz after checking the database", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: t.database.kind });
  });

  it("passes the feature its own config from the environment", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/v1/probe/echo",
      payload: { name: "An", count: 2 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ greeting: "xin chào", name: "An", count: 2 });
  });

  it("answers unknown routes with 404 problem+json", async () => {
    const res = await t.app.inject({ method: "GET", url: "/v1/nowhere?x=1" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(res.json()).toEqual({
      type: "urn:bluezone:problem:no-route",
      title: "Not found",
      status: 404,
      detail: "No route for GET /v1/nowhere",
    });
  });

  it("answers schema violations with 400 problem+json listing every failing field", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/v1/probe/echo",
      payload: { name: "A", count: 0 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    const body = res.json();
    expect(body.type).toBe("urn:bluezone:problem:validation");
    expect(body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["#/count", "#/name"]);
    expect(body.errors.every((e: { in: string }) => e.in === "body")).toBe(true);
  });

  it("answers a missing field and malformed JSON with 400", async () => {
    const missing = await t.app.inject({ method: "POST", url: "/v1/probe/echo", payload: { name: "An" } });
    expect(missing.json().errors).toEqual([{ in: "body", pointer: "#/count", detail: expect.any(String) }]);
    const malformed = await t.app.inject({
      method: "POST",
      url: "/v1/probe/echo",
      headers: { "content-type": "application/json" },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().type).toBe("urn:bluezone:problem:malformed-body");
  });

  it("answers a body over the limit with 413 problem+json", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/v1/probe/echo",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ name: "x".repeat(1_100_000), count: 1 }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(res.json().type).toBe("urn:bluezone:problem:body-too-large");
  });

  it("answers unexpected errors with a bare 500 and logs them server-side", async () => {
    const res = await t.app.inject({ method: "GET", url: "/v1/probe/boom" });
    expect(res.statusCode).toBe(500);
    expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(res.json()).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "An unexpected error occurred.",
    });
    expect(res.body).not.toMatch(/secret_table|srv|store\.ts/);
    expect(t.logs.some((l) => l.includes("request failed") && l.includes("secret_table"))).toBe(true);
  });

  it("rate-limits per route with 429 problem+json and Retry-After", async () => {
    const statuses: number[] = [];
    let last = await t.app.inject({ method: "GET", url: "/v1/probe/limited" });
    statuses.push(last.statusCode);
    for (let i = 0; i < 2; i++) {
      last = await t.app.inject({ method: "GET", url: "/v1/probe/limited" });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(last.headers["retry-after"]).toBeDefined();
    expect(last.json()).toMatchObject({ status: 429, type: "urn:bluezone:problem:rate-limited" });
  });

  it("sets security headers (helmet)", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["strict-transport-security"]).toBeDefined();
    expect(res.headers["content-security-policy"]).toBeDefined();
  });

  it("serves OpenAPI 3 at /docs/json and Swagger UI at /docs", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/healthz", "/v1/probe/echo"]));
    expect(spec.paths["/v1/probe/echo"].post.requestBody).toBeDefined();
    const ui = await t.app.inject({ method: "GET", url: "/docs" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toContain("text/html");
  });

  it("exposes Prometheus metrics with request durations by route template and status", async () => {
    await t.app.inject({ method: "GET", url: "/healthz" });
    await t.app.inject({ method: "GET", url: "/blobs/no/such/0912345678" });
    const res = await t.app.inject({ method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/,
    );
    expect(res.body).toMatch(/route="\/blobs\/\*",status_code="404"/);
    expect(res.body).toContain("process_cpu_user_seconds_total");
    expect(res.body).not.toContain("0912345678");
  });

  it("serves blobs under /blobs/* with their Content-Type, Cache-Control and ETag", async () => {
    await t.blobs.put("exposure-keys/index.txt", new TextEncoder().encode("a.zip\n"), {
      contentType: "text/plain; charset=utf-8",
      cacheControl: "public, max-age=300",
    });
    const res = await t.app.inject({ method: "GET", url: "/blobs/exposure-keys/index.txt" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("a.zip\n");
    expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await t.app.inject({
      method: "GET",
      url: "/blobs/exposure-keys/index.txt",
      headers: { "if-none-match": etag },
    });
    expect(again.statusCode).toBe(304);
    const head = await t.app.inject({ method: "HEAD", url: "/blobs/exposure-keys/index.txt" });
    expect(head.statusCode).toBe(200);
    for (const url of [
      "/blobs/exposure-keys/missing.zip",
      "/blobs/../package.json",
      "/blobs/%2e%2e/secret",
    ]) {
      const missing = await t.app.inject({ method: "GET", url });
      expect(missing.statusCode, url).toBe(404);
      expect(missing.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    }
  });

  it("never logs IP addresses, user agents, query strings, tokens or phone numbers", async () => {
    const before = t.logs.length;
    await t.app.inject({
      method: "GET",
      url: `/v1/probe/log?phone=${PRIVATE.phone}`,
      remoteAddress: PRIVATE.ip,
      headers: {
        "x-forwarded-for": PRIVATE.forwarded,
        "user-agent": PRIVATE.userAgent,
        authorization: PRIVATE.bearer,
        cookie: "bz_session=cookie-secret-value",
      },
    });
    await t.app.inject({ method: "GET", url: `/v1/subscribers/${PRIVATE.phone}`, remoteAddress: PRIVATE.ip });
    const lines = t.logs.slice(before);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const text = lines.join("\n");
    for (const secret of [
      PRIVATE.ip,
      PRIVATE.forwarded,
      PRIVATE.userAgent,
      PRIVATE.phone,
      "0912345678",
      "abcdefghijklmnopqrstuvwxyz",
      "cookie-secret-value",
      "hunter2",
      "tok_123",
      "remoteAddress",
      "phone=",
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    const incoming = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "incoming request");
    expect(incoming.req).toEqual({ method: "GET", url: "/v1/probe/log", route: "/v1/probe/log" });
  });
});

describe("trustProxy", () => {
  const ipSeenBy = async (t: TestApp, remoteAddress: string) =>
    (
      await t.app.inject({
        method: "GET",
        url: "/v1/probe/ip",
        remoteAddress,
        headers: { "x-forwarded-for": PRIVATE.forwarded },
      })
    ).json().ip;

  it("ignores X-Forwarded-For by default", async () => {
    const t = await createTestApp({ features: [probe] });
    try {
      expect(await ipSeenBy(t, "10.0.0.2")).toBe("10.0.0.2");
    } finally {
      await t.close();
    }
  });

  it("uses X-Forwarded-For from trusted proxies only", async () => {
    const t = await createTestApp({ features: [probe], config: { trustProxy: ["10.0.0.0/8"] } });
    try {
      expect(await ipSeenBy(t, "10.0.0.2")).toBe(PRIVATE.forwarded);
      expect(await ipSeenBy(t, "192.0.2.1")).toBe("192.0.2.1");
    } finally {
      await t.close();
    }
  });

  it("rate-limits forwarded clients separately behind a trusted proxy, and still logs no address", async () => {
    const t = await createTestApp({ features: [probe], config: { trustProxy: true }, captureLogs: true });
    try {
      const call = (client: string) =>
        t.app.inject({
          method: "GET",
          url: "/v1/probe/limited",
          remoteAddress: "10.0.0.2",
          headers: { "x-forwarded-for": client },
        });
      const a = [await call("198.51.100.1"), await call("198.51.100.1"), await call("198.51.100.1")];
      const b = await call("198.51.100.2");
      expect(a.map((r) => r.statusCode)).toEqual([200, 200, 429]);
      expect(b.statusCode).toBe(200);
      const text = t.logs.join("\n");
      expect(text).not.toContain("198.51.100.");
      expect(text).not.toContain("10.0.0.2");
    } finally {
      await t.close();
    }
  });
});

describe("feature configuration", () => {
  it("reports bad variables of every feature together, prefixed by feature", () => {
    const other = defineFeature({
      name: "other",
      env: { size: envInt("OTHER_SIZE", 1, "size", { max: 10 }) },
      register() {},
    });
    let error: unknown;
    try {
      loadFeatureConfigs([probe, other], { PROBE_LIMIT: "zero", OTHER_SIZE: "11" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      '[probe] PROBE_LIMIT: expected an integer, got "zero"',
      "[other] OTHER_SIZE: must be <= 10, got 11",
    ]);
  });

  it("refuses to build an app with a badly configured feature", async () => {
    await expect(createTestApp({ features: [probe], env: { PROBE_LIMIT: "0" } })).rejects.toThrow(
      /PROBE_LIMIT/,
    );
  });
});
