// requireRole(...roles): the preHandler features put on routes for officials; it resolves the Bearer token
// or session cookie to an account (request.account) and answers 401 / 403 problem+json otherwise.
import type { FastifyReply, FastifyRequest } from "fastify";
import { problems } from "../platform/errors.ts";
import { type AuthenticatedAccount, hashSessionToken, type Role, requestToken } from "./model.ts";
import { findSessionAccount } from "./store.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The official this request acts for; set by requireRole (undefined on public routes). */
    account?: AuthenticatedAccount;
  }
}

/** Resolves the request's session to its account; throws 401 when missing, unknown or expired. */
export async function authenticate(request: FastifyRequest): Promise<AuthenticatedAccount> {
  if (request.account) return request.account;
  const token = requestToken(request.headers as { authorization?: string; cookie?: string });
  if (!token) throw problems.unauthorized();
  const { db, clock } = request.server.platform;
  const account = await findSessionAccount(db, hashSessionToken(token), clock());
  if (!account) throw problems.unauthorized("Session missing or expired");
  request.account = account;
  return account;
}

/**
 * preHandler allowing only signed-in officials with one of `roles` (any role when none are given):
 * `app.get("/v1/x", { preHandler: requireRole("national", "province") }, handler)`.
 */
export function requireRole(...roles: Role[]) {
  return async function requireRolePreHandler(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const account = await authenticate(request);
    if (roles.length > 0 && !roles.includes(account.role)) {
      throw problems.forbidden(`Requires role ${roles.join(" or ")}`);
    }
  };
}

/** The account set by requireRole; throws 401 if the route forgot the guard. */
export function currentAccount(request: FastifyRequest): AuthenticatedAccount {
  if (!request.account) throw problems.unauthorized();
  return request.account;
}
