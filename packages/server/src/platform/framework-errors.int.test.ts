// Errors the router raises before any route runs answer with problem+json too, and never echo the URL.
import { Type } from "@fastify/type-provider-typebox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBLEM_CONTENT_TYPE } from "./errors.ts";
import { defineFeature } from "./feature.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

const echo = defineFeature({
  name: "echo",
  register(app) {
    app.get(
      "/v1/echo/:id",
      { schema: { params: Type.Object({ id: Type.String({ maxLength: 200 }) }) } },
      async (request) => ({ id: request.params.id }),
    );
  },
});

describe("router errors as problem+json", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ features: [echo] });
  });
  afterAll(() => t?.close());

  it("answers a path parameter over 100 characters with 414 problem+json", async () => {
    expect((await t.app.inject({ method: "GET", url: `/v1/echo/${"a".repeat(100)}` })).statusCode).toBe(200);
    const secret = "S".repeat(101);
    const res = await t.app.inject({ method: "GET", url: `/v1/echo/${secret}` });
    expect(res.statusCode).toBe(414);
    expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(res.json()).toMatchObject({ type: "urn:bluezone:problem:path-parameter-too-long", status: 414 });
    expect(res.body).not.toContain(secret);
  });

  it("answers malformed percent-encoding with 400 problem+json", async () => {
    const res = await t.app.inject({ method: "GET", url: "/v1/echo/%E0%A4%A" });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(res.json()).toMatchObject({ type: "urn:bluezone:problem:bad-url", status: 400 });
  });
});
