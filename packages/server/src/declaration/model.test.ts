import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  checkDeclaration,
  checkFollowUpDay,
  type DeclarationInput,
  dayDiff,
  daysBetween,
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
  normalizeStreet,
  retentionCutoff,
  type UnitFacts,
  unitCodesOf,
  vnDay,
} from "./model.ts";

const UNITS: UnitFacts[] = [
  { code: "79", name: "Thành phố Hồ Chí Minh", level: "province", parentCode: null },
  { code: "26743", name: "Phường Bến Thành", level: "commune", parentCode: "79" },
  { code: "25747", name: "Phường Thủ Dầu Một", level: "commune", parentCode: "79" },
  { code: "01", name: "Thành phố Hà Nội", level: "province", parentCode: null },
  { code: "00004", name: "Phường Ba Đình", level: "commune", parentCode: "01" },
];
const units = (code: string) => UNITS.find((u) => u.code === code);
const now = new Date("2026-05-10T03:00:00Z"); // 10:00 in Viet Nam

const valid = (overrides: Partial<DeclarationInput> = {}): DeclarationInput => ({
  kind: "health",
  fullName: "Nguyễn Thị Thu Hà",
  yearOfBirth: 1990,
  gender: "female",
  nationality: "VN",
  idNumber: "079190001234",
  phone: "+84 912 345 678",
  address: { provinceCode: "79", communeCode: "26743", street: "  12   Lê Lợi " },
  symptoms: ["fever", "cough"],
  exposures: ["contact_f1"],
  conditions: ["diabetes"],
  ...overrides,
});
const travel = {
  transport: "coach" as const,
  vehicleNumber: "51b-123.45",
  departure: { provinceCode: "01", communeCode: "00004" },
  destination: { provinceCode: "79", communeCode: "25747" },
  date: "2026-05-09",
};
const issuesOf = (input: DeclarationInput, at = now) => {
  const result = checkDeclaration(input, { now: at, units });
  return result.ok ? [] : result.issues.map((i) => `${i.pointer} ${i.code}`);
};

describe("Viet Nam days", () => {
  it("switches day at 17:00 UTC (midnight in Asia/Ho_Chi_Minh)", () => {
    expect(vnDay(new Date("2026-05-09T16:59:59.999Z"))).toBe("2026-05-09");
    expect(vnDay(new Date("2026-05-09T17:00:00Z"))).toBe("2026-05-10");
  });
  it("adds days, lists ranges and measures them across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(daysBetween("2026-04-29", "2026-05-02")).toEqual([
      "2026-04-29",
      "2026-04-30",
      "2026-05-01",
      "2026-05-02",
    ]);
    expect(daysBetween("2026-05-02", "2026-05-01")).toEqual([]);
    expect(dayDiff("2026-05-10", "2026-05-24")).toBe(14);
    expect(retentionCutoff(now, 86_400_000).toISOString()).toBe("2026-05-09T03:00:00.000Z");
  });
});

describe("normalisation", () => {
  it("keeps Vietnamese names in NFC with single spaces, rejects digits, markup and control characters", () => {
    expect(normalizeName("  Nguyễn   Văn   An ")).toBe("Nguyễn Văn An");
    expect(normalizeName("Trần Thị B".normalize("NFD"))).toBe("Trần Thị B".normalize("NFC"));
    expect(normalizeName("O'Brien-Smith Jr.")).toBe("O'Brien-Smith Jr.");
    for (const bad of ["A", "Nguyễn Văn 2", "<script>", "Lê\u0000Văn", "Lê\u200bVăn", "--", "Lê -"]) {
      expect(normalizeName(bad), bad).toBeNull();
    }
  });
  it("normalises Vietnamese phone numbers to 0xxxxxxxxx and keeps international ones as E.164", () => {
    expect(normalizePhone("0912 345 678")).toBe("0912345678");
    expect(normalizePhone("+84 912.345.678")).toBe("0912345678");
    expect(normalizePhone("(028) 3829-1234")).toBe("02838291234");
    expect(normalizePhone("+1 415 555 0100")).toBe("+14155550100");
    for (const bad of ["912345678", "0012345678", "+84 12", "09123456789012", "+0 123 456 789", "phone"]) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });
  it("checks document numbers by nationality", () => {
    expect(normalizeIdNumber("079190001234", "VN")).toBe("079190001234");
    expect(normalizeIdNumber("123456789", "VN")).toBe("123456789");
    expect(normalizeIdNumber("c1234567", "VN")).toBe("C1234567");
    expect(normalizeIdNumber("12345678", "VN")).toBeNull();
    expect(normalizeIdNumber("AB12", "VN")).toBeNull();
    expect(normalizeIdNumber("x1234ab9", "FR")).toBe("X1234AB9");
    expect(normalizeIdNumber("1234", "FR")).toBeNull();
  });
  it("needs a letter or digit in the street line", () => {
    expect(normalizeStreet(" 12  Lê Lợi ")).toBe("12 Lê Lợi");
    expect(normalizeStreet("--")).toBeNull();
    expect(normalizeStreet("Ấp\u0007 3")).toBeNull();
  });
});

describe("checkDeclaration", () => {
  it("splits a valid health declaration into sealed answers and the facts of the counts", () => {
    const result = checkDeclaration(valid(), { now, units });
    expect(result).toEqual({
      ok: true,
      value: {
        sealed: {
          fullName: "Nguyễn Thị Thu Hà",
          yearOfBirth: 1990,
          gender: "female",
          nationality: "VN",
          idNumber: "079190001234",
          phone: "0912345678",
          street: "12 Lê Lợi",
          conditions: ["diabetes"],
          travel: null,
        },
        facts: {
          kind: "health",
          declaredOn: "2026-05-10",
          provinceCode: "79",
          communeCode: "26743",
          symptoms: ["fever", "cough"],
          exposures: ["contact_f1"],
          destination: null,
        },
      },
    });
  });

  it("accepts a travel declaration and counts its destination", () => {
    const result = checkDeclaration(valid({ kind: "domestic_travel", travel }), { now, units });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.sealed.travel).toEqual({ ...travel, vehicleNumber: "51B-123.45" });
    expect(result.value.facts.destination).toEqual({ provinceCode: "79", communeCode: "25747" });
    expect(result.value.sealed.idNumber).toBe("079190001234");
  });

  it("reports every failing field at once", () => {
    const input = valid({
      fullName: "Nguyen 2",
      yearOfBirth: 2027,
      idNumber: "12345",
      phone: "12345",
      address: { provinceCode: "01", communeCode: "26743", street: "  " },
    });
    expect(issuesOf(input)).toEqual([
      "#/fullName name-invalid",
      "#/yearOfBirth year-in-future",
      "#/idNumber id-number-invalid",
      "#/phone phone-invalid",
      "#/address/street street-invalid",
      "#/address/communeCode commune-not-in-province",
    ]);
  });

  it("checks units against the table: unknown codes and levels", () => {
    expect(
      issuesOf(valid({ address: { provinceCode: "26743", communeCode: "79", street: "12 Lê Lợi" } })),
    ).toEqual(["#/address/provinceCode unit-unknown", "#/address/communeCode unit-unknown"]);
    expect(
      issuesOf(valid({ address: { provinceCode: "99", communeCode: "99999", street: "12 Lê Lợi" } })),
    ).toEqual(["#/address/provinceCode unit-unknown", "#/address/communeCode unit-unknown"]);
  });

  it("keeps the journey to the travel variant, within 14 days back and 7 ahead, between two places", () => {
    expect(issuesOf(valid({ kind: "domestic_travel" }))).toEqual(["#/travel travel-required"]);
    expect(issuesOf(valid({ travel }))).toEqual(["#/travel travel-not-allowed"]);
    const at = (date: string) => issuesOf(valid({ kind: "domestic_travel", travel: { ...travel, date } }));
    expect(at("2026-04-26")).toEqual([]);
    expect(at("2026-04-25")).toEqual(["#/travel/date travel-date-out-of-range"]);
    expect(at("2026-05-17")).toEqual([]);
    expect(at("2026-05-18")).toEqual(["#/travel/date travel-date-out-of-range"]);
    const nowhere = { ...travel, destination: travel.departure };
    expect(issuesOf(valid({ kind: "domestic_travel", travel: nowhere }))).toEqual([
      "#/travel/destination/communeCode same-place",
    ]);
    const lost = { ...travel, departure: { provinceCode: "79", communeCode: "00004" } };
    expect(issuesOf(valid({ kind: "domestic_travel", travel: lost }))).toEqual([
      "#/travel/departure/communeCode commune-not-in-province",
    ]);
  });

  it("accepts ages up to 120 years by the Viet Nam calendar year", () => {
    expect(issuesOf(valid({ yearOfBirth: 1906 }))).toEqual([]);
    expect(issuesOf(valid({ yearOfBirth: 1905 }))).toEqual(["#/yearOfBirth year-too-old"]);
    // 31 Dec 17:30 UTC is already 1 January in Viet Nam: a baby born that day may be declared.
    expect(issuesOf(valid({ yearOfBirth: 2027 }), new Date("2026-12-31T17:30:00Z"))).toEqual([]);
  });

  it("lists each unit code once", () => {
    expect(unitCodesOf(valid({ kind: "domestic_travel", travel }))).toEqual([
      "79",
      "26743",
      "01",
      "00004",
      "25747",
    ]);
  });

  it("never throws and never accepts a name, phone or street it could not normalise", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (name, phone, street, id) => {
        const result = checkDeclaration(
          valid({
            fullName: name,
            phone,
            idNumber: id,
            address: { provinceCode: "79", communeCode: "26743", street },
          }),
          { now, units },
        );
        if (result.ok) {
          expect(result.value.sealed.fullName).toBe(normalizeName(name));
          expect(result.value.sealed.phone).toBe(normalizePhone(phone));
          expect(result.value.sealed.street).toBe(normalizeStreet(street));
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe("checkFollowUpDay", () => {
  it("allows the days from the declaration to today (Viet Nam)", () => {
    expect(checkFollowUpDay("2026-05-08", "2026-05-08", now)).toEqual([]);
    expect(checkFollowUpDay("2026-05-10", "2026-05-08", now)).toEqual([]);
    expect(checkFollowUpDay("2026-05-07", "2026-05-08", now)).toEqual([
      { pointer: "#/day", code: "day-before-declaration" },
    ]);
    expect(checkFollowUpDay("2026-05-11", "2026-05-08", now)).toEqual([
      { pointer: "#/day", code: "day-in-future" },
    ]);
  });
});
