import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { declarantKeyFrom, declarantKeyOf, hashDeclarantKey } from "./declarant.ts";

describe("declarant keys", () => {
  const key = declarantKeyFrom(new Uint8Array(32).fill(7));

  it("are 43 base64url characters of 32 random bytes, stored as their SHA-256", () => {
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key, "base64url")).toEqual(Buffer.alloc(32, 7));
    expect(hashDeclarantKey(key)).toBe(createHash("sha256").update(key).digest("hex"));
    expect(() => declarantKeyFrom(new Uint8Array(16))).toThrow();
  });

  it("are read from Authorization: Bearer, anything else there is malformed", () => {
    expect(declarantKeyOf(undefined)).toBeNull();
    expect(declarantKeyOf("  ")).toBeNull();
    expect(declarantKeyOf(`Bearer ${key}`)).toBe(key);
    expect(declarantKeyOf(`bearer  ${key} `)).toBe(key);
    expect(declarantKeyOf(`Bearer ${key}x`)).toBe("malformed");
    expect(declarantKeyOf(`Basic ${key}`)).toBe("malformed");
    expect(declarantKeyOf("Bearer short")).toBe("malformed");
  });
});
