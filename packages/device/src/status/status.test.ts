import { describe, expect, it } from "vitest";
import type { RiskAssessment } from "../exposure/risk.ts";
import { adviceF1, adviceNotExposed, formatDateEn, formatDateVi } from "./advice.ts";
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
});
