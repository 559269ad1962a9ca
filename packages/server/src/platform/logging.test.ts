import type { FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import { scrubPath, serializeError, serializeRequest } from "./logging.ts";

describe("scrubPath", () => {
  it("drops the query string and fragment", () => {
    expect(scrubPath("/v1/venues?phone=0912345678&token=abc#x")).toBe("/v1/venues");
  });

  it("masks phone numbers, long codes and opaque tokens in the path", () => {
    expect(scrubPath("/v1/subscribers/0912345678/optout")).toBe("/v1/subscribers/[redacted]/optout");
    expect(scrubPath("/v1/subscribers/+84912345678")).toBe("/v1/subscribers/[redacted]");
    expect(scrubPath("/v1/verify/12345678")).toBe("/v1/verify/[redacted]");
    expect(scrubPath("/v1/sessions/dGhpcyBpcyBhIHNlc3Npb24gdG9rZW4")).toBe("/v1/sessions/[redacted]");
    expect(scrubPath("/v1/units/79/communes/26734")).toBe("/v1/units/79/communes/26734");
  });
});

describe("serializeRequest", () => {
  it("keeps method, scrubbed path and route only", () => {
    const req = {
      method: "POST",
      url: "/v1/venues/abc?phone=0912345678",
      ip: "203.0.113.9",
      headers: { "user-agent": "Mozilla", "x-forwarded-for": "198.51.100.1" },
      routeOptions: { url: "/v1/venues/:id" },
    } as unknown as FastifyRequest;
    expect(serializeRequest(req)).toEqual({ method: "POST", url: "/v1/venues/abc", route: "/v1/venues/:id" });
  });
});

describe("serializeError", () => {
  it("keeps type, code, message and stack but not enumerable extras", () => {
    const error = Object.assign(new Error("duplicate key"), {
      code: "23505",
      detail: "Key (phone_hash)=(0912345678) already exists.",
    });
    const out = serializeError(error);
    expect(out).toMatchObject({ type: "Error", message: "duplicate key", code: "23505" });
    expect(JSON.stringify(out)).not.toContain("0912345678");
  });
});
