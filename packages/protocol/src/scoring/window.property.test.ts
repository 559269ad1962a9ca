import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dailySummaries } from "./daily-summary.ts";
import type { DailySummariesConfig, ExposureWindow, ScanInstance } from "./types.ts";
import { Infectiousness, ReportType } from "./types.ts";
import {
  MAX_EXPOSURE_WINDOW_SECONDS,
  validateExposureWindow,
  windowScore,
  windowWeightedDurationSeconds,
} from "./window.ts";

const weight = fc.double({ min: 0, max: 2.5, noNaN: true });

/** Any valid config whose bucket weights are ordered immediate >= near >= medium >= other. */
const orderedConfig: fc.Arbitrary<DailySummariesConfig> = fc.record({
  attenuationBucketThresholdDb: fc
    .uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 3, maxLength: 3 })
    .map((t) => [...t].sort((a, b) => a - b) as unknown as readonly [number, number, number]),
  attenuationBucketWeights: fc
    .tuple(weight, weight, weight, weight)
    .map((w) => [...w].sort((a, b) => b - a) as unknown as readonly [number, number, number, number]),
  reportTypeWeights: fc.record({
    confirmedTest: weight,
    confirmedClinicalDiagnosis: weight,
    selfReport: weight,
    recursive: weight,
  }),
  infectiousnessWeights: fc.record({ standard: weight, high: weight }),
  daysSinceOnsetToInfectiousness: fc.constant({}),
  infectiousnessWhenDaysSinceOnsetMissing: fc.constantFrom(0, 1, 2),
  reportTypeWhenMissing: fc.constantFrom(1, 2, 3, 4, 5),
  minimumWindowScore: fc.constant(0),
  daysSinceLastExposureThreshold: fc.constant(0),
});

const scanInstance = (maxSeconds: number): fc.Arbitrary<ScanInstance> =>
  fc
    .record({
      typicalAttenuationDb: fc.integer({ min: 0, max: 255 }),
      below: fc.integer({ min: 0, max: 255 }),
      secondsSinceLastScan: fc.integer({ min: 0, max: maxSeconds }),
    })
    .map(({ typicalAttenuationDb, below, secondsSinceLastScan }) => ({
      typicalAttenuationDb,
      minAttenuationDb: Math.max(0, typicalAttenuationDb - below),
      secondsSinceLastScan,
    }));

/** Valid windows: at most 10 scans of at most 180 s, so never over 30 minutes. */
const validWindow: fc.Arbitrary<ExposureWindow> = fc.record({
  dateMillisSinceEpoch: fc.integer({ min: 18_000, max: 21_000 }).map((d) => d * 86_400_000),
  reportType: fc.constantFrom(0, 1, 2, 3, 4, 5) as fc.Arbitrary<ReportType>,
  infectiousness: fc.constantFrom(0, 1, 2) as fc.Arbitrary<Infectiousness>,
  calibrationConfidence: fc.constantFrom(0, 1, 2, 3),
  scanInstances: fc.array(scanInstance(180), { maxLength: 10 }),
});

const totalSeconds = (w: ExposureWindow) => w.scanInstances.reduce((s, x) => s + x.secondsSinceLastScan, 0);

describe("window score properties", () => {
  it("never decreases when a scan is added (more exposure time)", () => {
    fc.assert(
      fc.property(orderedConfig, validWindow, scanInstance(1800), (config, window, extra) => {
        const room = MAX_EXPOSURE_WINDOW_SECONDS - totalSeconds(window);
        const added = { ...extra, secondsSinceLastScan: Math.min(extra.secondsSinceLastScan, room) };
        const longer = { ...window, scanInstances: [...window.scanInstances, added] };
        expect(windowScore(longer, config)).toBeGreaterThanOrEqual(windowScore(window, config));
        expect(windowWeightedDurationSeconds(longer, config)).toBeGreaterThanOrEqual(
          windowWeightedDurationSeconds(window, config),
        );
      }),
    );
  });

  it("never decreases when a scan lasts longer", () => {
    fc.assert(
      fc.property(orderedConfig, validWindow, fc.nat(), fc.nat(1800), (config, window, pick, more) => {
        fc.pre(window.scanInstances.length > 0);
        const i = pick % window.scanInstances.length;
        const room = MAX_EXPOSURE_WINDOW_SECONDS - totalSeconds(window);
        const scans = window.scanInstances.map((s, j) =>
          j === i ? { ...s, secondsSinceLastScan: s.secondsSinceLastScan + Math.min(more, room) } : s,
        );
        expect(windowScore({ ...window, scanInstances: scans }, config)).toBeGreaterThanOrEqual(
          windowScore(window, config),
        );
      }),
    );
  });

  it("never decreases when a scan gets closer (lower attenuation), for ordered bucket weights", () => {
    fc.assert(
      fc.property(orderedConfig, validWindow, fc.nat(), fc.nat(255), (config, window, pick, drop) => {
        fc.pre(window.scanInstances.length > 0);
        const i = pick % window.scanInstances.length;
        const scans = window.scanInstances.map((s, j) => {
          if (j !== i) return s;
          const typical = Math.max(0, s.typicalAttenuationDb - drop);
          return {
            ...s,
            typicalAttenuationDb: typical,
            minAttenuationDb: Math.min(s.minAttenuationDb, typical),
          };
        });
        const before = windowScore(window, config);
        const after = windowScore({ ...window, scanInstances: scans }, config);
        // Exact arithmetic gives after >= before. Each bucket's seconds x weight is rounded on its own,
        // so moving seconds between two buckets of equal weight can cost one ulp; allow 1e-12 relative.
        expect(after).toBeGreaterThanOrEqual(before - 1e-12 * Math.max(1, before));
      }),
    );
  });

  it("rejects every window whose scans add up to more than 30 minutes", () => {
    fc.assert(
      fc.property(
        orderedConfig,
        validWindow,
        fc.array(scanInstance(1800), { minLength: 1, maxLength: 5 }),
        (config, window, extra) => {
          const scans = [...window.scanInstances, ...extra];
          fc.pre(scans.reduce((s, x) => s + x.secondsSinceLastScan, 0) > MAX_EXPOSURE_WINDOW_SECONDS);
          const long = { ...window, scanInstances: scans };
          const tooLong = expect.objectContaining({ code: "window_too_long" });
          expect(() => validateExposureWindow(long)).toThrow(tooLong);
          expect(() => windowScore(long, config)).toThrow(tooLong);
          expect(() => dailySummaries([long], config)).toThrow(tooLong);
        },
      ),
    );
  });

  it("daily scoreSum is the sum of the kept windows' scores (minimumWindowScore 0, no day filter)", () => {
    fc.assert(
      fc.property(orderedConfig, fc.array(validWindow, { maxLength: 8 }), (config, windows) => {
        const kept = windows.filter((w) => {
          const rt = w.reportType === ReportType.UNKNOWN ? config.reportTypeWhenMissing : w.reportType;
          return rt !== ReportType.REVOKED && w.infectiousness !== Infectiousness.NONE;
        });
        const summaries = dailySummaries(windows, config);
        const total = summaries.reduce((s, d) => s + d.daySummary.scoreSum, 0);
        const expected = kept.reduce((s, w) => s + windowScore(w, config), 0);
        expect(total).toBeCloseTo(expected, 6);
        expect(summaries.length).toBe(new Set(kept.map((w) => w.dateMillisSinceEpoch)).size);
        for (const day of summaries) {
          const parts = Object.values(day.reportTypeSummaries);
          expect(day.daySummary.maximumScore).toBe(Math.max(0, ...parts.map((p) => p.maximumScore)));
          expect(day.daySummary.scoreSum).toBeGreaterThanOrEqual(day.daySummary.maximumScore);
        }
      }),
    );
  });
});
