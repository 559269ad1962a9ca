// TypeBox schemas of the auth routes (login, logout, current account).
import { Type } from "@fastify/type-provider-typebox";
import { ROLES } from "./model.ts";

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const AccountView = Type.Object({
  username: Type.String(),
  role: Type.Enum(ROLES),
  unitCode: Type.Union([Type.String(), Type.Null()]),
});

export const LoginResponse = Type.Object({
  token: Type.String({ description: "Opaque session token; send as `Authorization: Bearer <token>`." }),
  tokenType: Type.Literal("Bearer"),
  expiresAt: Type.String({ format: "date-time" }),
  account: AccountView,
});
