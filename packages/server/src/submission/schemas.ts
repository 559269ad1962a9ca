// TypeBox schemas of POST /v1/publish (exposure-notifications-server v1 Publish / PublishResponse). Types and
// sizes are checked here; the value rules (counts, ranges, windows) are in model.ts with clear error codes.
import { Type } from "@fastify/type-provider-typebox";

export const PublishKeySchema = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 64, description: "base64 of the 16-byte TEK" }),
  rollingStartNumber: Type.Integer({ minimum: 0, maximum: 4_294_967_295 }),
  rollingPeriod: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: "1..144" }),
  transmissionRisk: Type.Optional(
    Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: "0..8" }),
  ),
});

/** A CWA CheckInProtectedReport (base64, either alphabet); exact lengths are checked in model.ts. */
export const CheckInProtectedReportSchema = Type.Object({
  locationIdHash: Type.String({ maxLength: 64, description: "base64 of SHA-256(locationId), 32 bytes" }),
  iv: Type.String({ maxLength: 64, description: "base64 of the 16-byte AES-CBC IV" }),
  encryptedCheckInRecord: Type.String({
    maxLength: 64,
    description: "base64 of the AES-CBC encrypted CheckInRecord, 16 bytes",
  }),
  mac: Type.String({
    maxLength: 64,
    description: "base64 of the HMAC-SHA-256 over iv and ciphertext, 32 bytes",
  }),
});

export const PublishBody = Type.Object({
  temporaryExposureKeys: Type.Array(PublishKeySchema, { maxItems: 1000 }),
  healthAuthorityID: Type.String({ minLength: 1, maxLength: 128 }),
  verificationPayload: Type.String({ minLength: 1, maxLength: 4096, description: "The certificate (JWT)" }),
  hmacKey: Type.String({
    minLength: 1,
    maxLength: 128,
    description: "base64 HMAC key the tekmac was made with",
  }),
  symptomOnsetInterval: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: "Ignored: the certificate's counts" }),
  ),
  traveler: Type.Optional(Type.Boolean()),
  revisionToken: Type.Optional(Type.String({ maxLength: 4096 })),
  checkInProtectedReports: Type.Optional(
    Type.Array(CheckInProtectedReportSchema, {
      maxItems: 2000,
      description:
        "The uploader's venue check-ins (CWA). Stored only with a confirmed/likely certificate and new keys.",
    }),
  ),
  padding: Type.Optional(Type.String({ maxLength: 16_384, description: "Ignored; hides the request size." })),
});

export const PublishResponse = Type.Object({
  revisionToken: Type.String({ description: "Send with a later publish to revise these keys" }),
  insertedExposures: Type.Integer({ minimum: 0 }),
  insertedCheckInReports: Type.Integer({ minimum: 0 }),
  warnings: Type.Array(Type.String()),
  padding: Type.String(),
});
