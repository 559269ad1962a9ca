// Pure rules of verification: test types, code and token formats (generation from given random bytes,
// normalization, keyed hashes), issue-date checks, symptom onset, and code/token outcomes at a given time.
import { createHash, createHmac } from "node:crypto";
import { bytesToBase64Url, TEK_ROLLING_PERIOD } from "@bluezone/protocol";
import type { RandomBytes } from "../platform/feature.ts";
import { verificationProblem } from "./errors.ts";

/** Diagnosis types a health authority certifies (close_contact: an F1 whose keys go out as RECURSIVE). */
export const TEST_TYPES = ["confirmed", "likely", "negative", "close_contact"] as const;
export type TestType = (typeof TEST_TYPES)[number];
export const isTestType = (v: unknown): v is TestType => (TEST_TYPES as readonly unknown[]).includes(v);

export const SHORT_CODE_LENGTH = 8;
/** Long-code alphabet: digits and capitals without 0/O, 1/I/L (read aloud and typed without confusion). */
export const LONG_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const LONG_CODE_LENGTH = 16;
const DAY_MS = 86_400_000;

/** `length` characters drawn uniformly from `alphabet` (rejection sampling over the random bytes). */
export function randomString(random: RandomBytes, alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < length) {
    for (const b of random(length * 2)) {
      if (b < limit) out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export const newShortCode = (random: RandomBytes) => randomString(random, "0123456789", SHORT_CODE_LENGTH);
export const newLongCode = (random: RandomBytes) =>
  randomString(random, LONG_CODE_ALPHABET, LONG_CODE_LENGTH);

export type CodeKind = "short" | "long";

/** A code as typed or linked: spaces and dashes ignored, long codes case-insensitive. Null: not a code. */
export function normalizeCode(input: string): { kind: CodeKind; value: string } | null {
  const text = input.replace(/[\s-]/g, "").toUpperCase();
  if (text.length === SHORT_CODE_LENGTH && /^\d+$/.test(text)) return { kind: "short", value: text };
  if (text.length === LONG_CODE_LENGTH && [...text].every((c) => LONG_CODE_ALPHABET.includes(c))) {
    return { kind: "long", value: text };
  }
  return null;
}

/** The stored form of a code: base64url HMAC-SHA256(secret, kind + ":" + code). */
export function codeHash(secret: Uint8Array, code: { kind: CodeKind; value: string }): string {
  return createHmac("sha256", secret).update(`${code.kind}:${code.value}`).digest("base64url");
}

/** A fresh token (32 random bytes, base64url) and the stored form of a token (base64url SHA-256). */
export const newToken = (random: RandomBytes) => bytesToBase64Url(random(32));
export const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

/** An RFC 4122 version-4 UUID from 16 random bytes. */
export function uuidFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new Error("uuidFromBytes needs 16 bytes");
  const b = Uint8Array.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" calendar date; null when malformed or not a real date. */
export function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1) return null;
  return ms / DAY_MS;
}

export interface IssueDates {
  symptomDate?: string | undefined;
  testDate?: string | undefined;
  /** The officer's UTC offset in minutes (Asia/Ho_Chi_Minh: 420). */
  tzOffset?: number | undefined;
}

/**
 * Checks the dates of a code issue against the officer's local today: real dates, not in the future and at
 * most `maxAgeDays` old. Returns them (null when absent); throws the invalid_date problem.
 */
export function checkIssueDates(
  input: IssueDates,
  now: Date,
  rules: { maxAgeDays: number; defaultTzOffset: number },
): { symptomDate: string | null; testDate: string | null } {
  const tz = input.tzOffset ?? rules.defaultTzOffset;
  const today = Math.floor((now.getTime() + tz * 60_000) / DAY_MS);
  const check = (name: string, value: string | undefined): string | null => {
    if (value === undefined || value === "") return null;
    const day = dayNumber(value);
    if (day === null) throw verificationProblem("invalid_date", `${name} must be a date YYYY-MM-DD`);
    if (day > today) throw verificationProblem("invalid_date", `${name} is in the future`);
    if (day < today - rules.maxAgeDays) {
      throw verificationProblem("invalid_date", `${name} is more than ${rules.maxAgeDays} days ago`);
    }
    return value;
  };
  return {
    symptomDate: check("symptomDate", input.symptomDate),
    testDate: check("testDate", input.testDate),
  };
}

/**
 * The certificate's symptomOnsetInterval: the EN interval of UTC midnight of the symptom date, or of the
 * test date for people without (known) symptoms; undefined when neither is known.
 */
export function symptomOnsetInterval(dates: {
  symptomDate: string | null;
  testDate: string | null;
}): number | undefined {
  const date = dates.symptomDate ?? dates.testDate;
  const day = date === null ? null : dayNumber(date);
  return day === null ? undefined : day * TEK_ROLLING_PERIOD;
}

/** Whether a stored code can be claimed now, by the kind that matched. */
export function codeOutcome(
  code: { expiresAt: Date; longExpiresAt: Date; claimedAt: Date | null },
  kind: CodeKind,
  now: Date,
): "ok" | "code_used" | "code_expired" {
  if (code.claimedAt !== null) return "code_used";
  const end = kind === "short" ? code.expiresAt : code.longExpiresAt;
  return now.getTime() >= end.getTime() ? "code_expired" : "ok";
}

/** Whether a stored token can be exchanged for a certificate now. */
export function tokenOutcome(
  token: { expiresAt: Date; usedAt: Date | null },
  now: Date,
): "ok" | "token_used" | "token_expired" {
  if (token.usedAt !== null) return "token_used";
  return now.getTime() >= token.expiresAt.getTime() ? "token_expired" : "ok";
}

/** Seconds until a rolling 24-hour quota frees a slot: when the oldest counted issue leaves the window. */
export function quotaRetryAfterSeconds(oldestInWindow: Date, now: Date, windowMs = DAY_MS): number {
  return Math.max(1, Math.ceil((oldestInWindow.getTime() + windowMs - now.getTime()) / 1000));
}
