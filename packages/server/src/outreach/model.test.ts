import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  foldText,
  inQuietHours,
  installLink,
  isOptOutReply,
  maskAddress,
  normalizeAddress,
  normalizeEmail,
  optOutToken,
  parseQuietHours,
  recipientHash,
  releaseTime,
  renderTemplate,
  retryDelayMs,
  roundDueAt,
  secretMatches,
  unknownTemplateVariables,
  validateAudience,
  verifyOptOutToken,
} from "./model.ts";

const key = new Uint8Array(32).fill(7);
const local = (text: string) => new Date(`${text}+07:00`);

describe("normalisation", () => {
  it("accepts 0…, 84…, +84… and separators, always giving +84…", () => {
    for (const raw of [
      "0912345678",
      "84912345678",
      "+84912345678",
      "0912 345 678",
      "091.234.5678",
      "+84 (91) 234-5678",
    ]) {
      expect(normalizeAddress("sms", raw)).toBe("+84912345678");
    }
    for (const raw of ["912345678", "0123456789", "+8491234567", "abc", ""])
      expect(normalizeAddress("zalo", raw)).toBeNull();
  });

  it("lower-cases e-mail addresses and rejects malformed ones", () => {
    expect(normalizeEmail(" Lan.Nguyen@Example.VN ")).toBe("lan.nguyen@example.vn");
    expect(normalizeEmail("no-at-sign")).toBeNull();
    expect(normalizeEmail("a@b")).toBeNull();
  });

  it("hashes every spelling of a number to the same keyed hash, and e-mails apart from numbers", () => {
    const a = recipientHash(key, normalizeAddress("sms", "0912345678")!);
    expect(recipientHash(key, normalizeAddress("sms", "+84 912 345 678")!)).toBe(a);
    expect(recipientHash(new Uint8Array(32).fill(8), "+84912345678")).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(recipientHash(key, "lan@example.vn")).not.toBe(a);
  });

  it("masks numbers and e-mails for demo output", () => {
    expect(maskAddress("+84901234567")).toBe("+8490*****67");
    expect(maskAddress("lan@example.vn")).toBe("l**@example.vn");
  });
});

describe("templates", () => {
  it("fills unit and link (with src) and leaves the opt-out link for the worker", () => {
    const link = installLink("https://bluezone.gov.vn/", "sms-12");
    expect(link).toBe("https://bluezone.gov.vn/cai-dat?src=sms-12");
    const text = renderTemplate("{{unit}} đề nghị cài Bluezone: {{ link }} Từ chối: {{optout_link}}", {
      unit: "Phường Ba Đình",
      link,
    });
    expect(text).toBe(
      "Phường Ba Đình đề nghị cài Bluezone: https://bluezone.gov.vn/cai-dat?src=sms-12 Từ chối: {{optout_link}}",
    );
    expect(renderTemplate(text, { optout_link: "L" })).toMatch(/Từ chối: L$/);
  });

  it("reports unknown variables", () => {
    expect(unknownTemplateVariables("{{unit}} {{name}} {{link}} {{phone}}")).toEqual(["name", "phone"]);
    expect(unknownTemplateVariables("Xin chào {{unit}}")).toEqual([]);
  });
});

describe("quiet hours (Asia/Ho_Chi_Minh)", () => {
  const night = parseQuietHours("21:00-07:00")!;
  it("parses HH:MM-HH:MM", () => {
    expect(night).toEqual({ startMinute: 1260, endMinute: 420 });
    expect(parseQuietHours("25:00-07:00")).toBeNull();
  });

  it("holds messages planned at night until 07:00 local, the same or the next day", () => {
    expect(releaseTime(local("2026-03-02T22:30:00"), night)).toEqual(local("2026-03-03T07:00:00"));
    expect(releaseTime(local("2026-03-03T05:10:00"), night)).toEqual(local("2026-03-03T07:00:00"));
    expect(releaseTime(local("2026-03-03T07:00:00"), night)).toEqual(local("2026-03-03T07:00:00"));
    expect(releaseTime(local("2026-03-03T20:59:00"), night)).toEqual(local("2026-03-03T20:59:00"));
  });

  it("handles a daytime window and no window", () => {
    const lunch = parseQuietHours("11:30-13:30")!;
    expect(releaseTime(local("2026-03-03T12:00:00"), lunch)).toEqual(local("2026-03-03T13:30:00"));
    expect(releaseTime(local("2026-03-03T14:00:00"), lunch)).toEqual(local("2026-03-03T14:00:00"));
    expect(inQuietHours(local("2026-03-03T03:00:00"), { startMinute: 0, endMinute: 0 })).toBe(false);
  });

  it("never releases inside the window nor earlier than planned (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
        (s, e, t) => {
          const quiet = { startMinute: s, endMinute: e };
          const at = new Date(t);
          const out = releaseTime(at, quiet);
          expect(out.getTime()).toBeGreaterThanOrEqual(t);
          expect(out.getTime() - t).toBeLessThan(86_400_000);
          expect(inQuietHours(out, quiet)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("rounds and back-off", () => {
  it("repeats every N days until the stop date", () => {
    const schedule = {
      startAt: local("2026-03-02T09:00:00"),
      repeatEveryDays: 7,
      stopAt: local("2026-03-20T00:00:00"),
    };
    expect(roundDueAt(schedule, 1)).toEqual(local("2026-03-02T09:00:00"));
    expect(roundDueAt(schedule, 3)).toEqual(local("2026-03-16T09:00:00"));
    expect(roundDueAt(schedule, 4)).toBeNull();
    expect(roundDueAt({ ...schedule, repeatEveryDays: null }, 2)).toBeNull();
  });

  it("doubles the delay per attempt, capped, with jitter between half and all of it", () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect(retryDelayMs(1, policy, 1)).toBe(1000);
    expect(retryDelayMs(1, policy, 0)).toBe(500);
    expect(retryDelayMs(3, policy, 1)).toBe(4000);
    expect(retryDelayMs(20, policy, 1)).toBe(60_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const d = retryDelayMs(n, policy, r);
        const cap = Math.min(60_000, 1000 * 2 ** (n - 1));
        expect(d).toBeGreaterThanOrEqual(cap / 2 - 1);
        expect(d).toBeLessThanOrEqual(cap);
      }),
      { numRuns: 200 },
    );
  });
});

describe("opt-out", () => {
  it("recognises TU CHOI in any case and with or without diacritics", () => {
    for (const text of [
      "TU CHOI",
      "tu choi",
      "Từ chối",
      "TỪ CHỐI",
      " từ  chối bluezone",
      "TUCHOI",
      "Tu-choi.",
    ]) {
      expect(isOptOutReply(text)).toBe(true);
    }
    for (const text of ["OK", "tôi không từ chối", "TU CHOIX", ""]) expect(isOptOutReply(text)).toBe(false);
    expect(foldText("Đồng ý")).toBe("DONG Y");
  });

  it("signs opt-out links and refuses tampered ones", () => {
    const hash = recipientHash(key, "+84912345678");
    const token = optOutToken(key, hash);
    expect(verifyOptOutToken(key, token)).toBe(hash);
    expect(verifyOptOutToken(new Uint8Array(32), token)).toBeNull();
    const other = recipientHash(key, "+84912345679");
    expect(verifyOptOutToken(key, `${other}.${token.split(".")[1]}`)).toBeNull();
    expect(verifyOptOutToken(key, "garbage")).toBeNull();
  });

  it("compares API keys without a shortcut", () => {
    expect(secretMatches("k2", ["k1", "k2"])).toBe(true);
    expect(secretMatches("k3", ["k1", "k2"])).toBe(false);
    expect(secretMatches(undefined, ["k1"])).toBe(false);
  });
});

describe("audience lines", () => {
  it("reports bad lines by number, skips a header and duplicates", () => {
    const lines = [
      { line: 1, cells: ["so_dien_thoai", "ma_don_vi"] },
      { line: 2, cells: ["0912345678", "00004"] },
      { line: 3, cells: ["12345"] },
      { line: 4, cells: ["+84912345678"] },
      { line: 5, cells: [""] },
      { line: 6, cells: ["0987654321", "79"] },
    ];
    const out = validateAudience("sms", lines);
    expect(out.entries).toEqual([
      { address: "+84912345678", unitCode: "00004" },
      { address: "+84987654321", unitCode: "79" },
    ]);
    expect(out.problems).toEqual([{ line: 3, reason: "not a Vietnamese mobile number" }]);
    expect(out.duplicates).toBe(1);
    const filtered = validateAudience("sms", lines, (u) => (u === "00004" ? null : "outside"));
    expect(filtered.entries.map((e) => e.unitCode)).toEqual(["00004"]);
    expect(filtered.problems.map((p) => p.line)).toEqual([3, 4, 6]);
  });
});
