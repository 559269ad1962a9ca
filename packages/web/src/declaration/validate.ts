// Client-side checks of the declaration form, mirroring the server's schema and rules (server
// declaration/schemas.ts + model.ts) so most mistakes show next to their field before anything is sent.
// Pure. Errors are keyed by the same JSON pointers and codes the server answers with.
import {
  type Condition,
  type DeclarationKind,
  type DeclarationRequest,
  type Exposure,
  type Gender,
  NATIONALITIES,
  type Symptom,
  type Transport,
} from "./types.ts";

/** The server's limits (declaration/model.ts LIMITS). */
export const LIMITS = {
  fullName: { min: 2, max: 100 },
  street: { min: 2, max: 200 },
  idNumber: { min: 5, max: 20 },
  phone: { min: 8, max: 20 },
  vehicleNumber: { max: 20 },
  temperature: { min: 34, max: 43 },
  maxAge: 120,
  travelPastDays: 14,
  travelFutureDays: 7,
} as const;

/** A field's problem: the server's message code and its limit, if any. */
export interface FieldProblem {
  code: string;
  limit?: number;
}
export type FieldProblems = Record<string, FieldProblem>;

/** What the form holds: text as typed, choices as picked. */
export interface DeclarationForm {
  kind: DeclarationKind;
  fullName: string;
  yearOfBirth: string;
  gender: Gender | "";
  nationality: string;
  idNumber: string;
  phone: string;
  provinceCode: string;
  communeCode: string;
  street: string;
  symptoms: Symptom[];
  exposures: Exposure[];
  conditions: Condition[];
  transport: Transport | "";
  vehicleNumber: string;
  departureProvince: string;
  departureCommune: string;
  destinationProvince: string;
  destinationCommune: string;
  travelDate: string;
}

export const emptyForm = (): DeclarationForm => ({
  kind: "health",
  fullName: "",
  yearOfBirth: "",
  gender: "",
  nationality: "VN",
  idNumber: "",
  phone: "",
  provinceCode: "",
  communeCode: "",
  street: "",
  symptoms: [],
  exposures: [],
  conditions: [],
  transport: "",
  vehicleNumber: "",
  departureProvince: "",
  departureCommune: "",
  destinationProvince: "",
  destinationCommune: "",
  travelDate: "",
});

/** Today in Viet Nam (UTC+7, no daylight saving), "YYYY-MM-DD": the server's notion of today. */
export function vnToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
const cleanText = (raw: string) => raw.normalize("NFC").trim().replace(/\s+/gu, " ");
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;
const NAME = /^[\p{L}\p{M}]+(?:[ '.-]+[\p{L}\p{M}]+)*\.?$/u;

/** The phone number as the server stores it, or null when it would refuse it. */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s.()-]/g, "");
  const domestic = compact.startsWith("+84") ? `0${compact.slice(3)}` : compact;
  if (/^0[1-9]\d{8,9}$/.test(domestic)) return domestic;
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  return null;
}

function checkText(
  problems: FieldProblems,
  pointer: string,
  value: string,
  limits: { min?: number; max: number },
): boolean {
  if (value.length === 0) problems[pointer] = { code: "required" };
  else if (limits.min !== undefined && value.length < limits.min)
    problems[pointer] = { code: "too-short", limit: limits.min };
  else if (value.length > limits.max) problems[pointer] = { code: "too-long", limit: limits.max };
  else return true;
  return false;
}

function checkPlace(problems: FieldProblems, pointer: string, province: string, commune: string): void {
  if (!province) problems[`${pointer}/provinceCode`] = { code: "choose" };
  if (!commune) problems[`${pointer}/communeCode`] = { code: "choose" };
}

/**
 * Checks the form as the server would (except that units exist: the pickers only offer real ones) and builds
 * the request body. Problems are keyed by the server's pointers ("#/address/communeCode").
 */
export function validateDeclaration(
  form: DeclarationForm,
  now: Date,
): { ok: true; body: DeclarationRequest } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const today = vnToday(now);
  const year = Number(today.slice(0, 4));

  // The body carries trimmed text; check exactly what will be sent.
  const fullName = form.fullName.trim();
  const phone = form.phone.trim();
  const street = form.street.trim();
  if (checkText(problems, "#/fullName", fullName, LIMITS.fullName)) {
    const clean = cleanText(fullName);
    if (clean.length < LIMITS.fullName.min || CONTROL.test(clean) || !NAME.test(clean))
      problems["#/fullName"] = { code: "name-invalid" };
  }
  const yearOfBirth = Number(form.yearOfBirth.trim());
  if (form.yearOfBirth.trim() === "") problems["#/yearOfBirth"] = { code: "required" };
  else if (!/^\d{4}$/.test(form.yearOfBirth.trim())) problems["#/yearOfBirth"] = { code: "wrong-type" };
  else if (yearOfBirth < 1900) problems["#/yearOfBirth"] = { code: "too-small", limit: 1900 };
  else if (yearOfBirth > 2100) problems["#/yearOfBirth"] = { code: "too-large", limit: 2100 };
  else if (yearOfBirth > year) problems["#/yearOfBirth"] = { code: "year-in-future" };
  else if (yearOfBirth < year - LIMITS.maxAge)
    problems["#/yearOfBirth"] = { code: "year-too-old", limit: year - LIMITS.maxAge };
  if (!form.gender) problems["#/gender"] = { code: "choose" };
  if (!NATIONALITIES.includes(form.nationality)) problems["#/nationality"] = { code: "not-allowed" };

  const idNumber = form.idNumber.trim().toUpperCase();
  if (idNumber !== "") {
    const vietnamese = /^(\d{9}|\d{12}|[A-Z]\d{7,8})$/;
    const foreign = /^[A-Z0-9]{5,20}$/;
    if (!(form.nationality === "VN" ? vietnamese : foreign).test(idNumber))
      problems["#/idNumber"] = { code: "id-number-invalid" };
  }
  if (checkText(problems, "#/phone", phone, LIMITS.phone)) {
    if (!/^[0-9+ .()-]+$/.test(phone) || !normalizePhone(phone))
      problems["#/phone"] = { code: "phone-invalid" };
  }
  checkPlace(problems, "#/address", form.provinceCode, form.communeCode);
  if (checkText(problems, "#/address/street", street, LIMITS.street)) {
    const clean = cleanText(street);
    if (clean.length < LIMITS.street.min || CONTROL.test(clean) || !/[\p{L}\p{N}]/u.test(clean))
      problems["#/address/street"] = { code: "street-invalid" };
  }

  const travelling = form.kind === "domestic_travel";
  const vehicleNumber = form.vehicleNumber.trim();
  if (travelling) {
    if (!form.transport) problems["#/travel/transport"] = { code: "choose" };
    if (vehicleNumber.length > LIMITS.vehicleNumber.max)
      problems["#/travel/vehicleNumber"] = { code: "too-long", limit: LIMITS.vehicleNumber.max };
    else if (vehicleNumber && !/^[A-Za-z0-9][A-Za-z0-9 .-]*$/.test(vehicleNumber))
      problems["#/travel/vehicleNumber"] = { code: "vehicle-number-invalid" };
    checkPlace(problems, "#/travel/departure", form.departureProvince, form.departureCommune);
    checkPlace(problems, "#/travel/destination", form.destinationProvince, form.destinationCommune);
    if (form.departureCommune && form.departureCommune === form.destinationCommune)
      problems["#/travel/destination/communeCode"] = { code: "same-place" };
    if (!form.travelDate) problems["#/travel/date"] = { code: "required" };
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(form.travelDate) || Number.isNaN(Date.parse(form.travelDate)))
      problems["#/travel/date"] = { code: "date-invalid" };
    else {
      const offset = dayNumber(form.travelDate) - dayNumber(today);
      if (offset < -LIMITS.travelPastDays || offset > LIMITS.travelFutureDays)
        problems["#/travel/date"] = { code: "travel-date-out-of-range" };
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };

  const body: DeclarationRequest = {
    kind: form.kind,
    fullName,
    yearOfBirth,
    gender: form.gender as Gender,
    nationality: form.nationality,
    phone,
    address: { provinceCode: form.provinceCode, communeCode: form.communeCode, street },
    symptoms: [...form.symptoms],
    exposures: [...form.exposures],
    conditions: [...form.conditions],
  };
  if (idNumber) body.idNumber = idNumber;
  if (travelling) {
    body.travel = {
      transport: form.transport as Transport,
      departure: { provinceCode: form.departureProvince, communeCode: form.departureCommune },
      destination: { provinceCode: form.destinationProvince, communeCode: form.destinationCommune },
      date: form.travelDate,
    };
    if (vehicleNumber) body.travel.vehicleNumber = vehicleNumber;
  }
  return { ok: true, body };
}

/** Checks a follow-up entry: temperature (optional) in 34-43 °C. */
export function validateFollowUp(temperature: string): FieldProblems {
  const text = temperature.trim().replace(",", ".");
  if (text === "") return {};
  const value = Number(text);
  if (!/^\d{2}(\.\d)?$/.test(text) || Number.isNaN(value)) return { "#/temperature": { code: "wrong-type" } };
  if (value < LIMITS.temperature.min)
    return { "#/temperature": { code: "too-small", limit: LIMITS.temperature.min } };
  if (value > LIMITS.temperature.max)
    return { "#/temperature": { code: "too-large", limit: LIMITS.temperature.max } };
  return {};
}

/** The server's field errors keyed by pointer (its `detail` is already in the requested language). */
export function serverFieldErrors(
  errors: readonly { pointer: string; detail: string }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) if (!(e.pointer in out)) out[e.pointer] = e.detail;
  return out;
}
