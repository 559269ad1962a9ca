// Pure rules of officials' authentication: roles, usernames, session tokens, lockout, and the
// Authorization / Cookie header formats.
import { createHash } from "node:crypto";

/** Roles of officials' accounts; each except national is scoped to a unit (or agency/venue) code. */
export const ROLES = [
  "national",
  "province",
  "commune",
  "agency",
  "health_authority",
  "venue_owner",
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The authenticated official a request acts for (set by requireRole). */
export interface AuthenticatedAccount {
  id: number;
  username: string;
  role: Role;
  unitCode: string | null;
}

export const SESSION_COOKIE = "bz_session";

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** Usernames are case-insensitive: stored and compared lower-cased. Null when not acceptable. */
export function normalizeUsername(raw: string): string | null {
  const name = raw.trim().toLowerCase();
  return USERNAME.test(name) ? name : null;
}

/** A session token from 32 random bytes (base64url, 43 characters). */
export function sessionTokenFrom(random: Uint8Array): string {
  if (random.length !== 32) throw new Error("session tokens need 32 random bytes");
  return Buffer.from(random).toString("base64url");
}

/** What the database stores instead of the token: its SHA-256, hex. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Milliseconds left of a lockout (0 when not locked). */
export function lockoutRemainingMs(lockedUntil: Date | null, now: Date): number {
  return lockedUntil ? Math.max(0, lockedUntil.getTime() - now.getTime()) : 0;
}

/** The token of "Authorization: Bearer <token>", or null. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

/** Value of one cookie from a Cookie header, or null. */
export function cookieValue(cookieHeader: string | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** The session token of a request: the Bearer token, else the session cookie. */
export function requestToken(headers: { authorization?: string; cookie?: string }): string | null {
  return bearerToken(headers.authorization) ?? cookieValue(headers.cookie, SESSION_COOKIE);
}

/** Set-Cookie value for a new session (HttpOnly, SameSite=Strict, Path=/). */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeSeconds)}${
    secure ? "; Secure" : ""
  }`;
}

/** Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? "; Secure" : ""}`;
}
