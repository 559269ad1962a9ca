import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatCountdown,
  formatDateTime,
  groupShortCode,
  localIsoDate,
  remainingMs,
  smsHref,
  spokenCode,
  verificationLink,
} from "./model.ts";

describe("countdown", () => {
  const now = Date.parse("2025-08-20T08:00:00Z");

  it("counts down to the expiry and stops at zero", () => {
    expect(remainingMs("2025-08-20T08:15:00Z", now)).toBe(15 * 60_000);
    expect(remainingMs("2025-08-20T07:59:00Z", now)).toBe(0);
    expect(remainingMs("not a date", now)).toBe(0);
  });

  it("formats minutes and seconds, hours when needed, rounding up", () => {
    expect(formatCountdown(15 * 60_000)).toBe("15:00");
    expect(formatCountdown(14 * 60_000 + 59_001)).toBe("15:00");
    expect(formatCountdown(59_999)).toBe("01:00");
    expect(formatCountdown(9_000)).toBe("00:09");
    expect(formatCountdown(0)).toBe("00:00");
    expect(formatCountdown(-5)).toBe("00:00");
    expect(formatCountdown(24 * 3_600_000)).toBe("24:00:00");
    expect(formatCountdown(3_600_000 + 61_000)).toBe("1:01:01");
  });

  it("never goes up as time passes", () => {
    fc.assert(
      fc.property(fc.nat(10 * 3_600_000), fc.nat(3_600_000), (left, elapsed) => {
        const toSeconds = (text: string) => text.split(":").reduce((acc, part) => acc * 60 + Number(part), 0);
        expect(toSeconds(formatCountdown(Math.max(0, left - elapsed)))).toBeLessThanOrEqual(
          toSeconds(formatCountdown(left)),
        );
      }),
    );
  });
});

describe("SMS link", () => {
  it("puts the long code in an ENX-style /v?c= link on this origin", () => {
    expect(verificationLink("https://bluezone.gov.vn/", "ABCD2345EFGH6789")).toBe(
      "https://bluezone.gov.vn/v?c=ABCD2345EFGH6789",
    );
  });

  it("builds an sms: URI with the message URL-encoded", () => {
    const href = smsHref("Bluezone: mở liên kết https://bz.vn/v?c=AB&x=1");
    expect(href.startsWith("sms:?&body=")).toBe(true);
    expect(decodeURIComponent(href.slice("sms:?&body=".length))).toBe(
      "Bluezone: mở liên kết https://bz.vn/v?c=AB&x=1",
    );
    expect(href).not.toContain(" ");
  });
});

describe("dates and code rendering", () => {
  it("gives the local calendar date", () => {
    expect(localIsoDate(new Date(2025, 0, 5, 23, 59))).toBe("2025-01-05");
    expect(localIsoDate(new Date(2024, 11, 31, 0, 0))).toBe("2024-12-31");
  });

  it("formats date-times in the UI language", () => {
    const iso = "2025-08-21T08:00:00Z";
    expect(formatDateTime(iso, "vi", "Asia/Ho_Chi_Minh")).toBe("15:00 21/08/2025");
    expect(formatDateTime(iso, "en", "Asia/Ho_Chi_Minh")).toBe("21/08/2025, 15:00");
    expect(formatDateTime(iso, "en", "UTC")).toBe("21/08/2025, 08:00");
    expect(formatDateTime("garbage", "vi")).toBe("garbage");
  });

  it("groups the 8-digit code in fours and spells it digit by digit for screen readers", () => {
    expect(groupShortCode("12345678")).toBe("1234 5678");
    expect(groupShortCode("1234")).toBe("1234");
    expect(spokenCode("12345678")).toBe("1 2 3 4 5 6 7 8");
  });
});
