// HTTP routes of the verification feature: POST /v1/codes and GET /v1/codes/:uuid (health-authority
// officers), POST /v1/verify, POST /v1/certificate and GET /v1/certificate-keys (public, for apps and servers).
import { currentAccount, requireRole } from "../auth/index.ts";
import type { Db } from "../platform/db/database.ts";
import type { App } from "../platform/feature.ts";
import type { Metrics } from "../platform/metrics.ts";
import { padResponse } from "../submission/privacy.ts";
import { certificateJwks } from "./certificate.ts";
import {
  CertificateBody,
  CertificateResponse,
  CodeStatusParams,
  CodeStatusResponse,
  IssueCodeBody,
  IssueCodeResponse,
  Jwks,
  ProblemResponses,
  VerifyBody,
  VerifyResponse,
} from "./schemas.ts";
import {
  codeStatus,
  issueCertificate,
  issueCodeWith,
  type VerificationContext,
  verifyCode,
} from "./service.ts";

export function registerVerificationRoutes(
  app: App,
  deps: { db: Db; ctx: VerificationContext; metrics: Metrics },
): void {
  const { db, ctx } = deps;
  const issued = deps.metrics.counter("verification_codes_issued_total", "Verification codes issued", [
    "test_type",
  ]);
  const verified = deps.metrics.counter("verification_codes_verified_total", "Codes exchanged for tokens", [
    "test_type",
  ]);
  const certified = deps.metrics.counter("verification_certificates_total", "Certificates issued", [
    "test_type",
  ]);
  const publicLimit = { rateLimit: { max: ctx.config.verifyRateLimit, timeWindow: 60_000 } };
  const padded = <T extends Record<string, unknown>>(body: T) =>
    padResponse(body, ctx.config.responsePaddedSize, ctx.random);

  app.post(
    "/v1/codes",
    {
      preHandler: requireRole("health_authority"),
      schema: {
        tags: ["verification"],
        summary: "Issue a one-time verification code (health-authority officers)",
        security: [{ bearer: [] }],
        body: IssueCodeBody,
        response: { 200: IssueCodeResponse, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const account = currentAccount(request);
      const code = await issueCodeWith(db, ctx, {
        ...request.body,
        issuedBy: { accountId: account.id, realm: account.unitCode ?? "national" },
      });
      issued.inc({ test_type: code.testType });
      reply.header("cache-control", "no-store");
      return {
        uuid: code.uuid,
        code: code.code,
        longCode: code.longCode,
        expiresAt: code.expiresAt.toISOString(),
        longExpiresAt: code.longExpiresAt.toISOString(),
      };
    },
  );

  app.get(
    "/v1/codes/:uuid",
    {
      preHandler: requireRole("health_authority"),
      schema: {
        tags: ["verification"],
        summary: "Status of a code, for the officer who issued it",
        security: [{ bearer: [] }],
        params: CodeStatusParams,
        response: { 200: CodeStatusResponse, ...ProblemResponses },
      },
    },
    async (request) => {
      const status = await codeStatus(db, ctx, request.params.uuid, currentAccount(request).id);
      return {
        ...status,
        expiresAt: status.expiresAt.toISOString(),
        longExpiresAt: status.longExpiresAt.toISOString(),
      };
    },
  );

  app.post(
    "/v1/verify",
    {
      config: publicLimit,
      schema: {
        tags: ["verification"],
        summary: "Exchange a verification code for a single-use token",
        body: VerifyBody,
        response: { 200: VerifyResponse, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const result = await verifyCode(db, ctx, request.body);
      verified.inc({ test_type: result.testType });
      reply.header("cache-control", "no-store");
      return padded({
        token: result.token,
        testtype: result.testType,
        ...(result.symptomDate ? { symptomDate: result.symptomDate } : {}),
        ...(result.testDate ? { testDate: result.testDate } : {}),
      });
    },
  );

  app.post(
    "/v1/certificate",
    {
      config: publicLimit,
      schema: {
        tags: ["verification"],
        summary: "Exchange a token and the HMAC of the keys for a signed verification certificate",
        body: CertificateBody,
        response: { 200: CertificateResponse, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const result = await issueCertificate(db, ctx, request.body);
      certified.inc({ test_type: result.testType });
      reply.header("cache-control", "no-store");
      return padded({ certificate: result.certificate });
    },
  );

  app.get(
    "/v1/certificate-keys",
    {
      schema: {
        tags: ["verification"],
        summary: "Public keys that verify certificates (JWKS): the active key and retired, unexpired ones",
        response: { 200: Jwks },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return certificateJwks(db, ctx.clock());
    },
  );
}
