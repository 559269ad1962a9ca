import { describe, expect, it } from "vitest";
import { ProtocolError } from "../errors.ts";
import { infectiousnessForDaysSinceOnset } from "./infectiousness.ts";
import { LFPH_DAYS_SINCE_ONSET_TO_INFECTIOUSNESS } from "./presets.ts";
import { Infectiousness } from "./types.ts";

const { NONE, STANDARD, HIGH } = Infectiousness;
const LFPH = {
  daysSinceOnsetToInfectiousness: LFPH_DAYS_SINCE_ONSET_TO_INFECTIOUSNESS,
  infectiousnessWhenDaysSinceOnsetMissing: HIGH,
};

describe("infectiousnessForDaysSinceOnset", () => {
  it("follows the LFPH v2 curve: N to -5, S at -4..-3, H at -2..+3, S at +4..+5, N from +6", () => {
    const expected: [number, Infectiousness][] = [
      [-14, NONE],
      [-5, NONE],
      [-4, STANDARD],
      [-3, STANDARD],
      [-2, HIGH],
      [-1, HIGH],
      [0, HIGH],
      [3, HIGH],
      [4, STANDARD],
      [5, STANDARD],
      [6, NONE],
      [14, NONE],
    ];
    for (const [dsos, infectiousness] of expected) {
      expect(infectiousnessForDaysSinceOnset(dsos, LFPH), `day ${dsos}`).toBe(infectiousness);
    }
  });

  it("uses infectiousnessWhenDaysSinceOnsetMissing for a missing or out-of-range value", () => {
    expect(infectiousnessForDaysSinceOnset(undefined, LFPH)).toBe(HIGH);
    expect(infectiousnessForDaysSinceOnset(null, LFPH)).toBe(HIGH);
    expect(infectiousnessForDaysSinceOnset(15, LFPH)).toBe(HIGH);
    expect(infectiousnessForDaysSinceOnset(-15, LFPH)).toBe(HIGH);
    expect(infectiousnessForDaysSinceOnset(2_147_483_647, LFPH)).toBe(HIGH); // Android's "unknown" marker
  });

  it("maps days in -14..14 that the map leaves out to NONE", () => {
    const sparse = {
      daysSinceOnsetToInfectiousness: { 0: HIGH },
      infectiousnessWhenDaysSinceOnsetMissing: STANDARD,
    };
    expect(infectiousnessForDaysSinceOnset(0, sparse)).toBe(HIGH);
    expect(infectiousnessForDaysSinceOnset(1, sparse)).toBe(NONE);
    expect(infectiousnessForDaysSinceOnset(-14, sparse)).toBe(NONE);
  });

  it("rejects a fractional value", () => {
    expect(() => infectiousnessForDaysSinceOnset(1.5, LFPH)).toThrow(ProtocolError);
    expect(() => infectiousnessForDaysSinceOnset(Number.NaN, LFPH)).toThrow(/must be an integer/);
  });
});
