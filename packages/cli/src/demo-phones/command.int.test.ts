// `bluezone demo-phones` without --url: the real server in-process on a simulated clock; the printed story
// must show A -> F0, B -> F1 and C -> F2 (vi + en), D never exposed, and be the same for the same seed.
import { describe, expect, it } from "vitest";
import { demoPhonesCommand } from "./command.ts";

async function run(seed: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await demoPhonesCommand({ seed }, { out: (l) => lines.push(l) });
  return { code, lines };
}

const indexOf = (lines: string[], pattern: RegExp) => lines.findIndex((l) => pattern.test(l));

describe("bluezone demo-phones (in-process server)", () => {
  it("prints each phone's status as it changes: A F0, then B F1, then C F2, in Vietnamese and English", async () => {
    const { code, lines } = await run("42");
    expect(code).toBe(0);

    const f0 = indexOf(lines, /^15:00 {2}A {2}F0 {2}Bạn đã chia sẻ kết quả xét nghiệm/);
    const f1 = indexOf(
      lines,
      /^09:20 {2}B {2}F1 {2}Bạn đã tiếp xúc gần với người nhiễm bệnh \(F0\) vào ngày 02\/11\/2026/,
    );
    const f2 = indexOf(
      lines,
      /^09:20 {2}C {2}F2 {2}Bạn đã tiếp xúc gần với một người tiếp xúc gần \(F1\) vào ngày 03\/11\/2026/,
    );
    expect(f0).toBeGreaterThan(0);
    expect(f1).toBeGreaterThan(f0);
    expect(f2).toBeGreaterThan(f1);
    expect(lines[f1 + 1]).toMatch(
      /^ {14}You were in close contact with an infected person \(F0\) on 2026-11-02\./,
    );
    expect(lines[f2 + 1]).toMatch(
      /^ {14}You were in close contact with a close contact \(F1\) of a case on 2026-11-03\./,
    );

    // Each transition is printed under its own day: F0 on 02/11, F1 on 03/11 (after the 09:05 export), F2 on 04/11.
    const header = (d: string) => lines.findIndex((l) => l.startsWith("── ") && l.includes(d));
    expect(header("02/11/2026")).toBeLessThan(f0);
    expect(header("03/11/2026")).toBeGreaterThan(f0);
    expect(header("03/11/2026")).toBeLessThan(f1);
    expect(header("04/11/2026")).toBeGreaterThan(f1);
    expect(header("04/11/2026")).toBeLessThan(f2);
    // The embargo is explained: A's key of today is held until 09:00 the next morning.
    expect(indexOf(lines, /1 khóa còn hiệu lực hôm nay bị giữ đến 09:00 03\/11\/2026/)).toBeGreaterThan(f0);

    // Status lines appear only on a change; D only ever shows "--" (not exposed). With seed 42 one of D's scans
    // fell in its 2-minute pass, so D matched A's key - below the threshold (other seeds: no scan, no match).
    const statusOf = (id: string) =>
      lines.filter((l) => new RegExp(`^\\d\\d:\\d\\d {2}${id} {2}(--|F0|F1|F2) `).test(l));
    expect(statusOf("A").map((l) => l.slice(10, 12))).toEqual(["--", "F0"]);
    expect(statusOf("B").map((l) => l.slice(10, 12))).toEqual(["--", "F1"]);
    expect(statusOf("C").map((l) => l.slice(10, 12))).toEqual(["--", "F2"]);
    expect(statusOf("D").map((l) => l.slice(10, 12))).toEqual(["--"]);
    expect(lines).toContainEqual(expect.stringMatching(/^09:20 {2}D {6}1 khóa khớp .* không phải F1\.$/));

    expect(lines.slice(-5)).toEqual([
      "Kết quả / Result:",
      "  A  F0 (đã chia sẻ kết quả dương tính) / F0 (shared a positive result)",
      "  B  F1 (tiếp xúc gần với F0), ngày 02/11/2026 / F1 (close contact of an F0), on 02/11/2026",
      "  C  F2 (tiếp xúc gần với F1), ngày 03/11/2026 / F2 (close contact of an F1), on 03/11/2026",
      "  D  không phát hiện tiếp xúc gần / no close contact detected",
    ]);

    // Deterministic for a seed: the same run prints the same lines.
    expect((await run("42")).lines).toEqual(lines);
  });
});
