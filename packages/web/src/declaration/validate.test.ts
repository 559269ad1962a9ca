import { describe, expect, it } from "vitest";
import {
  type DeclarationForm,
  emptyForm,
  normalizePhone,
  validateDeclaration,
  validateFollowUp,
  vnToday,
} from "./validate.ts";

const now = new Date("2026-05-10T03:00:00Z");
const filled = (overrides: Partial<DeclarationForm> = {}): DeclarationForm => ({
  ...emptyForm(),
  fullName: " Nguyễn Thị Thu Hà ",
  yearOfBirth: "1990",
  gender: "female",
  idNumber: "079190001234",
  phone: "0912 345 678",
  provinceCode: "79",
  communeCode: "26743",
  street: "12 Lê Lợi",
  symptoms: ["fever"],
  ...overrides,
});
const problemsOf = (form: DeclarationForm, at = now) => {
  const result = validateDeclaration(form, at);
  return result.ok ? {} : Object.fromEntries(Object.entries(result.problems).map(([p, v]) => [p, v.code]));
};

describe("validateDeclaration", () => {
  it("builds the request body of a health declaration, trimmed", () => {
    expect(validateDeclaration(filled(), now)).toEqual({
      ok: true,
      body: {
        kind: "health",
        fullName: "Nguyễn Thị Thu Hà",
        yearOfBirth: 1990,
        gender: "female",
        nationality: "VN",
        idNumber: "079190001234",
        phone: "0912 345 678",
        address: { provinceCode: "79", communeCode: "26743", street: "12 Lê Lợi" },
        symptoms: ["fever"],
        exposures: [],
        conditions: [],
      },
    });
  });

  it("marks every empty required field of a blank form", () => {
    expect(problemsOf(emptyForm())).toEqual({
      "#/fullName": "required",
      "#/yearOfBirth": "required",
      "#/gender": "choose",
      "#/phone": "required",
      "#/address/provinceCode": "choose",
      "#/address/communeCode": "choose",
      "#/address/street": "required",
    });
  });

  it("applies the server's rules to names, years, documents, phones and streets", () => {
    expect(
      problemsOf(
        filled({
          fullName: "Lê 2",
          yearOfBirth: "2027",
          idNumber: "12345678",
          phone: "0123 456",
          street: "--",
        }),
      ),
    ).toEqual({
      "#/fullName": "name-invalid",
      "#/yearOfBirth": "year-in-future",
      "#/idNumber": "id-number-invalid",
      "#/phone": "phone-invalid",
      "#/address/street": "street-invalid",
    });
    expect(problemsOf(filled({ yearOfBirth: "1905" }))).toEqual({ "#/yearOfBirth": "year-too-old" });
    expect(problemsOf(filled({ yearOfBirth: "1890" }))).toEqual({ "#/yearOfBirth": "too-small" });
    expect(problemsOf(filled({ yearOfBirth: "19a0" }))).toEqual({ "#/yearOfBirth": "wrong-type" });
    expect(problemsOf(filled({ fullName: "A".repeat(101) }))).toEqual({ "#/fullName": "too-long" });
    expect(problemsOf(filled({ nationality: "FR", idNumber: "x1234ab9" }))).toEqual({});
    expect(problemsOf(filled({ nationality: "ZZ" }))).toEqual({ "#/nationality": "not-allowed" });
    expect(problemsOf(filled({ phone: "+84 912.345.678" }))).toEqual({});
  });

  it("asks for the journey of a travel declaration, between two places, within the allowed days", () => {
    const travel = filled({ kind: "domestic_travel" });
    expect(problemsOf(travel)).toEqual({
      "#/travel/transport": "choose",
      "#/travel/departure/provinceCode": "choose",
      "#/travel/departure/communeCode": "choose",
      "#/travel/destination/provinceCode": "choose",
      "#/travel/destination/communeCode": "choose",
      "#/travel/date": "required",
    });
    const trip = filled({
      kind: "domestic_travel",
      transport: "plane",
      vehicleNumber: " VN 213 ",
      departureProvince: "01",
      departureCommune: "00004",
      destinationProvince: "79",
      destinationCommune: "25747",
      travelDate: "2026-04-26",
    });
    const result = validateDeclaration(trip, now);
    expect(result.ok && result.body.travel).toEqual({
      transport: "plane",
      vehicleNumber: "VN 213",
      departure: { provinceCode: "01", communeCode: "00004" },
      destination: { provinceCode: "79", communeCode: "25747" },
      date: "2026-04-26",
    });
    expect(problemsOf({ ...trip, travelDate: "2026-04-25" })).toEqual({
      "#/travel/date": "travel-date-out-of-range",
    });
    expect(problemsOf({ ...trip, travelDate: "2026-05-18" })).toEqual({
      "#/travel/date": "travel-date-out-of-range",
    });
    expect(problemsOf({ ...trip, destinationProvince: "01", destinationCommune: "00004" })).toEqual({
      "#/travel/destination/communeCode": "same-place",
    });
    expect(problemsOf({ ...trip, vehicleNumber: "VN#213" })).toEqual({
      "#/travel/vehicleNumber": "vehicle-number-invalid",
    });
    // Journey fields are ignored in a health declaration.
    expect(validateDeclaration({ ...trip, kind: "health" }, now)).toMatchObject({
      ok: true,
      body: { kind: "health" },
    });
  });

  it("uses the day in Viet Nam", () => {
    expect(vnToday(new Date("2026-05-09T16:59:59Z"))).toBe("2026-05-09");
    expect(vnToday(new Date("2026-05-09T17:00:00Z"))).toBe("2026-05-10");
    expect(problemsOf(filled({ yearOfBirth: "2027" }), new Date("2026-12-31T17:30:00Z"))).toEqual({});
  });
});

describe("helpers", () => {
  it("normalises phones like the server", () => {
    expect(normalizePhone("+84 912 345 678")).toBe("0912345678");
    expect(normalizePhone("+1 415 555 0100")).toBe("+14155550100");
    expect(normalizePhone("12345")).toBeNull();
  });

  it("checks follow-up temperatures, with a decimal comma", () => {
    expect(validateFollowUp("")).toEqual({});
    expect(validateFollowUp("37,5")).toEqual({});
    expect(validateFollowUp("33.9")).toEqual({ "#/temperature": { code: "too-small", limit: 34 } });
    expect(validateFollowUp("43.1")).toEqual({ "#/temperature": { code: "too-large", limit: 43 } });
    expect(validateFollowUp("hot")).toEqual({ "#/temperature": { code: "wrong-type" } });
  });
});
