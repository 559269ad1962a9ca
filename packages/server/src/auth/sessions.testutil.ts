// Test helper: signs officials in through the real POST /v1/auth/login, creating each account on first use
// and caching its bearer token, so feature tests can call scoped endpoints as a given role and unit.
import type { Db } from "../platform/db/database.ts";
import type { App } from "../platform/feature.ts";
import type { Role } from "./model.ts";
import { createAccount } from "./store.ts";

export type OfficialLogin = (username: string, role: Role, unitCode: string | null) => Promise<string>;

export function officialSessions(t: { app: App; db: Db }): OfficialLogin {
  const bearers = new Map<string, string>();
  return async (username, role, unitCode) => {
    const known = bearers.get(username);
    if (known) return known;
    const password = "official-password";
    await createAccount(t.db, { username, password, role, unitCode }, { scryptCost: 10 });
    const res = await t.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { username, password },
    });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const token = res.json().token as string;
    bearers.set(username, token);
    return token;
  };
}
