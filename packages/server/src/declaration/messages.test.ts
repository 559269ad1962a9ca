import { describe, expect, it } from "vitest";
import { PROBLEM_CONTENT_TYPE, problemType } from "../platform/errors.ts";
import { issuesFromAjv, MESSAGES, message, preferredLanguage, validationProblem } from "./messages.ts";

describe("preferredLanguage", () => {
  it("answers in Vietnamese unless English ranks higher", () => {
    expect(preferredLanguage(undefined)).toBe("vi");
    expect(preferredLanguage("")).toBe("vi");
    expect(preferredLanguage("en-US,en;q=0.9")).toBe("en");
    expect(preferredLanguage("vi-VN,vi;q=0.9,en;q=0.8")).toBe("vi");
    expect(preferredLanguage("fr, en;q=0.5, vi;q=0.7")).toBe("vi");
    expect(preferredLanguage("fr, en;q=0.5")).toBe("en");
    expect(preferredLanguage("en;q=0, de")).toBe("vi");
    expect(preferredLanguage("EN-gb")).toBe("en");
    expect(preferredLanguage("*;q=0.1, ;;;, en;q=abc")).toBe("vi");
  });
});

describe("messages", () => {
  it("has every message in both languages, with the limit filled in", () => {
    for (const [code, text] of Object.entries(MESSAGES)) {
      expect(text.vi.length, code).toBeGreaterThan(5);
      expect(text.en.length, code).toBeGreaterThan(5);
      expect(text.vi).not.toBe(text.en);
      expect(text.vi.includes("{limit}")).toBe(text.en.includes("{limit}"));
    }
    expect(message("too-long", "vi", { limit: 100 })).toBe("Tối đa 100 ký tự.");
    expect(message("too-long", "en", { limit: 100 })).toBe("Enter at most 100 characters.");
  });
});

describe("issuesFromAjv", () => {
  it("maps schema errors to coded field issues, one per field", () => {
    const issues = issuesFromAjv([
      { instancePath: "", keyword: "required", params: { missingProperty: "phone" } },
      { instancePath: "/address", keyword: "required", params: { missingProperty: "communeCode" } },
      { instancePath: "/fullName", keyword: "maxLength", params: { limit: 100 } },
      { instancePath: "/fullName", keyword: "pattern", params: { pattern: "x" } },
      { instancePath: "/idNumber", keyword: "minLength", params: { limit: 5 } },
      { instancePath: "/address/street", keyword: "minLength", params: { limit: 1 } },
      { instancePath: "/travel/departure/communeCode", keyword: "pattern", params: {} },
      { instancePath: "/phone", keyword: "pattern", params: {} },
      { instancePath: "/symptoms/1", keyword: "enum", params: {} },
      { instancePath: "/symptoms", keyword: "uniqueItems", params: { i: 1, j: 0 } },
      { instancePath: "/yearOfBirth", keyword: "maximum", params: { limit: 2100 } },
      { instancePath: "/travel/date", keyword: "format", params: { format: "date" } },
      { instancePath: "/kind", keyword: "type", params: { type: "string" } },
      { instancePath: "/x", keyword: "anyOf", params: {} },
    ]);
    expect(issues).toEqual([
      { pointer: "#/phone", code: "required" },
      { pointer: "#/address/communeCode", code: "choose" },
      { pointer: "#/fullName", code: "too-long", params: { limit: 100 } },
      { pointer: "#/idNumber", code: "too-short", params: { limit: 5 } },
      { pointer: "#/address/street", code: "required" },
      { pointer: "#/travel/departure/communeCode", code: "unit-code-invalid" },
      { pointer: "#/symptoms/1", code: "not-allowed" },
      { pointer: "#/symptoms", code: "duplicate" },
      { pointer: "#/yearOfBirth", code: "too-large", params: { limit: 2100 } },
      { pointer: "#/travel/date", code: "date-invalid" },
      { pointer: "#/kind", code: "wrong-type" },
      { pointer: "#/x", code: "invalid" },
    ]);
  });
});

describe("validationProblem", () => {
  it("is the platform's validation problem with per-field messages in the chosen language", () => {
    const issues = [
      { pointer: "#/phone", code: "phone-invalid" as const },
      { pointer: "#/fullName", code: "too-long" as const, params: { limit: 100 } },
    ];
    const vi = validationProblem(issues, "body", "vi");
    expect(vi.status).toBe(400);
    expect(vi.headers).toEqual({ "content-language": "vi" });
    expect(vi.toProblem()).toEqual({
      type: problemType("validation"),
      title: "Thông tin khai báo chưa hợp lệ",
      status: 400,
      detail: `phone: ${MESSAGES["phone-invalid"].vi}; fullName: Tối đa 100 ký tự.`,
      errors: [
        { in: "body", pointer: "#/phone", detail: MESSAGES["phone-invalid"].vi, code: "phone-invalid" },
        { in: "body", pointer: "#/fullName", detail: "Tối đa 100 ký tự.", code: "too-long" },
      ],
    });
    const en = validationProblem(issues, "body", "en").toProblem();
    expect(en.title).toBe("Request validation failed");
    expect(en.errors?.[1]?.detail).toBe("Enter at most 100 characters.");
    expect(PROBLEM_CONTENT_TYPE).toBe("application/problem+json");
  });
});
