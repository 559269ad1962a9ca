// TypeBox schemas of the verification API (shapes of google/exposure-notifications-verification-server).
import { Type } from "@fastify/type-provider-typebox";
import { TEST_TYPES } from "./model.ts";

const TestTypeSchema = Type.Enum(TEST_TYPES, {
  description: "confirmed | likely | negative | close_contact (F1 confirmed by the health authority)",
});
const DateSchema = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const Padding = Type.Optional(
  Type.String({ maxLength: 8192, description: "Ignored; hides the request size." }),
);
const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    errorCode: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: "RFC 9457 problem (application/problem+json)" },
);
export const ProblemResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem };

export const IssueCodeBody = Type.Object({
  testType: TestTypeSchema,
  symptomDate: Type.Optional(DateSchema),
  testDate: Type.Optional(DateSchema),
  tzOffset: Type.Optional(
    Type.Integer({ minimum: -720, maximum: 840, description: "Officer's UTC offset in minutes" }),
  ),
  padding: Padding,
});

export const IssueCodeResponse = Type.Object({
  uuid: Type.String({ format: "uuid" }),
  code: Type.String({ description: "8 digits, valid 15 minutes" }),
  longCode: Type.String({ description: "16 characters, valid 24 hours (for SMS links)" }),
  expiresAt: Type.String({ format: "date-time" }),
  longExpiresAt: Type.String({ format: "date-time" }),
});

export const CodeStatusParams = Type.Object({ uuid: Type.String({ format: "uuid" }) });

export const CodeStatusResponse = Type.Object({
  uuid: Type.String({ format: "uuid" }),
  testType: TestTypeSchema,
  claimed: Type.Boolean(),
  expired: Type.Boolean(),
  longExpired: Type.Boolean(),
  expiresAt: Type.String({ format: "date-time" }),
  longExpiresAt: Type.String({ format: "date-time" }),
});

export const VerifyBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
  accept: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 8 })),
  padding: Padding,
});

export const VerifyResponse = Type.Object({
  token: Type.String({ description: "Single use, valid 24 hours" }),
  testtype: TestTypeSchema,
  symptomDate: Type.Optional(DateSchema),
  testDate: Type.Optional(DateSchema),
  padding: Type.String(),
});

export const CertificateBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 256 }),
  ekeyhmac: Type.String({ minLength: 1, maxLength: 128, description: "base64 HMAC-SHA256 of the keys" }),
  padding: Padding,
});

export const CertificateResponse = Type.Object({
  certificate: Type.String({
    description: "ES256 JWT: iss, aud, iat, exp, reportType, symptomOnsetInterval, tekmac",
  }),
  padding: Type.String(),
});

export const Jwks = Type.Object({
  keys: Type.Array(
    Type.Object({
      kty: Type.String(),
      crv: Type.String(),
      x: Type.String(),
      y: Type.String(),
      kid: Type.String(),
      alg: Type.Literal("ES256"),
      use: Type.Literal("sig"),
    }),
  ),
});
