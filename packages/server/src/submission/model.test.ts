import { bytesToBase64, ReportType } from "@bluezone/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProblemError } from "../platform/errors.ts";
import {
  checkOverlaps,
  type DecodedKey,
  type DiagnosisKey,
  daysBetweenIntervals,
  decodePublishKeys,
  type PublishRules,
  planPublish,
  REVISIONS,
  revisionOf,
  type StoredKey,
  transformPublish,
  usableOnsetInterval,
} from "./model.ts";

const DAY = 86_400_000;
const now = new Date("2026-05-10T09:37:12Z");
const today = Math.floor(now.getTime() / DAY);
const current = Math.floor(now.getTime() / 600_000);
const rules: PublishRules = {
  maxKeys: 30,
  maxSameStartKeys: 3,
  maxKeyAgeMs: 15 * DAY,
  maxSymptomOnsetDays: 14,
  maxOnsetAgeMs: 28 * DAY,
  embargoDelayMs: 2 * 3_600_000,
  createdAtWindowMs: 3_600_000,
};
const meta = { healthAuthority: "vn.bluezone", traveler: false };

/** The errorCode of the problem `fn` throws ("ok" when it returns). */
function errorCode(fn: () => unknown): unknown {
  try {
    fn();
    return "ok";
  } catch (error) {
    if (error instanceof ProblemError) return error.extra.errorCode;
    throw error;
  }
}

const key = (daysAgo: number, fill = daysAgo, period = 144): DecodedKey => ({
  keyData: new Uint8Array(16).fill(fill),
  rollingStartIntervalNumber: (today - daysAgo) * 144,
  rollingPeriod: period,
  transmissionRiskLevel: 0,
});
const wire = (k: DecodedKey) => ({
  key: bytesToBase64(k.keyData),
  rollingStartNumber: k.rollingStartIntervalNumber,
  rollingPeriod: k.rollingPeriod,
  transmissionRisk: k.transmissionRiskLevel,
});

describe("decodePublishKeys", () => {
  it("decodes keys in either base64 alphabet; a missing transmission risk is 0", () => {
    const keyData = new Uint8Array(16).fill(0xfb);
    const [k] = decodePublishKeys(
      [{ key: Buffer.from(keyData).toString("base64url"), rollingStartNumber: 144, rollingPeriod: 144 }],
      30,
    );
    expect(k).toEqual({
      keyData,
      rollingStartIntervalNumber: 144,
      rollingPeriod: 144,
      transmissionRiskLevel: 0,
    });
  });

  it("enforces each structural rule with its own error code", () => {
    const ok = wire(key(1));
    expect(errorCode(() => decodePublishKeys([], 30))).toBe("no_keys");
    expect(
      errorCode(() =>
        decodePublishKeys(
          Array.from({ length: 31 }, (_, i) => wire(key(1, i))),
          30,
        ),
      ),
    ).toBe("too_many_keys");
    expect(
      errorCode(() =>
        decodePublishKeys(
          Array.from({ length: 30 }, (_, i) => wire(key(1, i))),
          30,
        ),
      ),
    ).toBe("ok");
    expect(errorCode(() => decodePublishKeys([{ ...ok, key: "AAAA" }], 30))).toBe("invalid_key");
    expect(errorCode(() => decodePublishKeys([{ ...ok, key: "!!!!" }], 30))).toBe("invalid_key");
    expect(errorCode(() => decodePublishKeys([ok, { ...ok, rollingStartNumber: 0 }], 30))).toBe(
      "duplicate_key",
    );
    expect(errorCode(() => decodePublishKeys([{ ...ok, rollingStartNumber: -1 }], 30))).toBe("invalid_key");
    for (const [period, code] of [
      [0, "invalid_rolling_period"],
      [1, "ok"],
      [144, "ok"],
      [145, "invalid_rolling_period"],
      [1.5, "invalid_rolling_period"],
    ] as const) {
      expect(errorCode(() => decodePublishKeys([{ ...ok, rollingPeriod: period }], 30))).toBe(code);
    }
    for (const [risk, code] of [
      [-1, "invalid_transmission_risk"],
      [0, "ok"],
      [8, "ok"],
      [9, "invalid_transmission_risk"],
    ] as const) {
      expect(errorCode(() => decodePublishKeys([{ ...ok, transmissionRisk: risk }], 30))).toBe(code);
    }
  });
});

describe("transformPublish", () => {
  const confirmed = { reportType: "confirmed" as const, symptomOnsetInterval: undefined };

  it("maps certified test types to GAEN report types", () => {
    const types = { confirmed: 1, likely: 2, close_contact: 4, negative: 5 } as const;
    for (const [testType, reportType] of Object.entries(types)) {
      const cert = { reportType: testType as keyof typeof types, symptomOnsetInterval: undefined };
      expect(transformPublish([key(1)], cert, meta, now, rules).keys[0]?.reportType).toBe(reportType);
    }
  });

  it("accepts keys valid within the last 15 days up to the current interval, no older, none later", () => {
    expect(errorCode(() => transformPublish([key(15)], confirmed, meta, now, rules))).toBe("ok");
    expect(errorCode(() => transformPublish([key(16)], confirmed, meta, now, rules))).toBe("key_too_old");
    const startingNow = { ...key(0), rollingStartIntervalNumber: current, rollingPeriod: 1 };
    expect(errorCode(() => transformPublish([startingNow], confirmed, meta, now, rules))).toBe("ok");
    const next = { ...startingNow, rollingStartIntervalNumber: current + 1 };
    expect(errorCode(() => transformPublish([next], confirmed, meta, now, rules))).toBe("key_in_future");
  });

  it("sets days since onset from the certificate and drops keys beyond +-14 days with a warning", () => {
    const cert = { reportType: "likely" as const, symptomOnsetInterval: today * 144 };
    const keys = [key(0, 1), key(2, 2), key(15, 3)];
    const result = transformPublish(keys, cert, meta, now, rules);
    expect(result.keys.map((k) => k.daysSinceOnset)).toEqual([0, -2]);
    expect(result.warnings).toEqual(["key 2: more than 14 days from symptom onset, not saved"]);
    expect(transformPublish([key(14)], cert, meta, now, rules).keys[0]?.daysSinceOnset).toBe(-14);
    const early = { reportType: "likely" as const, symptomOnsetInterval: (today - 14) * 144 };
    expect(transformPublish([key(0)], early, meta, now, rules).keys[0]?.daysSinceOnset).toBe(14);
  });

  it("ignores implausible onsets (future, too old) instead of storing nonsense", () => {
    expect(usableOnsetInterval(current, now, rules.maxOnsetAgeMs)).toBeNull();
    expect(usableOnsetInterval(current - 1, now, rules.maxOnsetAgeMs)).toBe(current - 1);
    expect(usableOnsetInterval((today - 28) * 144, now, rules.maxOnsetAgeMs)).toBe((today - 28) * 144);
    expect(usableOnsetInterval((today - 28) * 144 - 1, now, rules.maxOnsetAgeMs)).toBeNull();
    expect(usableOnsetInterval(undefined, now, rules.maxOnsetAgeMs)).toBeNull();
  });

  it("truncates the upload time to the hour and embargoes the current day's key", () => {
    const [todays, yesterdays] = transformPublish([key(0), key(1)], confirmed, meta, now, rules).keys;
    expect(todays?.createdAt).toEqual(new Date("2026-05-10T09:00:00Z"));
    expect(todays?.availableAt).toEqual(new Date("2026-05-11T02:00:00Z"));
    expect(yesterdays?.availableAt).toEqual(new Date("2026-05-10T09:00:00Z"));
  });

  it("counts days between intervals by UTC day", () => {
    expect(daysBetweenIntervals(144, 287)).toBe(0);
    expect(daysBetweenIntervals(143, 144)).toBe(1);
    expect(daysBetweenIntervals(300, 10)).toBe(-2);
  });
});

describe("checkOverlaps", () => {
  it("allows up to 3 keys sharing a start, refuses a 4th and keys overlapping a previous one", () => {
    const same = (periods: number[]) => periods.map((p, i) => key(1, i, p));
    expect(errorCode(() => checkOverlaps(same([10, 50, 144]), 3))).toBe("ok");
    expect(errorCode(() => checkOverlaps(same([10, 20, 50, 144]), 3))).toBe("too_many_same_start_keys");
    const overlapping = [
      key(1),
      { ...key(1, 9), rollingStartIntervalNumber: (today - 1) * 144 + 143, rollingPeriod: 1 },
    ];
    expect(errorCode(() => checkOverlaps(overlapping, 3))).toBe("key_overlap");
    const adjacent = [
      key(1, 1, 72),
      { ...key(1, 2, 72), rollingStartIntervalNumber: (today - 1) * 144 + 72 },
    ];
    expect(errorCode(() => checkOverlaps(adjacent, 3))).toBe("ok");
  });

  it("accepts any set of distinct whole days in any order (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 14 }), { maxLength: 15 }), (days) => {
        expect(
          errorCode(() =>
            checkOverlaps(
              days.map((d) => key(d)),
              3,
            ),
          ),
        ).toBe("ok");
      }),
    );
  });
});

describe("revisions", () => {
  const stored = (reportType: number, revisedReportType: number | null = null): StoredKey => ({
    ...key(1),
    reportType,
    revisedReportType,
    availableAt: new Date("2026-05-10T09:00:00Z"),
  });
  const types = [1, 2, 3, 4, 5];

  it("allows exactly likely -> confirmed and likely -> revoked; same type is a no-op", () => {
    const allowed: string[] = [];
    for (const from of types) {
      for (const to of types) {
        const outcome = errorCode(() => {
          if (revisionOf(stored(from), to) === "revise") allowed.push(`${from}->${to}`);
        });
        if (from === to) expect(revisionOf(stored(from), to)).toBe("unchanged");
        else if (outcome !== "ok") expect(outcome).toBe("invalid_revision_transition");
      }
    }
    expect(allowed).toEqual(["2->1", "2->5"]);
    expect(REVISIONS[ReportType.CONFIRMED_TEST]).toBeUndefined();
  });

  it("revises a key once: the revised type again is a no-op, any other change is refused", () => {
    const revised = stored(2, 1);
    expect(revisionOf(revised, 1)).toBe("unchanged");
    expect(revisionOf(revised, 2)).toBe("unchanged");
    expect(errorCode(() => revisionOf(revised, 5))).toBe("key_already_revised");
  });

  const incoming = (
    k: DecodedKey,
    reportType: ReportType,
    availableAt = "2026-05-10T11:00:00Z",
  ): DiagnosisKey => ({
    ...k,
    reportType,
    daysSinceOnset: null,
    healthAuthority: "vn.bluezone",
    traveler: false,
    createdAt: new Date("2026-05-10T11:00:00Z"),
    availableAt: new Date(availableAt),
  });

  it("plans inserts, unchanged keys and token-checked revisions", () => {
    const a = incoming(key(1, 1), ReportType.CONFIRMED_TEST);
    const b = incoming(key(2, 2), ReportType.CONFIRMED_TEST);
    const storedB = {
      ...stored(2),
      keyData: b.keyData,
      rollingStartIntervalNumber: b.rollingStartIntervalNumber,
    };
    const token = [
      { keyData: b.keyData, rollingStartIntervalNumber: b.rollingStartIntervalNumber, rollingPeriod: 144 },
    ];
    const plan = planPublish([a, b], [storedB], token);
    expect(plan.inserts).toEqual([a]);
    expect(plan.revisions).toEqual([{ key: b, revisedAt: new Date("2026-05-10T11:00:00Z") }]);
    expect(errorCode(() => planPublish([a, b], [storedB], undefined))).toBe("missing_revision_token");
    expect(errorCode(() => planPublish([a, b], [storedB], null))).toBe("invalid_revision_token");
    const otherPeriod = [{ ...token[0]!, rollingPeriod: 143 }];
    expect(errorCode(() => planPublish([a, b], [storedB], otherPeriod))).toBe("invalid_revision_token");
    // Same type again: unchanged, no token needed.
    const again = planPublish(
      [incoming(key(2, 2), ReportType.CONFIRMED_CLINICAL_DIAGNOSIS)],
      [storedB],
      undefined,
    );
    expect(again.unchanged).toHaveLength(1);
    expect(again.inserts).toEqual([]);
  });

  it("never exports a revision before the key itself, and skips revoking keys never published", () => {
    const embargoed = incoming(key(0, 3), ReportType.CONFIRMED_TEST, "2026-05-11T02:00:00Z");
    const storedKey = {
      ...stored(2),
      keyData: embargoed.keyData,
      availableAt: new Date("2026-05-11T02:00:00Z"),
    };
    const token = [
      {
        keyData: embargoed.keyData,
        rollingStartIntervalNumber: embargoed.rollingStartIntervalNumber,
        rollingPeriod: 144,
      },
    ];
    expect(planPublish([embargoed], [storedKey], token).revisions[0]?.revisedAt).toEqual(
      new Date("2026-05-11T02:00:00Z"),
    );
    const revoke = planPublish([incoming(key(4, 4), ReportType.REVOKED)], [], undefined);
    expect(revoke).toEqual({
      inserts: [],
      revisions: [],
      unchanged: [],
      warnings: ["key 0: never published, nothing to revoke"],
    });
  });
});
