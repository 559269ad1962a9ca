import { describe, expect, it } from "vitest";
import { dateline, placeName, viDate, viNumber, viPercent } from "./report-format.ts";

describe("letter formats", () => {
  it("writes numbers, percentages and dates the Vietnamese way", () => {
    expect(viNumber(1_234_567)).toBe("1.234.567");
    expect(viNumber(999)).toBe("999");
    expect(viPercent(4759)).toBe("47,59%");
    expect(viPercent(null)).toBe("–");
    expect(viDate("2025-07-28")).toBe("28/07/2025");
  });

  it("dates letters from the province (months 1 and 2 with a leading zero, as the decree says)", () => {
    expect(dateline("Hà Nội", "2025-08-04")).toBe("Hà Nội, ngày 04 tháng 8 năm 2025");
    expect(dateline("Đà Nẵng", "2026-02-09")).toBe("Đà Nẵng, ngày 09 tháng 02 năm 2026");
    expect(placeName("Thành phố Hồ Chí Minh")).toBe("Hồ Chí Minh");
    expect(placeName("Tỉnh Cà Mau")).toBe("Cà Mau");
  });
});
