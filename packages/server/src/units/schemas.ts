// TypeBox schemas of the public units routes: provinces, one unit with its path and children, search, map.
import { Type } from "@fastify/type-provider-typebox";
import { HIERARCHIES, LEVELS } from "./model.ts";

const Code = Type.String({
  pattern: "^[0-9]{2,5}$",
  description: "GSO code: 2 digits province, 3 district, 5 commune.",
});
const HierarchyEnum = Type.Enum(HIERARCHIES, {
  description: "v2025: two levels from 2025-07-01; legacy: three levels before.",
});
const LevelEnum = Type.Enum(LEVELS);
const NullableDate = Type.Union([Type.String({ format: "date" }), Type.Null()]);

export const AdminUnitView = Type.Object({
  code: Code,
  name: Type.String({ description: "Official name with its kind, with diacritics (NFC)." }),
  nameAscii: Type.String({ description: "The name without diacritics." }),
  kind: Type.String({ description: "Tỉnh, Thành phố, Phường, Xã, Đặc khu, Quận, Huyện, Thị xã, Thị trấn." }),
  level: LevelEnum,
  parentCode: Type.Union([Code, Type.Null()]),
  hierarchy: HierarchyEnum,
  validFrom: NullableDate,
  validTo: Type.Union([Type.String({ format: "date", description: "Exclusive." }), Type.Null()]),
});

export const ScopeQuery = Type.Object(
  {
    hierarchy: Type.Optional(HierarchyEnum),
    asOf: Type.Optional(
      Type.String({ format: "date", description: "Only units in force on this day (YYYY-MM-DD)." }),
    ),
  },
  { additionalProperties: false },
);

export const CodeParams = Type.Object({ code: Code });

export const ProvincesResponse = Type.Object({ provinces: Type.Array(AdminUnitView) });

export const UnitDetail = Type.Object({
  ...AdminUnitView.properties,
  path: Type.Array(AdminUnitView, { description: "Ancestors, province first (excludes the unit itself)." }),
  children: Type.Array(AdminUnitView),
  successors: Type.Array(
    Type.Object({ ...AdminUnitView.properties, weight: Type.Number({ minimum: 0, maximum: 1 }) }),
    { description: "For a legacy unit: the v2025 units it became (share of it in `weight`)." },
  ),
});

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: "Name, with or without diacritics." }),
    level: Type.Optional(LevelEnum),
    within: Type.Optional(Code),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
    hierarchy: Type.Optional(HierarchyEnum),
    asOf: Type.Optional(Type.String({ format: "date" })),
  },
  { additionalProperties: false },
);

export const SearchResponse = Type.Object({
  results: Type.Array(
    Type.Object({
      ...AdminUnitView.properties,
      fullName: Type.String({ description: "Name with its parents: commune, (district,) province." }),
    }),
  ),
});

export const MapQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal("topojson"), Type.Literal("geojson")], { default: "topojson" }),
    ),
    hierarchy: Type.Optional(HierarchyEnum),
  },
  { additionalProperties: false },
);
