// HTTP routes of the declaration feature: the citizen's /v1/declarations (declarant key as Bearer, rate
// limited, validation messages in Vietnamese or English) and the officials' /v1/declarations/stats.
import { Type } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { currentAccount, requireRole } from "../auth/index.ts";
import { ProblemError, problemType } from "../platform/errors.ts";
import type { App, Clock } from "../platform/feature.ts";
import type { Metrics } from "../platform/metrics.ts";
import { ProblemResponses } from "../verification/schemas.ts";
import type { DeclarationConfig } from "./config.ts";
import { declarantKeyOf } from "./declarant.ts";
import {
  type AjvIssue,
  issuesFromAjv,
  type Language,
  preferredLanguage,
  validationProblem,
} from "./messages.ts";
import {
  DeclarationBody,
  FollowUpBody,
  FollowUpParams,
  FollowUpView,
  IdParams,
  ListResponse,
  StatsQuery,
  StatsResponse,
  SubmitResponse,
} from "./schemas.ts";
import {
  type DeclarationContext,
  forgetDeclarant,
  listDeclarations,
  putFollowUp,
  readDeclaration,
  requireDeclarant,
  submitDeclaration,
  withdrawDeclaration,
} from "./service.ts";
import { declarationStats } from "./stats.ts";

const languageOf = (request: FastifyRequest): Language =>
  preferredLanguage(request.headers["accept-language"]);

/**
 * preHandler of every route here (routes set attachValidation): a schema failure becomes the validation
 * problem with messages in the request's language instead of Ajv's English.
 */
async function rejectInvalid(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const error = request.validationError as
    | (Error & { validation?: AjvIssue[]; validationContext?: string })
    | undefined;
  if (!error) return;
  throw validationProblem(
    issuesFromAjv(error.validation ?? []),
    error.validationContext ?? "body",
    languageOf(request),
  );
}

const malformedKey = () =>
  new ProblemError(401, {
    type: problemType("declarant-key-malformed"),
    title: "Malformed declarant key",
    detail: "Send the declarant key as `Authorization: Bearer <key>` (43 base64url characters).",
    headers: { "www-authenticate": "Bearer" },
  });

/** The request's declarant key: null when none was sent; 401 when malformed. */
function keyOf(request: FastifyRequest): string | null {
  const key = declarantKeyOf(request.headers.authorization);
  if (key === "malformed") throw malformedKey();
  return key;
}

/** The declarant of a request that must carry a key. */
async function declarantOf(ctx: DeclarationContext, request: FastifyRequest): Promise<number> {
  const key = keyOf(request);
  if (key === null)
    throw new ProblemError(401, {
      type: problemType("declarant-key-required"),
      title: "Declarant key required",
      detail: "Send the key returned by your first declaration as `Authorization: Bearer <key>`.",
      headers: { "www-authenticate": "Bearer" },
    });
  return requireDeclarant(ctx, key);
}

export function registerDeclarationRoutes(
  app: App,
  deps: { ctx: DeclarationContext; config: DeclarationConfig; clock: Clock; metrics: Metrics },
): void {
  const { ctx, config } = deps;
  const submitted = deps.metrics.counter("declarations_submitted_total", "Health declarations accepted", [
    "kind",
  ]);
  const withdrawn = deps.metrics.counter(
    "declarations_withdrawn_total",
    "Declarations deleted by their declarant",
  );
  const citizen = {
    attachValidation: true,
    preHandler: rejectInvalid,
    config: { rateLimit: { max: config.readRateLimit, timeWindow: 60_000 } },
  } as const;
  const tags = ["declaration"];
  const security = [{ bearer: [] }];
  const noStore = (reply: FastifyReply) => reply.header("cache-control", "no-store");

  app.post(
    "/v1/declarations",
    {
      ...citizen,
      config: { rateLimit: { max: config.submitRateLimit, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "Make a health declaration (khai báo y tế) or a domestic travel declaration",
        description:
          "Without `Authorization`, creates a declarant key and returns it once. With `Authorization: Bearer " +
          "<declarant key>`, adds the declaration to that key's. Field errors come as problem+json `errors` " +
          "(`pointer`, `code`, `detail` in the `Accept-Language` language: vi by default, or en).",
        body: DeclarationBody,
        response: { 201: SubmitResponse, ...ProblemResponses, 409: ProblemResponses[400] },
      },
    },
    async (request, reply) => {
      const result = await submitDeclaration(ctx, request.body, keyOf(request), languageOf(request));
      submitted.inc({ kind: request.body.kind });
      noStore(reply).code(201);
      return result;
    },
  );

  app.get(
    "/v1/declarations",
    {
      ...citizen,
      schema: {
        tags,
        security,
        summary: "The declarations of the declarant key, newest first, with their follow-up entries",
        response: { 200: ListResponse, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const declarant = await declarantOf(ctx, request);
      noStore(reply);
      return { declarations: await listDeclarations(ctx, declarant) };
    },
  );

  app.delete(
    "/v1/declarations",
    {
      ...citizen,
      schema: {
        tags,
        security,
        summary: "Forget the declarant key: delete every declaration of it and the key itself",
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await forgetDeclarant(ctx, await declarantOf(ctx, request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/v1/declarations/:id",
    {
      ...citizen,
      schema: {
        tags,
        security,
        summary: "One of the declarant key's declarations",
        params: IdParams,
        response: { 200: SubmitResponse.properties.declaration, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const declarant = await declarantOf(ctx, request);
      noStore(reply);
      return readDeclaration(ctx, declarant, request.params.id);
    },
  );

  app.delete(
    "/v1/declarations/:id",
    {
      ...citizen,
      schema: {
        tags,
        security,
        summary: "Withdraw a declaration: deleted with its follow-ups and taken out of the daily counts",
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await withdrawDeclaration(ctx, await declarantOf(ctx, request), request.params.id);
      withdrawn.inc();
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/v1/declarations/:id/follow-ups/:day",
    {
      ...citizen,
      schema: {
        tags,
        security,
        summary: "Add or replace the daily follow-up entry (symptoms, temperature) of a day",
        params: FollowUpParams,
        body: FollowUpBody,
        response: { 200: FollowUpView, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const declarant = await declarantOf(ctx, request);
      const { id, day } = request.params;
      noStore(reply);
      return putFollowUp(ctx, declarant, id, day, request.body, languageOf(request));
    },
  );

  app.get(
    "/v1/declarations/stats",
    {
      attachValidation: true,
      preHandler: [requireRole("national", "province", "commune", "health_authority"), rejectInvalid],
      schema: {
        tags,
        security,
        summary: "Officials: anonymous daily counts of declarations, symptoms and exposures of a unit",
        description:
          "For a commune, a province (the sum of its communes, with each commune's total) or, for national " +
          "officials, the country. Only units within the official's own unit. Counts from 1 to `minCount` - 1 " +
          "are suppressed (null).",
        querystring: StatsQuery,
        response: { 200: StatsResponse, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "private, no-store");
      return declarationStats(
        { db: ctx.db, now: deps.clock(), minCount: config.minCount, maxDays: config.statsMaxDays },
        currentAccount(request),
        request.query,
        languageOf(request),
      );
    },
  );
}
