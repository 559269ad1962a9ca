// Environment variables of the auth feature (sessions, lockout, password hashing cost), with defaults.
import { envDuration, envInt, envOptionalBool } from "../platform/env.ts";

export const authEnv = {
  sessionTtlMs: envDuration("AUTH_SESSION_TTL", "12h", "Lifetime of an official's login session.", {
    min: "1m",
    max: "30d",
  }),
  lockoutThreshold: envInt("AUTH_LOCKOUT_THRESHOLD", 5, "Consecutive failed logins that lock an account.", {
    min: 1,
    max: 100,
  }),
  lockoutMs: envDuration("AUTH_LOCKOUT_DURATION", "15m", "How long a locked account refuses logins.", {
    min: "1s",
  }),
  loginRateLimit: envInt("AUTH_LOGIN_RATE_LIMIT", 20, "Login attempts per client address per minute.", {
    min: 1,
  }),
  scryptCost: envInt("AUTH_SCRYPT_COST", 15, "log2 of scrypt's N for new password hashes (r=8, p=1).", {
    min: 10,
    max: 20,
  }),
  cookieSecure: envOptionalBool(
    "AUTH_COOKIE_SECURE",
    "Mark the session cookie Secure.",
    "true when PUBLIC_BASE_URL is https",
  ),
} as const;
