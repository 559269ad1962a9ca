// TypeBox schemas of the declaration API: the form (both variants), follow-up entries, the citizen's views
// of their own declarations, and the officials' anonymous daily statistics.
import { type TSchema, Type } from "@fastify/type-provider-typebox";
import {
  CONDITIONS,
  DECLARATION_KINDS,
  EXPOSURES,
  GENDERS,
  LABELS,
  NATIONALITIES,
  SYMPTOMS,
  TRANSPORTS,
} from "./catalog.ts";
import { LIMITS } from "./model.ts";

const labelled = (codes: readonly (keyof typeof LABELS)[]) =>
  codes.map((c) => `\`${c}\` (${LABELS[c].vi})`).join(", ");

const ProvinceCode = Type.String({ pattern: "^[0-9]{2}$", description: "v2025 province code (GSO)." });
const CommuneCode = Type.String({ pattern: "^[0-9]{5}$", description: "v2025 commune code (GSO)." });
const Day = Type.String({ format: "date", description: "YYYY-MM-DD (Asia/Ho_Chi_Minh)." });
const setOf = <S extends TSchema>(item: S, maxItems: number, description: string) =>
  Type.Array(item, { uniqueItems: true, maxItems, description });
const symptomSet = (what: string) =>
  setOf(Type.Enum(SYMPTOMS), SYMPTOMS.length, `${what}: ${labelled(SYMPTOMS)}.`);

const UnitRef = Type.Object(
  { provinceCode: ProvinceCode, communeCode: CommuneCode },
  { additionalProperties: false },
);

export const AddressBody = Type.Object(
  {
    provinceCode: ProvinceCode,
    communeCode: CommuneCode,
    street: Type.String({
      minLength: LIMITS.street.min,
      maxLength: LIMITS.street.max,
      description: "House number, street, hamlet (số nhà, đường, thôn/ấp).",
    }),
  },
  { additionalProperties: false },
);

export const TravelBody = Type.Object(
  {
    transport: Type.Enum(TRANSPORTS, { description: labelled(TRANSPORTS) }),
    vehicleNumber: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: LIMITS.vehicleNumber.max,
        pattern: "^[A-Za-z0-9][A-Za-z0-9 .-]*$",
        description: "Flight, train or coach number, or licence plate.",
      }),
    ),
    departure: UnitRef,
    destination: UnitRef,
    date: Type.String({
      format: "date",
      description: "Travel day: at most 14 days ago, at most 7 days ahead.",
    }),
  },
  { additionalProperties: false },
);

export const DeclarationBody = Type.Object(
  {
    kind: Type.Enum(DECLARATION_KINDS, {
      description:
        "`health` (khai báo y tế) or `domestic_travel` (khai báo di chuyển nội địa, needs `travel`).",
    }),
    fullName: Type.String({ minLength: LIMITS.fullName.min, maxLength: LIMITS.fullName.max }),
    yearOfBirth: Type.Integer({ minimum: 1900, maximum: 2100, description: "Not in the future." }),
    gender: Type.Enum(GENDERS),
    nationality: Type.Enum(NATIONALITIES, { description: "ISO 3166-1 alpha-2 (VN)." }),
    idNumber: Type.Optional(
      Type.String({
        minLength: LIMITS.idNumber.min,
        maxLength: LIMITS.idNumber.max,
        pattern: "^[A-Za-z0-9]+$",
        description: "CCCD (12 digits), CMND (9 digits) or passport number. Optional (children).",
      }),
    ),
    phone: Type.String({
      minLength: LIMITS.phone.min,
      maxLength: LIMITS.phone.max,
      pattern: "^[0-9+ .()-]+$",
      description: "Vietnamese number (0912 345 678, +84 912 345 678) or international +country number.",
    }),
    address: AddressBody,
    symptoms: symptomSet("Symptoms in the last 14 days"),
    exposures: setOf(
      Type.Enum(EXPOSURES),
      EXPOSURES.length,
      `Exposures in the last 14 days: ${labelled(EXPOSURES)}.`,
    ),
    conditions: setOf(
      Type.Enum(CONDITIONS),
      CONDITIONS.length,
      `Underlying conditions (bệnh nền): ${labelled(CONDITIONS)}.`,
    ),
    travel: Type.Optional(TravelBody),
  },
  { additionalProperties: false },
);

export const FollowUpBody = Type.Object(
  {
    symptoms: symptomSet("Symptoms today"),
    temperature: Type.Optional(
      Type.Number({
        minimum: LIMITS.temperature.min,
        maximum: LIMITS.temperature.max,
        description: "Body temperature in °C (kept to one decimal).",
      }),
    ),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
export const FollowUpParams = Type.Object({ id: Type.String({ format: "uuid" }), day: Day });

const Named = <T extends TSchema>(code: T) => Type.Object({ code, name: Type.String() });

export const FollowUpView = Type.Object({
  day: Day,
  symptoms: Type.Array(Type.Enum(SYMPTOMS)),
  temperature: Type.Union([Type.Number(), Type.Null()]),
  updatedAt: Type.String({ format: "date-time" }),
});

export const DeclarationView = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: Type.Enum(DECLARATION_KINDS),
  createdAt: Type.String({ format: "date-time" }),
  declaredOn: Day,
  fullName: Type.String(),
  yearOfBirth: Type.Integer(),
  gender: Type.Enum(GENDERS),
  nationality: Type.String(),
  idNumber: Type.Union([Type.String(), Type.Null()]),
  phone: Type.String({ description: "Normalised: 0xxxxxxxxx or +country number." }),
  address: Type.Object({
    province: Named(ProvinceCode),
    commune: Named(CommuneCode),
    street: Type.String(),
  }),
  symptoms: Type.Array(Type.Enum(SYMPTOMS)),
  exposures: Type.Array(Type.Enum(EXPOSURES)),
  conditions: Type.Array(Type.Enum(CONDITIONS)),
  travel: Type.Union([
    Type.Object({
      transport: Type.Enum(TRANSPORTS),
      vehicleNumber: Type.Union([Type.String(), Type.Null()]),
      departure: Type.Object({ province: Named(ProvinceCode), commune: Named(CommuneCode) }),
      destination: Type.Object({ province: Named(ProvinceCode), commune: Named(CommuneCode) }),
      date: Day,
    }),
    Type.Null(),
  ]),
  followUps: Type.Array(FollowUpView, { description: "Daily follow-up entries, oldest first." }),
});

export const SubmitResponse = Type.Object({
  declaration: DeclarationView,
  declarantKey: Type.Optional(
    Type.String({
      description:
        "Only when the request carried no key: the new declarant key. Keep it on the device and send it as " +
        "`Authorization: Bearer <key>` to list, read, follow up and delete your declarations. It cannot be recovered.",
    }),
  ),
});

export const ListResponse = Type.Object({ declarations: Type.Array(DeclarationView) });

const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
  description: "null: between 1 and minCount - 1, suppressed.",
});
const countsOf = <K extends string>(codes: readonly K[]) =>
  Type.Object(Object.fromEntries(codes.map((c) => [c, Count])) as Record<K, typeof Count>);

export const Counts = Type.Object({
  declarations: Count,
  domesticTravel: Count,
  withSymptoms: Count,
  arrivals: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: "Domestic travel declarations whose destination is in the unit.",
  }),
  symptoms: countsOf(SYMPTOMS),
  exposures: countsOf(EXPOSURES),
});

export const StatsQuery = Type.Object(
  {
    unit: Type.Optional(
      Type.String({
        pattern: "^([0-9]{2}|[0-9]{5})$",
        description: "Province or commune code; default the official's own unit (national: the country).",
      }),
    ),
    from: Type.Optional(
      Type.String({ format: "date", description: "First day; default 13 days before `to`." }),
    ),
    to: Type.Optional(Type.String({ format: "date", description: "Last day (inclusive); default today." })),
  },
  { additionalProperties: false },
);

export const StatsResponse = Type.Object({
  unit: Type.Union([
    Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
    Type.Null(),
  ]),
  from: Day,
  to: Day,
  minCount: Type.Integer({ description: "Counts from 1 to minCount - 1 are null." }),
  days: Type.Array(Type.Object({ day: Day, counts: Counts }), { description: "Every day of the range." }),
  total: Counts,
  children: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), counts: Counts }), {
    description: "Communes of a province (provinces of the country) over the range; empty for a commune.",
  }),
});
