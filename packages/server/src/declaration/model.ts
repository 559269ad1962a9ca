// Pure rules of the health declaration: normalising names, phone and document numbers, the checks the schema
// cannot express (dates against today, units against the units table, travel only in the travel variant),
// Viet Nam calendar days, and the split of a declaration into sealed answers and aggregate facts.
import type { Condition, DeclarationKind, Exposure, Gender, Symptom, Transport } from "./catalog.ts";
import type { FieldIssue } from "./messages.ts";

/** Length and range limits shared by the schemas, the checks and (mirrored) the web form. */
export const LIMITS = {
  fullName: { min: 2, max: 100 },
  street: { min: 2, max: 200 },
  idNumber: { min: 5, max: 20 },
  phone: { min: 8, max: 20 },
  vehicleNumber: { max: 20 },
  temperature: { min: 34, max: 43 },
  /** Oldest accepted age in years. */
  maxAge: 120,
  /** A domestic travel day may be this many days ago ... */
  travelPastDays: 14,
  /** ... or this many days ahead (declared before departure). */
  travelFutureDays: 7,
} as const;

/** Viet Nam's UTC offset: Asia/Ho_Chi_Minh has had no daylight saving since 1975. */
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day in Viet Nam at `at`, "YYYY-MM-DD". */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` shifted by `days` (negative = earlier). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to` inclusive (empty when to < from). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

/** Number of days from `from` to `to` (to - from). */
export function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;
/** Free text as stored: NFC, trimmed, inner whitespace runs collapsed to one space. */
export const cleanText = (raw: string): string => raw.normalize("NFC").trim().replace(/\s+/gu, " ");

const NAME = /^[\p{L}\p{M}]+(?:[ '.-]+[\p{L}\p{M}]+)*\.?$/u;
/** A person's name (letters of any script, spaces, ' . -), or null. */
export function normalizeName(raw: string): string | null {
  const name = cleanText(raw);
  return name.length >= LIMITS.fullName.min && !CONTROL.test(name) && NAME.test(name) ? name : null;
}

/** A house/street line: at least one letter or digit, no control characters; or null. */
export function normalizeStreet(raw: string): string | null {
  const street = cleanText(raw);
  return street.length >= LIMITS.street.min && !CONTROL.test(street) && /[\p{L}\p{N}]/u.test(street)
    ? street
    : null;
}

/**
 * A phone number as stored: Vietnamese numbers as 0 + 9-10 digits ("+84 912 345 678" -> "0912345678"),
 * others as +country digits (E.164, 8-15 digits); null when neither.
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s.()-]/g, "");
  const domestic = compact.startsWith("+84") ? `0${compact.slice(3)}` : compact;
  if (/^0[1-9]\d{8,9}$/.test(domestic)) return domestic;
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  return null;
}

/**
 * An identity document number, upper-cased: for Vietnamese nationals a CCCD (12 digits), CMND (9 digits) or
 * passport (a letter and 7-8 digits); for others a passport number of 5-20 letters and digits. Null otherwise.
 */
export function normalizeIdNumber(raw: string, nationality: string): string | null {
  const id = raw.trim().toUpperCase();
  if (nationality === "VN") return /^(\d{9}|\d{12}|[A-Z]\d{7,8})$/.test(id) ? id : null;
  return /^[A-Z0-9]{5,20}$/.test(id) ? id : null;
}

/** A vehicle / flight number as stored: upper case, single spaces. */
export const normalizeVehicleNumber = (raw: string): string => cleanText(raw).toUpperCase();

/** A temperature kept to one decimal. */
export const roundTemperature = (celsius: number): number => Math.round(celsius * 10) / 10;

/** Just what the checks need to know of an administrative unit. */
export interface UnitFacts {
  code: string;
  name: string;
  level: "province" | "district" | "commune";
  parentCode: string | null;
}
export type UnitLookup = (code: string) => UnitFacts | undefined;

export interface UnitRefInput {
  provinceCode: string;
  communeCode: string;
}

/** The request body of POST /v1/declarations, as the schema has typed it. */
export interface DeclarationInput {
  kind: DeclarationKind;
  fullName: string;
  yearOfBirth: number;
  gender: Gender;
  nationality: string;
  idNumber?: string;
  phone: string;
  address: UnitRefInput & { street: string };
  symptoms: Symptom[];
  exposures: Exposure[];
  conditions: Condition[];
  travel?: {
    transport: Transport;
    vehicleNumber?: string;
    departure: UnitRefInput;
    destination: UnitRefInput;
    date: string;
  };
}

/** What is sealed (encrypted at rest): identity, contact, profile, conditions and the journey. */
export interface SealedAnswers {
  fullName: string;
  yearOfBirth: number;
  gender: Gender;
  nationality: string;
  idNumber: string | null;
  phone: string;
  street: string;
  conditions: Condition[];
  travel: {
    transport: Transport;
    vehicleNumber: string | null;
    departure: UnitRefInput;
    destination: UnitRefInput;
    date: string;
  } | null;
}

/** What stays in clear: exactly what the anonymous daily counts are made of. */
export interface AggregateFacts {
  kind: DeclarationKind;
  declaredOn: string;
  provinceCode: string;
  communeCode: string;
  symptoms: Symptom[];
  exposures: Exposure[];
  /** Destination of a domestic travel declaration (counted as an arrival there). */
  destination: UnitRefInput | null;
}

export interface CheckedDeclaration {
  sealed: SealedAnswers;
  facts: AggregateFacts;
}

/** Every unit code a declaration refers to (to look them up before checking). */
export function unitCodesOf(input: DeclarationInput): string[] {
  const refs = [input.address, input.travel?.departure, input.travel?.destination];
  return [...new Set(refs.flatMap((r) => (r ? [r.provinceCode, r.communeCode] : [])))];
}

function checkUnitRef(ref: UnitRefInput, pointer: string, units: UnitLookup): FieldIssue[] {
  const province = units(ref.provinceCode);
  const commune = units(ref.communeCode);
  const issues: FieldIssue[] = [];
  if (province?.level !== "province")
    issues.push({ pointer: `${pointer}/provinceCode`, code: "unit-unknown" });
  if (commune?.level !== "commune") issues.push({ pointer: `${pointer}/communeCode`, code: "unit-unknown" });
  else if (province?.level === "province" && commune.parentCode !== province.code)
    issues.push({ pointer: `${pointer}/communeCode`, code: "commune-not-in-province" });
  return issues;
}

/**
 * Checks a schema-valid declaration against today (Viet Nam) and the v2025 units, and normalises it.
 * Returns every failing field at once, or the declaration split into sealed answers and aggregate facts.
 */
export function checkDeclaration(
  input: DeclarationInput,
  context: { now: Date; units: UnitLookup },
): { ok: true; value: CheckedDeclaration } | { ok: false; issues: FieldIssue[] } {
  const today = vnDay(context.now);
  const year = Number(today.slice(0, 4));
  const issues: FieldIssue[] = [];
  const fullName = normalizeName(input.fullName);
  if (!fullName) issues.push({ pointer: "#/fullName", code: "name-invalid" });
  if (input.yearOfBirth > year) issues.push({ pointer: "#/yearOfBirth", code: "year-in-future" });
  if (input.yearOfBirth < year - LIMITS.maxAge)
    issues.push({ pointer: "#/yearOfBirth", code: "year-too-old", params: { limit: year - LIMITS.maxAge } });
  const idNumber = input.idNumber === undefined ? null : normalizeIdNumber(input.idNumber, input.nationality);
  if (input.idNumber !== undefined && !idNumber)
    issues.push({ pointer: "#/idNumber", code: "id-number-invalid" });
  const phone = normalizePhone(input.phone);
  if (!phone) issues.push({ pointer: "#/phone", code: "phone-invalid" });
  const street = normalizeStreet(input.address.street);
  if (!street) issues.push({ pointer: "#/address/street", code: "street-invalid" });
  issues.push(...checkUnitRef(input.address, "#/address", context.units));

  const travel = input.travel;
  if (input.kind === "domestic_travel" && !travel)
    issues.push({ pointer: "#/travel", code: "travel-required" });
  if (input.kind === "health" && travel) issues.push({ pointer: "#/travel", code: "travel-not-allowed" });
  if (travel && input.kind === "domestic_travel") {
    issues.push(...checkUnitRef(travel.departure, "#/travel/departure", context.units));
    issues.push(...checkUnitRef(travel.destination, "#/travel/destination", context.units));
    if (travel.departure.communeCode === travel.destination.communeCode)
      issues.push({ pointer: "#/travel/destination/communeCode", code: "same-place" });
    const offset = dayDiff(today, travel.date);
    if (offset < -LIMITS.travelPastDays || offset > LIMITS.travelFutureDays)
      issues.push({ pointer: "#/travel/date", code: "travel-date-out-of-range" });
  }
  if (issues.length > 0 || !fullName || !phone || !street) return { ok: false, issues };

  const journey = input.kind === "domestic_travel" && travel ? travel : null;
  const ref = (r: UnitRefInput): UnitRefInput => ({
    provinceCode: r.provinceCode,
    communeCode: r.communeCode,
  });
  return {
    ok: true,
    value: {
      sealed: {
        fullName,
        yearOfBirth: input.yearOfBirth,
        gender: input.gender,
        nationality: input.nationality,
        idNumber,
        phone,
        street,
        conditions: [...input.conditions],
        travel: journey
          ? {
              transport: journey.transport,
              vehicleNumber: journey.vehicleNumber ? normalizeVehicleNumber(journey.vehicleNumber) : null,
              departure: ref(journey.departure),
              destination: ref(journey.destination),
              date: journey.date,
            }
          : null,
      },
      facts: {
        kind: input.kind,
        declaredOn: today,
        provinceCode: input.address.provinceCode,
        communeCode: input.address.communeCode,
        symptoms: [...input.symptoms],
        exposures: [...input.exposures],
        destination: journey ? ref(journey.destination) : null,
      },
    },
  };
}

/** Checks a follow-up entry's day: not before the declaration's day, not after today (Viet Nam). */
export function checkFollowUpDay(day: string, declaredOn: string, now: Date): FieldIssue[] {
  if (day < declaredOn) return [{ pointer: "#/day", code: "day-before-declaration" }];
  if (day > vnDay(now)) return [{ pointer: "#/day", code: "day-in-future" }];
  return [];
}

/** Declarations made before this instant are past the retention and deleted. */
export const retentionCutoff = (now: Date, retentionMs: number): Date =>
  new Date(now.getTime() - retentionMs);
