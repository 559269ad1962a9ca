// Auth feature: officials' accounts (scrypt passwords, roles scoped to a unit), login sessions as opaque
// Bearer tokens / HttpOnly cookies, lockout, and requireRole() for other features' routes.
import { defineFeature } from "../platform/feature.ts";
import { every } from "../platform/jobs/policy.ts";
import { authEnv } from "./config.ts";
import { registerAuthRoutes } from "./routes.ts";
import { deleteExpiredSessions } from "./store.ts";

export { authEnv } from "./config.ts";
export { authenticate, currentAccount, requireRole } from "./guard.ts";
export { type AuthenticatedAccount, isRole, ROLES, type Role } from "./model.ts";
export { hashPassword, verifyPassword } from "./password.ts";
export { createAccount, type NewAccount } from "./store.ts";

export const authFeature = defineFeature({
  name: "auth",
  env: authEnv,
  register(app, deps) {
    registerAuthRoutes(app, deps);
    deps.jobs.handle("auth.purge-sessions", async () => {
      await deleteExpiredSessions(deps.db, deps.clock());
    });
    deps.jobs.schedule({ name: "auth.purge-sessions", ...every.hours(1, 5) });
  },
});
