import {
  CalibrationConfidence,
  Infectiousness,
  ReportType,
  validateExposureWindow,
} from "@bluezone/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Sighting } from "../sightings/sighting-log.ts";
import {
  attenuationDb,
  buildExposureWindows,
  type KeySighting,
  scanInstantStarts,
  type WindowOptions,
} from "./windows.ts";

const T0 = Date.UTC(2021, 7, 2, 9);
const opts: WindowOptions = {
  rssiCorrectionDb: 5,
  calibrationConfidence: CalibrationConfidence.HIGH,
  scanInstantMs: 20_000,
  nominalScanIntervalSeconds: 300,
  maxSecondsSinceLastScan: 300,
};
const meta = { reportType: ReportType.CONFIRMED_TEST, infectiousness: Infectiousness.HIGH };
const sighting = (t: number, rssi = -60, peakRssi = rssi, rpi = "aa"): Sighting => ({
  rpi,
  aem: "00000000",
  rssi,
  peakRssi,
  readings: 1,
  timestampMs: t,
});

describe("attenuation", () => {
  it("is txPower - (rssi + rssiCorrection), rounded and clamped to 0..255", () => {
    expect(attenuationDb(-10, -60, 5)).toBe(45); // -10 - (-60 + 5)
    expect(attenuationDb(-10, -60.4, 0)).toBe(50);
    expect(attenuationDb(20, 30, 0)).toBe(0);
    expect(attenuationDb(127, -200, -100)).toBe(255);
  });
});

describe("exposure windows", () => {
  it("one scan instance per scan: typical from mean RSSI, min from peak RSSI, gap to the previous scan", () => {
    // The phone scanned at T0 (heard someone else), T0+250 s and T0+520 s (heard the key).
    const log = [
      sighting(T0, -90, -90, "other"),
      sighting(T0 + 250_000, -62, -58),
      sighting(T0 + 520_000, -66, -61),
    ];
    const starts = scanInstantStarts(log, opts.scanInstantMs);
    expect(starts).toEqual([T0, T0 + 250_000, T0 + 520_000]);
    const keySightings: KeySighting[] = log.slice(1).map((s) => ({ sighting: s, txPowerDbm: -10 }));
    const [w, ...rest] = buildExposureWindows(keySightings, starts, meta, opts);
    expect(rest).toEqual([]);
    expect(w).toEqual({
      dateMillisSinceEpoch: Date.UTC(2021, 7, 2),
      reportType: ReportType.CONFIRMED_TEST,
      infectiousness: Infectiousness.HIGH,
      calibrationConfidence: CalibrationConfidence.HIGH,
      scanInstances: [
        { typicalAttenuationDb: 47, minAttenuationDb: 43, secondsSinceLastScan: 250 }, // -10-(-62+5), -10-(-58+5)
        { typicalAttenuationDb: 51, minAttenuationDb: 46, secondsSinceLastScan: 270 },
      ],
    });
  });

  it("the first scan ever counts the nominal period and long silent gaps are capped", () => {
    const log = [sighting(T0), sighting(T0 + 3_600_000)];
    const ks = log.map((s) => ({ sighting: s, txPowerDbm: -10 }));
    const windows = buildExposureWindows(ks, scanInstantStarts(log, 20_000), meta, opts);
    expect(windows.flatMap((w) => w.scanInstances.map((s) => s.secondsSinceLastScan))).toEqual([300, 300]);
  });

  it("splits a long contact into windows of at most 30 minutes that never cross midnight (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 60_000, max: 400_000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 86_400_000 }),
        (gaps, offset) => {
          const times = gaps.map((_, i) => T0 + offset + gaps.slice(0, i + 1).reduce((a, b) => a + b, 0));
          const log = times.map((t) => sighting(t));
          const ks = log.map((s) => ({ sighting: s, txPowerDbm: -10 }));
          const windows = buildExposureWindows(ks, scanInstantStarts(log, 20_000), meta, opts);
          expect(windows.reduce((n, w) => n + w.scanInstances.length, 0)).toBe(log.length);
          for (const w of windows) {
            expect(() => validateExposureWindow(w)).not.toThrow();
            expect(w.scanInstances.reduce((n, s) => n + s.secondsSinceLastScan, 0)).toBeLessThanOrEqual(1800);
          }
        },
      ),
    );
  });
});
