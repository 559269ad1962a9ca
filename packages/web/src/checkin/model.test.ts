import { buildCheckInUrl, newTraceLocation, traceLocationTypeForCategory } from "@bluezone/protocol";
import { describe, expect, it } from "vitest";
import {
  assistedFieldProblems,
  checkInUrlFor,
  fromLocalInput,
  privateKeyFromText,
  scannedTarget,
  timeEditProblem,
  toLocalInput,
  venueFromUrl,
} from "./model.ts";

const PAGE = "http://127.0.0.1:5173/c/";
function posterUrl(extra: { startTimestamp?: number; endTimestamp?: number } = {}) {
  const payload = newTraceLocation(
    {
      description: "Chợ Bến Thành",
      address: "Lê Lợi, Phường Bến Thành",
      type: traceLocationTypeForCategory(extra.startTimestamp ? "event" : "shop"),
      defaultCheckInLengthInMinutes: 90,
      ...extra,
    },
    new Uint8Array(16).fill(7),
    new Uint8Array(32).fill(9),
  );
  return buildCheckInUrl(PAGE, payload);
}

describe("venueFromUrl", () => {
  it("decodes the poster's payload into the Vietnamese venue view", () => {
    const url = posterUrl();
    const hash = url.slice(url.indexOf("#"));
    const rebuilt = checkInUrlFor("http://127.0.0.1:5173", "?v=1", hash);
    expect(rebuilt).toBe(url);
    const view = venueFromUrl(rebuilt, PAGE);
    expect(view).toEqual({
      ok: true,
      venue: expect.objectContaining({
        name: "Chợ Bến Thành",
        address: "Lê Lợi, Phường Bến Thành",
        categoryId: "shop",
        categoryVi: "Cửa hàng, siêu thị",
        defaultMinutes: 90,
        startsMs: null,
        endsMs: null,
      }),
    });
  });

  it("shows an event's times and refuses missing or altered payloads", () => {
    const view = venueFromUrl(
      posterUrl({ startTimestamp: 1_780_000_000, endTimestamp: 1_780_007_200 }),
      PAGE,
    );
    expect(view.ok && view.venue.startsMs).toBe(1_780_000_000_000);
    expect(venueFromUrl(`${PAGE}?v=1`, PAGE)).toEqual({ ok: false, problem: "missing" });
    expect(venueFromUrl(`${posterUrl().slice(0, -5)}AAAAA`, PAGE)).toEqual({ ok: false, problem: "invalid" });
    expect(venueFromUrl(`${PAGE}?v=1#%%%`, PAGE)).toEqual({ ok: false, problem: "invalid" });
  });
});

describe("times", () => {
  it("round-trips datetime-local values at an offset (Viet Nam, UTC+7)", () => {
    const ms = Date.parse("2026-05-10T03:10:00Z");
    expect(toLocalInput(ms, 420)).toBe("2026-05-10T10:10");
    expect(fromLocalInput("2026-05-10T10:10", 420)).toBe(ms);
    expect(fromLocalInput("2026-02-30T10:10", 420)).toBeNull();
    expect(fromLocalInput("10:10", 420)).toBeNull();
  });

  it("checks edits like the wallet: start < end <= now, at most 24 h", () => {
    const now = 1_000_000_000;
    expect(timeEditProblem(now - 3_600_000, now - 60_000, now)).toBeUndefined();
    expect(timeEditProblem(null, now, now)).toBe("invalid");
    expect(timeEditProblem(now - 1000, now - 2000, now)).toBe("end-before-start");
    expect(timeEditProblem(now - 1000, now + 60_000, now)).toBe("in-future");
    expect(timeEditProblem(now - 25 * 3_600_000, now, now)).toBe("too-long");
  });
});

describe("scannedTarget", () => {
  it("opens our posters and CWA codes on our page, nothing else", () => {
    const origin = "https://bluezone.gov.vn";
    expect(scannedTarget(`${origin}/c/?v=1#CAES`, origin)).toEqual({ ok: true, path: "/c/?v=1#CAES" });
    expect(scannedTarget("https://e.coronawarn.app?v=1#CAES", origin)).toEqual({
      ok: true,
      path: "/c/?v=1#CAES",
    });
    expect(scannedTarget("https://evil.example/c/?v=1#CAES", origin)).toEqual({ ok: false });
    expect(scannedTarget("hello", origin)).toEqual({ ok: false });
  });
});

describe("assisted entry", () => {
  it("checks the visitor's name and phone", () => {
    expect(assistedFieldProblems({ name: "Trần Văn Bình", phone: "0987 654 321" })).toEqual({});
    expect(assistedFieldProblems({ name: " ", phone: "12" })).toEqual({
      name: "required",
      phone: "bad-phone",
    });
    expect(assistedFieldProblems({ name: "x".repeat(101), phone: "+84987654321" })).toEqual({
      name: "too-long",
    });
  });

  it("reads the private key from the key file or a pasted key", () => {
    const key = `${"A".repeat(43)}=`;
    expect(privateKeyFromText(`# comment\npublic: ${"B".repeat(43)}=\nprivate: ${key}\n`)).toBe(key);
    expect(privateKeyFromText(` ${key} `)).toBe(key);
    expect(privateKeyFromText("private: short")).toBeUndefined();
  });
});
