// HTTP routes of the auth feature: POST /v1/auth/login, POST /v1/auth/logout, GET /v1/auth/me.
import { recordAudit } from "../audit/store.ts";
import type { EnvValues } from "../platform/env.ts";
import { ProblemError, problemType } from "../platform/errors.ts";
import type { App, FeatureDeps } from "../platform/feature.ts";
import type { authEnv } from "./config.ts";
import { currentAccount, requireRole } from "./guard.ts";
import {
  clearedSessionCookie,
  hashSessionToken,
  lockoutRemainingMs,
  normalizeUsername,
  requestToken,
  sessionCookie,
  sessionTokenFrom,
} from "./model.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { AccountView, LoginBody, LoginResponse } from "./schemas.ts";
import {
  clearFailedLogins,
  deleteSession,
  findAccountByUsername,
  insertSession,
  recordFailedLogin,
} from "./store.ts";

type AuthDeps = FeatureDeps<EnvValues<typeof authEnv>>;

const invalidCredentials = () =>
  new ProblemError(401, {
    type: problemType("invalid-credentials"),
    title: "Invalid credentials",
    detail: "Wrong username or password",
  });

const lockedOut = (remainingMs: number) =>
  new ProblemError(429, {
    type: problemType("account-locked"),
    title: "Account temporarily locked",
    detail: "Too many failed logins; try again later",
    headers: { "retry-after": String(Math.ceil(remainingMs / 1000)) },
  });

export function registerAuthRoutes(app: App, deps: AuthDeps): void {
  const { db, clock, config } = deps;
  const secureCookie = config.cookieSecure ?? deps.platform.publicBaseUrl.startsWith("https:");
  // Verified against when the username is unknown, so both cases take the same time.
  const dummyHash = hashPassword("not-a-real-password", config.scryptCost);

  app.post(
    "/v1/auth/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in as an official; returns a Bearer token and sets an HttpOnly session cookie",
        body: LoginBody,
        response: { 200: LoginResponse },
      },
      config: { rateLimit: { max: config.loginRateLimit, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const now = clock();
      const username = normalizeUsername(request.body.username);
      const account = username ? await findAccountByUsername(db, username) : undefined;
      if (!account) {
        await verifyPassword(request.body.password, await dummyHash);
        throw invalidCredentials();
      }
      const remaining = lockoutRemainingMs(account.lockedUntil, now);
      if (remaining > 0) throw lockedOut(remaining);
      if (!(await verifyPassword(request.body.password, account.passwordHash))) {
        const lockedUntil = await recordFailedLogin(
          db,
          account.id,
          config.lockoutThreshold,
          new Date(now.getTime() + config.lockoutMs),
        );
        request.log.info({ accountId: account.id, locked: lockedUntil !== null }, "failed login");
        await recordAudit(db, {
          at: now,
          action: "auth.sign-in-failed",
          accountId: account.id,
          username: account.username,
          detail: { locked: lockedUntil !== null },
        });
        throw invalidCredentials();
      }
      await clearFailedLogins(db, account.id);
      await recordAudit(db, {
        at: now,
        action: "auth.sign-in",
        accountId: account.id,
        username: account.username,
        unitCode: account.unitCode,
      });
      const token = sessionTokenFrom(deps.random(32));
      const expiresAt = new Date(now.getTime() + config.sessionTtlMs);
      await insertSession(db, hashSessionToken(token), account.id, expiresAt);
      reply.header("set-cookie", sessionCookie(token, config.sessionTtlMs / 1000, secureCookie));
      reply.header("cache-control", "no-store");
      return {
        token,
        tokenType: "Bearer" as const,
        expiresAt: expiresAt.toISOString(),
        account: { username: account.username, role: account.role, unitCode: account.unitCode },
      };
    },
  );

  app.post(
    "/v1/auth/logout",
    { schema: { tags: ["auth"], summary: "End the current session (idempotent)" } },
    async (request, reply) => {
      const token = requestToken(request.headers as { authorization?: string; cookie?: string });
      if (token) await deleteSession(db, hashSessionToken(token));
      reply.header("set-cookie", clearedSessionCookie(secureCookie));
      return reply.code(204).send();
    },
  );

  app.get(
    "/v1/auth/me",
    {
      preHandler: requireRole(),
      schema: {
        tags: ["auth"],
        summary: "The signed-in official",
        security: [{ bearer: [] }],
        response: { 200: AccountView },
      },
    },
    async (request) => {
      const { username, role, unitCode } = currentAccount(request);
      return { username, role, unitCode };
    },
  );
}
