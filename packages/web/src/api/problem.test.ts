import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createI18n, lookup } from "../i18n/index.ts";
import { describeProblem, networkProblem, parseProblem, problemSlug } from "./problem.ts";

const PROBLEM = "application/problem+json";

describe("problemSlug", () => {
  it("takes the slug of our URN problem types only", () => {
    expect(problemSlug("urn:bluezone:problem:invalid-credentials")).toBe("invalid-credentials");
    expect(problemSlug("about:blank")).toBeUndefined();
    expect(problemSlug("urn:bluezone:problem:")).toBeUndefined();
    expect(problemSlug("urn:bluezone:problem:../../x")).toBeUndefined();
    expect(problemSlug("https://example.com/probs/out-of-credit")).toBeUndefined();
  });
});

describe("parseProblem", () => {
  it("keeps a problem+json document with its extensions and field errors", () => {
    const body = JSON.stringify({
      type: "urn:bluezone:problem:validation",
      title: "Request validation failed",
      status: 400,
      detail: "body/testType must be equal to one of the allowed values",
      errors: [{ in: "body", pointer: "#/testType", detail: "must be equal to one of the allowed values" }],
      errorCode: "bad_request",
    });
    expect(parseProblem(400, "Bad Request", `${PROBLEM}; charset=utf-8`, body)).toEqual({
      type: "urn:bluezone:problem:validation",
      title: "Request validation failed",
      status: 400,
      detail: "body/testType must be equal to one of the allowed values",
      errors: [{ in: "body", pointer: "#/testType", detail: "must be equal to one of the allowed values" }],
      errorCode: "bad_request",
    });
  });

  it("trusts the HTTP status over the body's and fills a missing type and title", () => {
    const problem = parseProblem(
      429,
      "Too Many Requests",
      "application/json",
      JSON.stringify({ status: 200 }),
    );
    expect(problem).toEqual({ type: "about:blank", title: "Too Many Requests", status: 429 });
  });

  it("drops members of the wrong type", () => {
    const body = JSON.stringify({ type: 7, title: ["x"], detail: { a: 1 }, instance: 3, errors: "no" });
    expect(parseProblem(400, "Bad Request", PROBLEM, body)).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
    });
  });

  it("turns HTML, empty and malformed bodies into an about:blank problem with the status text", () => {
    expect(parseProblem(502, "Bad Gateway", "text/html", "<h1>502</h1>")).toEqual({
      type: "about:blank",
      title: "Bad Gateway",
      status: 502,
    });
    expect(parseProblem(500, "", PROBLEM, "{not json")).toEqual({
      type: "about:blank",
      title: "HTTP 500",
      status: 500,
    });
    expect(parseProblem(404, "Not Found", null, "")).toMatchObject({ title: "Not Found", status: 404 });
    expect(parseProblem(400, "Bad Request", PROBLEM, "[1,2]")).toMatchObject({ type: "about:blank" });
  });

  it("never throws and always keeps the status, whatever the body", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }),
        fc.oneof(fc.string(), fc.json()),
        fc.constantFrom(PROBLEM, "application/json", "text/plain", null),
        (status, body, contentType) => {
          const problem = parseProblem(status, "Error", contentType, body);
          expect(problem.status).toBe(status);
          expect(typeof problem.type).toBe("string");
          expect(typeof problem.title).toBe("string");
          expect(problem.title).not.toBe("");
        },
      ),
    );
  });
});

describe("describeProblem", () => {
  const vi = createI18n("vi");
  const en = createI18n("en");
  const tVi = (key: string) => lookup(vi, key);
  const tEn = (key: string) => lookup(en, key);
  const invalidCredentials = {
    type: "urn:bluezone:problem:invalid-credentials",
    title: "Invalid credentials",
    status: 401,
    detail: "Wrong username or password",
  };

  it("shows a known problem in the user's language", () => {
    expect(describeProblem(invalidCredentials, tVi)).toEqual({
      title: "Đăng nhập không thành công",
      detail: "Sai tên đăng nhập hoặc mật khẩu.",
    });
    expect(describeProblem(invalidCredentials, tEn)).toEqual({
      title: "Sign-in failed",
      detail: "Wrong username or password.",
    });
  });

  it("never mixes the server's English detail under a translated title", () => {
    const noRoute = {
      type: "urn:bluezone:problem:no-route",
      title: "Not found",
      status: 404,
      detail: "No route for GET /v1/x",
    };
    expect(describeProblem(noRoute, tVi)).toEqual({ title: "Không tìm thấy" });
  });

  it("shows an unknown problem as the server wrote it", () => {
    const venue = {
      type: "urn:bluezone:problem:venue-closed",
      title: "Venue closed",
      status: 409,
      detail: "Closed at 22:00",
    };
    expect(describeProblem(venue, tVi)).toEqual({ title: "Venue closed", detail: "Closed at 22:00" });
  });

  it("says 'server problem' for 5xx without a translation of their own, and 'network' for no answer", () => {
    const crash = {
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "An unexpected error occurred.",
    };
    expect(describeProblem(crash, tVi).title).toBe("Máy chủ đang gặp sự cố");
    expect(describeProblem(networkProblem("Failed to fetch"), tVi)).toEqual({
      title: "Không kết nối được máy chủ",
      detail: "Hãy kiểm tra kết nối mạng và thử lại.",
    });
  });

  it("falls back to a generic title when the server sent none", () => {
    expect(describeProblem({ type: "about:blank", title: "", status: 418 }, tEn)).toEqual({
      title: "Something went wrong",
    });
  });
});
