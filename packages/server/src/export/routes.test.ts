import { describe, expect, it } from "vitest";
import { preferredKeysFormat } from "./routes.ts";

describe("preferredKeysFormat", () => {
  it("answers JSON by default and for JSON or wildcard requests", () => {
    expect(preferredKeysFormat(undefined)).toBe("json");
    expect(preferredKeysFormat("")).toBe("json");
    expect(preferredKeysFormat("application/json")).toBe("json");
    expect(preferredKeysFormat("*/*")).toBe("json");
    expect(preferredKeysFormat("image/png")).toBe("json");
  });

  it("answers PEM for application/x-pem-file or text/plain", () => {
    expect(preferredKeysFormat("application/x-pem-file")).toBe("pem");
    expect(preferredKeysFormat("text/plain")).toBe("pem");
    expect(preferredKeysFormat("Text/Plain; charset=utf-8")).toBe("pem");
  });

  it("follows q-values and ignores q=0", () => {
    expect(preferredKeysFormat("application/json;q=0.5, text/plain")).toBe("pem");
    expect(preferredKeysFormat("text/plain;q=0.4, application/json;q=0.9")).toBe("json");
    expect(preferredKeysFormat("application/x-pem-file;q=0, */*")).toBe("json");
    // Equal preference: the first listed wins.
    expect(preferredKeysFormat("application/x-pem-file, application/json")).toBe("pem");
  });
});
