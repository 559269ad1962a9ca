import { describe, expect, it } from "vitest";
import {
  bearerToken,
  clearedSessionCookie,
  cookieValue,
  hashSessionToken,
  isRole,
  lockoutRemainingMs,
  normalizeUsername,
  requestToken,
  sessionCookie,
  sessionTokenFrom,
} from "./model.ts";

describe("auth model", () => {
  it("knows the roles", () => {
    expect(isRole("health_authority")).toBe(true);
    expect(isRole("admin")).toBe(false);
  });

  it("normalizes usernames case-insensitively and rejects odd ones", () => {
    expect(normalizeUsername("  HCM.Officer_1 ")).toBe("hcm.officer_1");
    for (const bad of ["ab", "has space", "ünïcode", "-dash", "x".repeat(65)])
      expect(normalizeUsername(bad)).toBeNull();
  });

  it("makes 43-character tokens from 32 bytes and stores only their SHA-256", () => {
    const token = sessionTokenFrom(new Uint8Array(32).fill(7));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashSessionToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken(token)).not.toContain(token);
    expect(() => sessionTokenFrom(new Uint8Array(16))).toThrow();
  });

  it("reads the token from Authorization: Bearer, else from the session cookie", () => {
    const token = "A".repeat(43);
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer ${token}`)).toBe(token);
    expect(bearerToken(`Basic ${token}`)).toBeNull();
    expect(bearerToken("Bearer short")).toBeNull();
    expect(cookieValue(`theme=dark; bz_session=${token}; x=1`, "bz_session")).toBe(token);
    expect(cookieValue("bz_session=", "bz_session")).toBeNull();
    expect(requestToken({ cookie: `bz_session=${token}` })).toBe(token);
    expect(requestToken({ authorization: `Bearer ${"B".repeat(43)}`, cookie: `bz_session=${token}` })).toBe(
      "B".repeat(43),
    );
    expect(requestToken({})).toBeNull();
  });

  it("writes HttpOnly SameSite=Strict cookies, Secure when asked", () => {
    expect(sessionCookie("tok", 3600, true)).toBe(
      "bz_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure",
    );
    expect(sessionCookie("tok", 3600, false)).not.toContain("Secure");
    expect(clearedSessionCookie(false)).toContain("Max-Age=0");
  });

  it("computes the lockout left", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    expect(lockoutRemainingMs(null, now)).toBe(0);
    expect(lockoutRemainingMs(new Date("2026-11-23T10:05:00Z"), now)).toBe(300_000);
    expect(lockoutRemainingMs(new Date("2026-11-23T09:00:00Z"), now)).toBe(0);
  });
});
