import type { DeviceStatus } from "@bluezone/device";
import { adviceF1, adviceNotExposed } from "@bluezone/device";
import { describe, expect, it } from "vitest";
import { dayHeader, eventLines, levelLabel, statusLines, vnClock, vnDate, vnDayNumber } from "./printer.ts";

const at = (iso: string) => Date.parse(iso);

describe("printer", () => {
  it("stamps lines in Vietnam time", () => {
    expect(vnClock(at("2026-11-03T02:20:00Z"))).toBe("09:20");
    expect(vnClock(at("2026-11-02T17:05:00Z"))).toBe("00:05");
    expect(vnDate(at("2026-11-02T17:05:00Z"))).toBe("03/11/2026");
    expect(vnDayNumber(at("2026-11-02T16:59:00Z"))).toBe(vnDayNumber(at("2026-11-02T00:00:00Z")));
    expect(vnDayNumber(at("2026-11-02T17:00:00Z"))).toBe(vnDayNumber(at("2026-11-02T00:00:00Z")) + 1);
  });

  it("heads each day in both languages", () => {
    expect(dayHeader(at("2026-11-02T02:00:00Z"))).toBe("── Thứ Hai 02/11/2026 · Monday 2026-11-02 ──");
    expect(dayHeader(at("2026-11-08T02:00:00Z"))).toBe("── Chủ Nhật 08/11/2026 · Sunday 2026-11-08 ──");
  });

  it("prints a status as 'HH:MM  X  LVL  vi' with the English aligned under it", () => {
    const exposure = Date.UTC(2026, 10, 2);
    const status: DeviceStatus = {
      level: "F1",
      exposureDateMs: exposure,
      score: 2400,
      uploadedAtMs: undefined,
      lastCheckMs: undefined,
      advice: adviceF1(exposure),
    };
    const [vi, en] = statusLines(at("2026-11-03T02:20:00Z"), "B", status);
    expect(vi).toBe(`09:20  B  F1  ${adviceF1(exposure).vi}`);
    expect(vi).toMatch(
      /^09:20 {2}B {2}F1 {2}Bạn đã tiếp xúc gần với người nhiễm bệnh \(F0\) vào ngày 02\/11\/2026/,
    );
    expect(en).toBe(`              ${adviceF1(exposure).en}`);
    expect(en?.indexOf("You")).toBe(vi?.indexOf("Bạn"));
    expect(levelLabel("not_exposed")).toBe("--");
    expect(statusLines(0, "D", { ...status, level: "not_exposed", advice: adviceNotExposed() })[0]).toMatch(
      /^07:00 {2}D {2}-- {2}Chưa phát hiện/,
    );
  });

  it("prints events with a dot and no level", () => {
    expect(eventLines(at("2026-11-02T02:00:00Z"), { vi: "A và B gặp nhau.", en: "A meets B." })).toEqual([
      "09:00  ·      A và B gặp nhau.",
      "              A meets B.",
    ]);
  });
});
