import {
  adviceF1,
  adviceNotExposed,
  type DeviceStatus,
  type ExposureCheckResult,
  type SimulatedPhone,
} from "@bluezone/device";
import { describe, expect, it } from "vitest";
import { StatusWatcher } from "./watcher.ts";

const DAY = Date.UTC(2026, 10, 2);
const notExposed: DeviceStatus = {
  level: "not_exposed",
  exposureDateMs: undefined,
  score: undefined,
  uploadedAtMs: undefined,
  lastCheckMs: undefined,
  advice: adviceNotExposed(),
};
const f1: DeviceStatus = {
  ...notExposed,
  level: "F1",
  exposureDateMs: DAY,
  score: 2400,
  advice: adviceF1(DAY),
};

/** A phone whose checks return the given results in turn (only what StatusWatcher uses). */
function phone(id: string, ...results: Partial<ExposureCheckResult>[]): SimulatedPhone {
  const engine = {
    checkForExposures: async () => ({
      newFiles: 1,
      keysChecked: 140,
      newExposures: 0,
      status: notExposed,
      ...results.shift(),
    }),
  };
  return { id, engine } as unknown as SimulatedPhone;
}

describe("StatusWatcher", () => {
  it("prints a phone's status only when its level changes, and records the change", () => {
    const out: string[] = [];
    const w = new StatusWatcher((l) => out.push(l));
    expect(w.show(0, "B", notExposed)).toBe(true);
    expect(w.show(60_000, "B", notExposed)).toBe(false);
    expect(w.show(120_000, "B", f1)).toBe(true);
    expect(out).toHaveLength(4);
    expect(out[2]).toMatch(/^07:02 {2}B {2}F1 {2}Bạn đã tiếp xúc gần/);
    expect(w.level("B")).toBe("F1");
    expect(w.changes.map((c) => [c.from, c.to, c.exposureDateMs])).toEqual([
      [undefined, "not_exposed", undefined],
      ["not_exposed", "F1", DAY],
    ]);
  });

  it("after a check, notes keys that matched without making the phone exposed", async () => {
    const out: string[] = [];
    const w = new StatusWatcher((l) => out.push(l));
    w.show(0, "D", notExposed);
    w.show(0, "B", notExposed);
    out.length = 0;
    await w.checkAll(0, [phone("B", { newExposures: 1, status: f1 }), phone("D", { newExposures: 2 })]);
    expect(out[0]).toMatch(/^07:00 {2}B {2}F1 /);
    expect(out[2]).toBe(
      "07:00  D      2 khóa khớp với nhật ký Bluetooth, nhưng chưa đủ 15 phút tiếp xúc gần có trọng số: không phải F1.",
    );
    expect(out[3]).toBe(
      "              2 keys matched the Bluetooth log, but below 15 weighted minutes of close contact: not an F1.",
    );
    out.length = 0;
    await w.checkAll(0, [phone("D")]); // nothing new: nothing printed
    expect(out).toEqual([]);
  });
});
