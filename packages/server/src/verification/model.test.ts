import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProblemError } from "../platform/errors.ts";
import {
  checkIssueDates,
  codeHash,
  codeOutcome,
  dayNumber,
  LONG_CODE_ALPHABET,
  newLongCode,
  newShortCode,
  normalizeCode,
  quotaRetryAfterSeconds,
  randomString,
  symptomOnsetInterval,
  tokenHash,
  tokenOutcome,
  uuidFromBytes,
} from "./model.ts";

/** A RandomBytes that replays `bytes` cyclically. */
const replay = (bytes: number[]) => {
  let i = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!);
};

describe("codes", () => {
  it("draws characters uniformly by rejecting bytes beyond the last full alphabet cycle", () => {
    // 250..255 would bias digits 0..5, so they are skipped.
    expect(randomString(replay([255, 250, 7, 249, 13]), "0123456789", 3)).toBe("793");
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        fc.pre(bytes.some((b) => b < 248));
        const code = newLongCode(replay([...bytes]));
        expect(code).toHaveLength(16);
        expect([...code].every((c) => LONG_CODE_ALPHABET.includes(c))).toBe(true);
        expect(newShortCode(replay([...bytes]))).toMatch(/^\d{8}$/);
      }),
    );
  });

  it("uses a long-code alphabet without look-alike characters", () => {
    expect(LONG_CODE_ALPHABET).toHaveLength(31);
    for (const c of "01OIL") expect(LONG_CODE_ALPHABET).not.toContain(c);
  });

  it("normalizes typed codes: spaces and dashes ignored, long codes case-insensitive", () => {
    expect(normalizeCode(" 1234 5678 ")).toEqual({ kind: "short", value: "12345678" });
    expect(normalizeCode("abcd-efgh-jkmn-pqrs")).toEqual({ kind: "long", value: "ABCDEFGHJKMNPQRS" });
    expect(normalizeCode("1234567")).toBeNull();
    expect(normalizeCode("123456789")).toBeNull();
    expect(normalizeCode("ABCDEFGHJKMNPQR0")).toBeNull(); // 0 is not in the alphabet
    expect(normalizeCode("")).toBeNull();
  });

  it("hashes codes under the secret, separately for short and long codes", () => {
    const secret = new Uint8Array(32).fill(1);
    const short = codeHash(secret, { kind: "short", value: "12345678" });
    expect(short).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(codeHash(secret, { kind: "short", value: "12345678" })).toBe(short);
    expect(codeHash(secret, { kind: "long", value: "12345678" })).not.toBe(short);
    expect(codeHash(new Uint8Array(32).fill(2), { kind: "short", value: "12345678" })).not.toBe(short);
    expect(tokenHash("abc")).toBe("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  });

  it("formats RFC 4122 version-4 UUIDs", () => {
    expect(uuidFromBytes(new Uint8Array(16).fill(0xff))).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    expect(uuidFromBytes(new Uint8Array(16))).toBe("00000000-0000-4000-8000-000000000000");
  });
});

describe("issue dates", () => {
  const now = new Date("2026-05-10T20:30:00Z"); // 03:30 on 2026-05-11 in Hanoi (UTC+7)
  const rules = { maxAgeDays: 14, defaultTzOffset: 420 };
  const problemCode = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof ProblemError ? error.extra.errorCode : "not a problem";
    }
    return "ok";
  };

  it("parses only real calendar dates", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("2024-02-29")).not.toBeNull();
    expect(dayNumber("2026-02-29")).toBeNull();
    expect(dayNumber("2026-13-01")).toBeNull();
    expect(dayNumber("26-01-01")).toBeNull();
  });

  it("judges 'future' and '14 days ago' in the officer's time zone", () => {
    expect(checkIssueDates({ symptomDate: "2026-05-11" }, now, rules)).toEqual({
      symptomDate: "2026-05-11",
      testDate: null,
    });
    expect(problemCode(() => checkIssueDates({ symptomDate: "2026-05-11", tzOffset: 0 }, now, rules))).toBe(
      "invalid_date",
    );
    expect(problemCode(() => checkIssueDates({ testDate: "2026-04-27" }, now, rules))).toBe("ok");
    expect(problemCode(() => checkIssueDates({ testDate: "2026-04-26" }, now, rules))).toBe("invalid_date");
    expect(problemCode(() => checkIssueDates({ testDate: "2026-02-30" }, now, rules))).toBe("invalid_date");
    expect(checkIssueDates({ symptomDate: "" }, now, rules)).toEqual({ symptomDate: null, testDate: null });
  });

  it("takes the onset from the symptom date, else the test date", () => {
    const day = (d: string) => dayNumber(d)! * 144;
    expect(symptomOnsetInterval({ symptomDate: "2026-05-01", testDate: "2026-05-03" })).toBe(
      day("2026-05-01"),
    );
    expect(symptomOnsetInterval({ symptomDate: null, testDate: "2026-05-03" })).toBe(day("2026-05-03"));
    expect(symptomOnsetInterval({ symptomDate: null, testDate: null })).toBeUndefined();
  });
});

describe("outcomes", () => {
  const t = (iso: string) => new Date(`2026-05-10T${iso}Z`);
  const code = { expiresAt: t("10:15:00"), longExpiresAt: t("20:00:00"), claimedAt: null };

  it("expires codes at their expiry instant, per kind, and refuses claimed codes", () => {
    expect(codeOutcome(code, "short", t("10:14:59"))).toBe("ok");
    expect(codeOutcome(code, "short", t("10:15:00"))).toBe("code_expired");
    expect(codeOutcome(code, "long", t("10:15:00"))).toBe("ok");
    expect(codeOutcome(code, "long", t("20:00:00"))).toBe("code_expired");
    expect(codeOutcome({ ...code, claimedAt: t("10:00:00") }, "long", t("10:01:00"))).toBe("code_used");
  });

  it("expires tokens and refuses used ones", () => {
    expect(tokenOutcome({ expiresAt: t("11:00:00"), usedAt: null }, t("10:59:59"))).toBe("ok");
    expect(tokenOutcome({ expiresAt: t("11:00:00"), usedAt: null }, t("11:00:00"))).toBe("token_expired");
    expect(tokenOutcome({ expiresAt: t("11:00:00"), usedAt: t("10:00:00") }, t("10:30:00"))).toBe(
      "token_used",
    );
  });

  it("tells when a rolling 24-hour quota frees a slot", () => {
    expect(quotaRetryAfterSeconds(t("08:00:00"), t("10:00:00"))).toBe(22 * 3600);
    expect(quotaRetryAfterSeconds(t("08:00:00"), new Date(t("08:00:00").getTime() + 86_400_000))).toBe(1);
  });
});
