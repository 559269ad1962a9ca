import { describe, expect, it } from "vitest";
import { Narrator, summaryLines } from "./narrator.ts";

describe("Narrator", () => {
  it("starts a day header when the Vietnam-local date changes, not for plain lines", () => {
    const out: string[] = [];
    const say = new Narrator((l) => out.push(l));
    say.plain("title");
    say.at(Date.parse("2026-11-02T02:00:00Z")).event({ vi: "một", en: "one" });
    say.at(Date.parse("2026-11-02T16:00:00Z")).line("23:00 same local day");
    say.at(Date.parse("2026-11-02T17:00:00Z")).line("00:00 next local day");
    expect(out).toEqual([
      "title",
      "── Thứ Hai 02/11/2026 · Monday 2026-11-02 ──",
      "09:00  ·      một",
      "              one",
      "23:00 same local day",
      "",
      "── Thứ Ba 03/11/2026 · Tuesday 2026-11-03 ──",
      "00:00 next local day",
    ]);
  });
});

describe("summaryLines", () => {
  it("gives each phone's last level with its exposure date", () => {
    const day = Date.UTC(2026, 10, 2);
    const lines = summaryLines(
      ["A", "B", "D"],
      [
        { atMs: 0, phone: "B", from: undefined, to: "not_exposed", exposureDateMs: undefined },
        { atMs: 1, phone: "A", from: "not_exposed", to: "F0", exposureDateMs: undefined },
        { atMs: 2, phone: "B", from: "not_exposed", to: "F1", exposureDateMs: day },
      ],
    );
    expect(lines).toEqual([
      "Kết quả / Result:",
      "  A  F0 (đã chia sẻ kết quả dương tính) / F0 (shared a positive result)",
      "  B  F1 (tiếp xúc gần với F0), ngày 02/11/2026 / F1 (close contact of an F0), on 02/11/2026",
      "  D  không phát hiện tiếp xúc gần / no close contact detected",
    ]);
  });
});
