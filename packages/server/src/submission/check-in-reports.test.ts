import {
  bytesToBase64,
  bytesToBase64Url,
  checkInRecordFromTimes,
  encryptCheckInRecord,
  ReportType,
} from "@bluezone/protocol";
import { describe, expect, it } from "vitest";
import { ProblemError } from "../platform/errors.ts";
import { CHECK_IN_REPORT_TYPES, checkInReportsToStore, decodeCheckInReports } from "./model.ts";
import { insertCheckInReportsSql } from "./store.ts";

const report = (seed: number) => {
  const r = encryptCheckInRecord(
    checkInRecordFromTimes(Date.UTC(2026, 4, 10, 3), Date.UTC(2026, 4, 10, 4), 8),
    new Uint8Array(32).fill(seed),
    new Uint8Array(16).fill(seed + 1),
  );
  return {
    locationIdHash: bytesToBase64(r.locationIdHash),
    iv: bytesToBase64(r.iv),
    encryptedCheckInRecord: bytesToBase64(r.encryptedCheckInRecord),
    mac: bytesToBase64(r.mac),
  };
};

function problemOf(fn: () => unknown): { code: unknown; detail: unknown } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    const p = e as ProblemError;
    return { code: p.extra.errorCode, detail: p.detail };
  }
  throw new Error("expected a problem");
}

describe("check-in reports of a publish", () => {
  it("decodes base64 in either alphabet to exactly 32/16/16/32 bytes", () => {
    expect(decodeCheckInReports(undefined, 5)).toEqual([]);
    const r = report(1);
    const [a] = decodeCheckInReports([r], 5);
    expect(a?.locationIdHash).toHaveLength(32);
    expect(a?.iv).toHaveLength(16);
    expect(a?.encryptedCheckInRecord).toHaveLength(16);
    expect(a?.mac).toHaveLength(32);
    const url = Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, bytesToBase64Url(Buffer.from(v, "base64"))]),
    ) as typeof r;
    expect(decodeCheckInReports([url], 5)).toEqual([a]);
  });

  it("refuses too many reports, wrong lengths and non-base64 with invalid_check_in_report", () => {
    const r = report(2);
    expect(problemOf(() => decodeCheckInReports([r, r, r], 2)).code).toBe("too_many_check_in_reports");
    expect(problemOf(() => decodeCheckInReports([r], 0)).code).toBe("too_many_check_in_reports");
    const cases: [keyof typeof r, string][] = [
      ["locationIdHash", bytesToBase64(new Uint8Array(31))],
      ["iv", bytesToBase64(new Uint8Array(17))],
      ["encryptedCheckInRecord", bytesToBase64(new Uint8Array(32))],
      ["mac", ""],
      ["mac", "%%%%"],
    ];
    for (const [field, value] of cases) {
      const p = problemOf(() => decodeCheckInReports([r, { ...r, [field]: value }], 5));
      expect(p.code).toBe("invalid_check_in_report");
      expect(p.detail).toContain(`check-in report 1: ${field}`);
    }
  });

  it("stores check-ins only for confirmed and likely cases, with a warning otherwise", () => {
    const reports = decodeCheckInReports([report(3)], 5);
    expect([...CHECK_IN_REPORT_TYPES].sort()).toEqual([
      ReportType.CONFIRMED_TEST,
      ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
    ]);
    expect(checkInReportsToStore(reports, ReportType.CONFIRMED_TEST)).toEqual({
      reports,
      warning: undefined,
    });
    const recursive = checkInReportsToStore(reports, ReportType.RECURSIVE);
    expect(recursive.reports).toEqual([]);
    expect(recursive.warning).toContain("not published for report type 4");
    expect(checkInReportsToStore([], ReportType.REVOKED)).toEqual({ reports: [], warning: undefined });
  });

  it("builds one multi-row insert per shape, five parameters a row", () => {
    const text = insertCheckInReportsSql(2);
    expect(text).toBe(
      "INSERT INTO check_in_reports (hour, source, location_id_hash, iv, encrypted_check_in_record, mac) " +
        "VALUES ($1, 'upload', $2, $3, $4, $5), ($6, 'upload', $7, $8, $9, $10)",
    );
    expect(insertCheckInReportsSql(2)).toBe(text);
  });
});
