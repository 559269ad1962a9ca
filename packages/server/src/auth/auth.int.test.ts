import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBLEM_CONTENT_TYPE } from "../platform/errors.ts";
import { defineFeature } from "../platform/feature.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { currentAccount, requireRole } from "./guard.ts";
import { authFeature } from "./index.ts";
import { hashSessionToken } from "./model.ts";
import { createAccount, deleteExpiredSessions } from "./store.ts";
import { accounts, sessions } from "./tables.ts";

// A feature guarding its routes the way real features will.
const guarded = defineFeature({
  name: "guarded",
  register(app) {
    app.get("/v1/guarded/codes", { preHandler: requireRole("health_authority") }, async (request) => ({
      unit: currentAccount(request).unitCode,
    }));
    app.get("/v1/guarded/reports", { preHandler: requireRole("national", "province") }, async (request) => ({
      role: currentAccount(request).role,
    }));
  },
});

describe("auth", () => {
  let t: TestApp;
  let now = new Date("2026-11-23T08:00:00Z");
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const login = (username: string, password: string) =>
    t.app.inject({ method: "POST", url: "/v1/auth/login", payload: { username, password } });

  beforeAll(async () => {
    t = await createTestApp({
      features: [authFeature, guarded],
      env: { AUTH_SCRYPT_COST: "10", AUTH_LOGIN_RATE_LIMIT: "1000" },
      clock: () => now,
    });
    await createAccount(
      t.db,
      { username: "HA.HCM", password: "s3cret-password", role: "health_authority", unitCode: "79" },
      { scryptCost: 10 },
    );
    await createAccount(
      t.db,
      { username: "national", password: "national-pass", role: "national" },
      { scryptCost: 10 },
    );
    await createAccount(
      t.db,
      { username: "locker", password: "locker-password", role: "commune", unitCode: "26734" },
      { scryptCost: 10 },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it("logs in with a Bearer token and an HttpOnly cookie, storing only the token's hash", async () => {
    const res = await login("ha.hcm", "s3cret-password");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      tokenType: "Bearer",
      expiresAt: "2026-11-23T20:00:00.000Z",
      account: { username: "ha.hcm", role: "health_authority", unitCode: "79" },
    });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers["set-cookie"] as string;
    expect(cookie).toContain(`bz_session=${body.token}`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(res.headers["cache-control"]).toBe("no-store");
    const stored = await t.db.select().from(sessions);
    expect(stored.map((s) => s.tokenHash)).toContain(hashSessionToken(body.token));
    expect(JSON.stringify(stored)).not.toContain(body.token);
  });

  it("accepts the token as Bearer header or as cookie on guarded routes", async () => {
    const { token } = (await login("ha.hcm", "s3cret-password")).json();
    const viaHeader = await t.app.inject({
      method: "GET",
      url: "/v1/auth/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaHeader.json()).toEqual({ username: "ha.hcm", role: "health_authority", unitCode: "79" });
    const viaCookie = await t.app.inject({
      method: "GET",
      url: "/v1/guarded/codes",
      headers: { cookie: `bz_session=${token}` },
    });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json()).toEqual({ unit: "79" });
  });

  it("answers 401 problem+json without a session and 403 for the wrong role", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/v1/guarded/codes" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(anonymous.headers["www-authenticate"]).toBe("Bearer");
    const bogus = await t.app.inject({
      method: "GET",
      url: "/v1/guarded/codes",
      headers: { authorization: `Bearer ${"x".repeat(43)}` },
    });
    expect(bogus.statusCode).toBe(401);
    const { token } = (await login("national", "national-pass")).json();
    const wrongRole = await t.app.inject({
      method: "GET",
      url: "/v1/guarded/codes",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().type).toBe("urn:bluezone:problem:forbidden");
    const rightRole = await t.app.inject({
      method: "GET",
      url: "/v1/guarded/reports",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(rightRole.json()).toEqual({ role: "national" });
  });

  it("answers the same 401 for an unknown user and a wrong password", async () => {
    const unknown = await login("nobody", "whatever-pass");
    const wrong = await login("national", "not-the-password");
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    await t.db.update(accounts).set({ failedLogins: 0 }).where(eq(accounts.username, "national"));
  });

  it("locks an account for 15 minutes after 5 failures, even for the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await login("locker", "wrong-password")).statusCode).toBe(401);
    const locked = await login("locker", "locker-password");
    expect(locked.statusCode).toBe(429);
    expect(locked.json().type).toBe("urn:bluezone:problem:account-locked");
    expect(locked.headers["retry-after"]).toBe("900");
    advance(14 * 60_000);
    expect((await login("locker", "locker-password")).statusCode).toBe(429);
    advance(60_000);
    expect((await login("locker", "locker-password")).statusCode).toBe(200);
  });

  it("resets the failure count on a successful login", async () => {
    for (let i = 0; i < 4; i++) await login("locker", "wrong-password");
    expect((await login("locker", "locker-password")).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login("locker", "wrong-password");
    expect((await login("locker", "locker-password")).statusCode).toBe(200);
  });

  it("expires sessions after the TTL and purges them", async () => {
    const { token } = (await login("ha.hcm", "s3cret-password")).json();
    const me = () =>
      t.app.inject({ method: "GET", url: "/v1/auth/me", headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    advance(12 * 3_600_000 + 1);
    expect((await me()).statusCode).toBe(401);
    expect(await deleteExpiredSessions(t.db, now)).toBeGreaterThan(0);
    expect(
      await t.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, hashSessionToken(token))),
    ).toEqual([]);
  });

  it("logs out: the session stops working and the cookie is cleared", async () => {
    const { token } = (await login("ha.hcm", "s3cret-password")).json();
    const out = await t.app.inject({
      method: "POST",
      url: "/v1/auth/logout",
      headers: { cookie: `bz_session=${token}` },
    });
    expect(out.statusCode).toBe(204);
    expect(out.headers["set-cookie"]).toContain("Max-Age=0");
    const after = await t.app.inject({
      method: "GET",
      url: "/v1/auth/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
    expect((await t.app.inject({ method: "POST", url: "/v1/auth/logout" })).statusCode).toBe(204);
  });

  it("validates accounts it creates", async () => {
    await expect(
      createAccount(t.db, { username: "p1", password: "long-enough", role: "province" }, { scryptCost: 10 }),
    ).rejects.toThrow(/username/);
    await expect(
      createAccount(
        t.db,
        { username: "province1", password: "long-enough", role: "province" },
        { scryptCost: 10 },
      ),
    ).rejects.toThrow(/unitCode/);
    await expect(
      createAccount(t.db, { username: "short", password: "short", role: "national" }, { scryptCost: 10 }),
    ).rejects.toThrow(/8 characters/);
    await expect(
      createAccount(
        t.db,
        { username: "HA.hcm", password: "another-pass", role: "national" },
        { scryptCost: 10 },
      ),
    ).rejects.toThrow();
  });

  it("documents its routes in OpenAPI", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/v1/auth/login", "/v1/auth/logout", "/v1/auth/me"]),
    );
  });
});
