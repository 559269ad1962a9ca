// The health declaration API's shapes as the web app uses them, mirroring the server's TypeBox schemas
// (packages/server/src/declaration/schemas.ts, catalog.ts); test/declaration-api.int.test.ts checks them.

export const SYMPTOMS = [
  "fever",
  "cough",
  "shortness_of_breath",
  "sore_throat",
  "fatigue",
  "loss_of_taste_smell",
  "muscle_pain",
  "diarrhea",
  "headache",
  "runny_nose",
  "nausea",
  "chills",
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export const EXPOSURES = [
  "contact_f0",
  "contact_f1",
  "contact_symptomatic",
  "travel_affected_area",
  "place_with_cases",
] as const;
export type Exposure = (typeof EXPOSURES)[number];

export const CONDITIONS = [
  "cardiovascular",
  "hypertension",
  "diabetes",
  "lung",
  "liver",
  "kidney",
  "cancer",
  "immunodeficiency",
  "pregnancy",
  "obesity",
] as const;
export type Condition = (typeof CONDITIONS)[number];

export const TRANSPORTS = ["plane", "train", "coach", "car", "motorbike", "boat", "other"] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const GENDERS = ["male", "female", "other"] as const;
export type Gender = (typeof GENDERS)[number];

export const DECLARATION_KINDS = ["health", "domestic_travel"] as const;
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

/** ISO 3166-1 alpha-2 codes the server accepts as nationality. */
export const NATIONALITIES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY " +
  "BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK " +
  "FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR " +
  "IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK " +
  "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM " +
  "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF " +
  "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

export interface UnitRef {
  provinceCode: string;
  communeCode: string;
}

/** POST /v1/declarations body. */
export interface DeclarationRequest {
  kind: DeclarationKind;
  fullName: string;
  yearOfBirth: number;
  gender: Gender;
  nationality: string;
  idNumber?: string;
  phone: string;
  address: UnitRef & { street: string };
  symptoms: Symptom[];
  exposures: Exposure[];
  conditions: Condition[];
  travel?: {
    transport: Transport;
    vehicleNumber?: string;
    departure: UnitRef;
    destination: UnitRef;
    /** YYYY-MM-DD. */
    date: string;
  };
}

export interface NamedUnit {
  code: string;
  name: string;
}

/** PUT /v1/declarations/:id/follow-ups/:day body. */
export interface FollowUpRequest {
  symptoms: Symptom[];
  temperature?: number;
}

export interface FollowUpView {
  day: string;
  symptoms: Symptom[];
  temperature: number | null;
  updatedAt: string;
}

/** One of the citizen's declarations as the server returns it. */
export interface DeclarationView {
  id: string;
  kind: DeclarationKind;
  createdAt: string;
  declaredOn: string;
  fullName: string;
  yearOfBirth: number;
  gender: Gender;
  nationality: string;
  idNumber: string | null;
  phone: string;
  address: { province: NamedUnit; commune: NamedUnit; street: string };
  symptoms: Symptom[];
  exposures: Exposure[];
  conditions: Condition[];
  travel: {
    transport: Transport;
    vehicleNumber: string | null;
    departure: { province: NamedUnit; commune: NamedUnit };
    destination: { province: NamedUnit; commune: NamedUnit };
    date: string;
  } | null;
  followUps: FollowUpView[];
}

/** POST /v1/declarations response. */
export interface SubmitResponse {
  declaration: DeclarationView;
  /** Only for the first declaration of a device: the key to keep. */
  declarantKey?: string;
}

/** A count shown to officials; null when between 1 and minCount - 1 (suppressed). */
export type ShownCount = number | null;

export interface Counts {
  declarations: ShownCount;
  domesticTravel: ShownCount;
  withSymptoms: ShownCount;
  arrivals: ShownCount;
  symptoms: Record<Symptom, ShownCount>;
  exposures: Record<Exposure, ShownCount>;
}

/** GET /v1/declarations/stats query. */
export interface StatsQuery {
  unit?: string;
  from?: string;
  to?: string;
}

/** GET /v1/declarations/stats response. */
export interface StatsView {
  unit: { code: string; name: string; level: string } | null;
  from: string;
  to: string;
  minCount: number;
  days: { day: string; counts: Counts }[];
  total: Counts;
  children: { code: string; name: string; counts: Counts }[];
}

/** An administrative unit (GET /v1/units/provinces, /v1/units/:code). */
export interface AdminUnitView {
  code: string;
  name: string;
  level: "province" | "district" | "commune";
  parentCode: string | null;
}

export interface UnitDetailView extends AdminUnitView {
  children: AdminUnitView[];
}
