import {
  CalibrationConfidence,
  type ExposureWindow,
  Infectiousness,
  NARROW_NET,
  ReportType,
  WIDE_NET,
} from "@bluezone/protocol";
import { describe, expect, it } from "vitest";
import { assessRisk } from "./risk.ts";

const DAY = 86_400_000;
const DAY0 = Date.UTC(2021, 7, 2);
const NOW = DAY0 + 2 * DAY;

/** A window of `scans` scans of 300 s each at `db` attenuation. */
function win(
  day: number,
  reportType: ReportType,
  scans: number,
  db: number,
  inf: Infectiousness = Infectiousness.HIGH,
): ExposureWindow {
  return {
    dateMillisSinceEpoch: day,
    reportType,
    infectiousness: inf,
    calibrationConfidence: CalibrationConfidence.MEDIUM,
    scanInstances: Array.from({ length: scans }, () => ({
      typicalAttenuationDb: db,
      minAttenuationDb: db,
      secondsSinceLastScan: 300,
    })),
  };
}

describe("assessRisk (Wide Net, 900 s)", () => {
  it("F1 from 15 weighted minutes of a confirmed key; the exposure date is the newest risky day", () => {
    // 2 scans x 300 s at 50 dB (immediate, weight 2.0) x HIGH (1.0) x confirmed (1.0) = 1200 >= 900
    const r = assessRisk(
      [win(DAY0, ReportType.CONFIRMED_TEST, 2, 50), win(DAY0 + DAY, ReportType.CONFIRMED_TEST, 2, 50)],
      WIDE_NET,
      900,
      NOW,
    );
    expect(r).toMatchObject({ level: "F1", exposureDateMs: DAY0 + DAY, score: 1200 });
  });

  it("below the threshold is not exposed: 1 scan at 50 dB = 600; 3 scans at 75 dB (medium 0.25) = 225", () => {
    expect(assessRisk([win(DAY0, ReportType.CONFIRMED_TEST, 1, 50)], WIDE_NET, 900, NOW).level).toBe("none");
    expect(assessRisk([win(DAY0, ReportType.CONFIRMED_TEST, 3, 75)], WIDE_NET, 900, NOW).level).toBe("none");
    // STANDARD infectiousness weighs 0.3: 4 x 300 x 2.0 x 0.3 = 720 (none), 6 x 300 x 2.0 x 0.3 = 1080 (F1)
    expect(assessRisk([win(DAY0, ReportType.CONFIRMED_TEST, 4, 50, 1)], WIDE_NET, 900, NOW).level).toBe(
      "none",
    );
    expect(assessRisk([win(DAY0, ReportType.CONFIRMED_TEST, 6, 50, 1)], WIDE_NET, 900, NOW).level).toBe("F1");
  });

  it("RECURSIVE keys give F2; a confirmed exposure wins over a recursive one", () => {
    const rec = win(DAY0, ReportType.RECURSIVE, 2, 50);
    expect(assessRisk([rec], WIDE_NET, 900, NOW)).toMatchObject({
      level: "F2",
      exposureDateMs: DAY0,
      score: 1200,
    });
    const both = assessRisk([rec, win(DAY0 - DAY, ReportType.CONFIRMED_TEST, 2, 50)], WIDE_NET, 900, NOW);
    expect(both).toMatchObject({ level: "F1", exposureDateMs: DAY0 - DAY });
  });

  it("REVOKED and NONE-infectiousness windows count for nothing; the config is configurable", () => {
    expect(assessRisk([win(DAY0, ReportType.REVOKED, 5, 40)], WIDE_NET, 900, NOW).level).toBe("none");
    expect(assessRisk([win(DAY0, ReportType.CONFIRMED_TEST, 5, 40, 0)], WIDE_NET, 900, NOW).level).toBe(
      "none",
    );
    // 72 dB: Wide Net "medium" (0.25) but Narrow Net "medium" (0.33): 5 x 300 x 0.33 = 495 with threshold 450
    const w = [win(DAY0, ReportType.CONFIRMED_TEST, 5, 72)];
    expect(assessRisk(w, WIDE_NET, 450, NOW).level).toBe("none");
    expect(assessRisk(w, NARROW_NET, 450, NOW).level).toBe("F1");
  });
});
