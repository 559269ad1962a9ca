// TypeBox schemas of the guidance-material routes. The upload is multipart/form-data (fields titleVi, titleEn,
// description, unitCode, then the file), parsed by @fastify/multipart and checked by model.ts uploadFields.
import { Type } from "@fastify/type-provider-typebox";
import { MATERIAL_TYPE_NAMES } from "./model.ts";

export const MaterialParams = Type.Object({ id: Type.String({ pattern: "^[A-Za-z0-9_-]{22}$" }) });

export const ListQuery = Type.Object({
  type: Type.Optional(Type.Enum(MATERIAL_TYPE_NAMES)),
  unit: Type.Optional(
    Type.String({
      pattern: "^[0-9]{2,5}$",
      description: "Only national materials and those of this unit and the units above it.",
    }),
  ),
});

export const MaterialView = Type.Object({
  id: Type.String(),
  titleVi: Type.String(),
  titleEn: Type.Union([Type.String(), Type.Null()]),
  description: Type.String(),
  unitCode: Type.Union([Type.String(), Type.Null()], { description: "null: national" }),
  type: Type.Enum(MATERIAL_TYPE_NAMES),
  contentType: Type.String(),
  fileName: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  url: Type.String({ description: "Download path (supports Range requests)." }),
});

export const MaterialList = Type.Object({ materials: Type.Array(MaterialView) });
