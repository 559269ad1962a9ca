import { describe, expect, it } from "vitest";
import { OVERLAP_WARNING_TEXT } from "../checkin/check-in.ts";
import type { RiskAssessment } from "../exposure/risk.ts";
import {
  adviceCheckIn,
  adviceF1,
  adviceNotExposed,
  formatDateEn,
  formatDateVi,
  formatTimeVn,
} from "./advice.ts";
import { deriveStatus } from "./status.ts";

const DAY0 = Date.UTC(2021, 7, 2);
const none: RiskAssessment = { level: "none", exposureDateMs: undefined, score: undefined, summaries: [] };
const f1: RiskAssessment = { level: "F1", exposureDateMs: DAY0, score: 1200, summaries: [] };
const f2: RiskAssessment = { ...f1, level: "F2" };

describe("status", () => {
  it("not exposed / F1 / F2 from the risk, F0 after a confirmed or likely upload", () => {
    expect(deriveStatus({ risk: none, uploads: [], lastCheckMs: 5 })).toMatchObject({
      level: "not_exposed",
      lastCheckMs: 5,
    });
    expect(deriveStatus({ risk: f1, uploads: [], lastCheckMs: 5 })).toMatchObject({
      level: "F1",
      exposureDateMs: DAY0,
      score: 1200,
    });
    expect(deriveStatus({ risk: f2, uploads: [], lastCheckMs: 5 }).level).toBe("F2");
    const likely = { testType: "likely", uploadedAtMs: 99, keyCount: 14 };
    expect(deriveStatus({ risk: f1, uploads: [likely], lastCheckMs: 5 })).toMatchObject({
      level: "F0",
      uploadedAtMs: 99,
    });
    // An F1 who uploaded with a close-contact code stays F1.
    const close = { testType: "close_contact", uploadedAtMs: 99, keyCount: 14 };
    expect(deriveStatus({ risk: f1, uploads: [close], lastCheckMs: 5 }).level).toBe("F1");
  });

  it("gives advice in Vietnamese with diacritics and in English, with the exposure date", () => {
    expect(formatDateVi(DAY0)).toBe("02/08/2021");
    expect(formatDateEn(DAY0)).toBe("2021-08-02");
    const a = adviceF1(DAY0);
    expect(a.vi).toContain("tiếp xúc gần");
    expect(a.vi).toContain("cách ly");
    expect(a.vi).toContain("02/08/2021");
    expect(a.en).toContain("2021-08-02");
    expect(a.vi.normalize("NFC")).toBe(a.vi);
    expect(adviceNotExposed().vi).toMatch(/Chưa phát hiện/);
    const confirmed = [{ testType: "confirmed", uploadedAtMs: 1, keyCount: 1 }];
    const texts = [
      deriveStatus({ risk: none, uploads: [], lastCheckMs: undefined }),
      deriveStatus({ risk: f1, uploads: [], lastCheckMs: undefined }),
      deriveStatus({ risk: f2, uploads: [], lastCheckMs: undefined }),
      deriveStatus({ risk: none, uploads: confirmed, lastCheckMs: undefined }),
    ].map((s) => s.advice.vi);
    expect(new Set(texts).size).toBe(4);
  });

  it("shows check-in warnings beside the level, newest visit named, in Viet Nam time", () => {
    const at = (h: number, m = 0) => Date.UTC(2021, 7, 1, h, m); // 2021-08-01, UTC
    const w = (checkInId: string, venueName: string, startMs: number, endMs: number) => ({
      checkInId,
      venueName,
      overlapMinutes: 30,
      startMs,
      endMs,
      text: OVERLAP_WARNING_TEXT,
    });
    const older = w("a", "Chợ Long Biên", at(1), at(2));
    const newer = w("b", "Siêu thị Hà Đông", at(17, 30), at(18, 15)); // 00:30-01:15 on 02/08 in Viet Nam
    const s = deriveStatus({ risk: none, uploads: [], lastCheckMs: 5, checkInWarnings: [older, newer] });
    expect(s.level).toBe("not_exposed");
    expect(s.checkInWarning?.warnings.map((x) => x.checkInId)).toEqual(["b", "a"]);
    expect(s.checkInWarning?.advice.vi).toBe(
      "Bạn đã ở cùng địa điểm với ca bệnh: Siêu thị Hà Đông, ngày 02/08/2021, 00:30–01:15 (và 1 lần check-in khác). " +
        "Hãy theo dõi sức khỏe trong 14 ngày, hạn chế tiếp xúc và liên hệ trạm y tế nơi bạn ở hoặc gọi đường dây nóng " +
        "1900 9095 nếu có sốt, ho hoặc khó thở.",
    );
    expect(s.checkInWarning?.advice.en).toContain(
      "You were at the same place as a case: Siêu thị Hà Đông, on 2021-08-02, 00:30–01:15 (Viet Nam time) (and 1 other check-in)",
    );
    expect(formatTimeVn(at(1))).toBe("08:00");
    expect(deriveStatus({ risk: f1, uploads: [], lastCheckMs: 5, checkInWarnings: [older] })).toMatchObject({
      level: "F1",
      checkInWarning: { advice: adviceCheckIn([older]) },
    });
    expect(deriveStatus({ risk: none, uploads: [], lastCheckMs: 5 }).checkInWarning).toBeUndefined();
    expect(() => adviceCheckIn([])).toThrow(RangeError);
  });
});
