// Builds the Fastify app: privacy-safe logging, problem+json errors, helmet, rate limit, OpenAPI at /docs,
// /healthz, /metrics, /blobs/*, then every feature plugin with its typed deps. Does not listen.
import { createHmac, randomBytes } from "node:crypto";
import rateLimit, { normalizeIP } from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { Type, type TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { DestinationStream } from "pino";
import { registerBlobRoutes } from "./platform/blob/routes.ts";
import type { BlobStore } from "./platform/blob/store.ts";
import type { PlatformConfig } from "./platform/config.ts";
import { type Database, rows, sql } from "./platform/db/database.ts";
import { ConfigError, type Env, type EnvValues, parseEnv } from "./platform/env.ts";
import { frameworkErrors, installProblemHandlers, ProblemError, problemType } from "./platform/errors.ts";
import type { App, Clock, Feature, PlatformDeps, RandomBytes } from "./platform/feature.ts";
import { every } from "./platform/jobs/policy.ts";
import { purgeFinishedJobs } from "./platform/jobs/queue.ts";
import { JobRegistry } from "./platform/jobs/registry.ts";
import { loggerOptions } from "./platform/logging.ts";
import { createMetrics, installMetrics, type Metrics } from "./platform/metrics.ts";
import { installSecurityHeaders } from "./platform/security-headers.ts";

export interface BuildAppOptions {
  config: PlatformConfig;
  /** An open, migrated database. */
  database: Database;
  blobs: BlobStore;
  features?: readonly Feature[];
  /** Where feature configs are read from (default process.env). */
  env?: Env;
  jobs?: JobRegistry;
  metrics?: Metrics;
  clock?: Clock;
  random?: RandomBytes;
  /** Log destination (default stdout); tests pass a stream to read the log lines. */
  logStream?: DestinationStream;
}

/** Parses every feature's env spec at once; throws one ConfigError listing all bad variables. */
export function loadFeatureConfigs(features: readonly Feature[], env: Env): Map<Feature, unknown> {
  const configs = new Map<Feature, unknown>();
  const errors: string[] = [];
  for (const feature of features) {
    const parsed = parseEnv(feature.env ?? {}, env);
    errors.push(...parsed.errors.map((e) => `[${feature.name}] ${e}`));
    configs.set(feature, parsed.values);
  }
  if (errors.length > 0) throw new ConfigError(errors);
  return configs;
}

/** Fastify's trustProxy option for TRUST_PROXY: a hop count becomes "trust the n nearest hops". */
export function fastifyTrustProxy(
  value: PlatformConfig["trustProxy"],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === "number" ? (_address, hop) => hop < value : value;
}

/** Addresses whose rate-limit keys are remembered (the map is emptied when it is full). */
const RATE_LIMIT_KEY_CACHE = 10_000;

/**
 * Rate-limit key: a keyed hash of the client address (per-process secret), so no IP is kept in the limiter's
 * store. The last addresses' keys are cached in memory: a phone's requests cost one HMAC, not one each.
 */
export function rateLimitKey(secret: Uint8Array): (request: FastifyRequest) => string {
  const cache = new Map<string, string>();
  return (request) => {
    const address = normalizeIP(request.ip ?? "unknown", 56);
    let key = cache.get(address);
    if (key === undefined) {
      key = createHmac("sha256", secret).update(address).digest("base64url").slice(0, 22);
      if (cache.size >= RATE_LIMIT_KEY_CACHE) cache.clear();
      cache.set(address, key);
    }
    return key;
  };
}

/** Creates the app with every platform route and the given features, and waits until it is ready. */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, database, blobs } = options;
  const features = options.features ?? [];
  const featureConfigs = loadFeatureConfigs(features, options.env ?? process.env);

  const app = Fastify({
    logger: {
      ...loggerOptions(config.logLevel),
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: config.bodyLimit,
    return503OnClosing: true,
    ajv: { customOptions: { allErrors: true } },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const deps: PlatformDeps = {
    platform: config,
    database,
    db: database.db,
    blobs,
    jobs: options.jobs ?? new JobRegistry(database.db),
    metrics: options.metrics ?? createMetrics(),
    clock: options.clock ?? (() => new Date()),
    random: options.random ?? ((n) => new Uint8Array(randomBytes(n))),
  };
  app.decorate("platform", deps);
  installProblemHandlers(app as unknown as FastifyInstance);

  installSecurityHeaders(app as unknown as FastifyInstance);
  const limitKey = rateLimitKey(deps.random(32));
  await app.register(rateLimit, {
    global: config.rateLimit.max > 0,
    max: Math.max(1, config.rateLimit.max),
    timeWindow: config.rateLimit.windowMs,
    keyGenerator: limitKey,
    errorResponseBuilder: (_request, context) =>
      new ProblemError(context.statusCode, {
        type: problemType("rate-limited"),
        title: "Too many requests",
        detail: `Rate limit exceeded, retry in ${context.after}`,
      }),
  });

  if (config.docsEnabled) {
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: {
          title: "Bluezone API",
          version: "1",
          description: "Exposure notification, check-in, health declaration and campaign monitoring.",
        },
        servers: [{ url: config.publicBaseUrl }],
        components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      },
    });
    await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: true });
  }

  installMetrics(app as unknown as FastifyInstance, deps.metrics, config.metricsEnabled);

  app.get(
    "/healthz",
    {
      schema: {
        tags: ["platform"],
        summary: "Liveness and database check",
        response: { 200: Type.Object({ status: Type.Literal("ok"), database: Type.String() }) },
      },
    },
    async (request) => {
      try {
        await rows(database.db, sql`SELECT 1`);
      } catch (error) {
        request.log.error({ err: error }, "health check: database unreachable");
        throw new ProblemError(503, {
          type: problemType("unhealthy"),
          title: "Service unavailable",
          detail: "Database unreachable",
        });
      }
      return { status: "ok" as const, database: database.kind };
    },
  );

  if (config.serveBlobs) registerBlobRoutes(app as unknown as FastifyInstance, { store: blobs });

  deps.jobs.handle("platform.purge-jobs", async () => {
    await purgeFinishedJobs(database.db, config.jobs.retentionMs);
  });
  deps.jobs.schedule({ name: "platform.purge-jobs", ...every.hours(1, 17) });

  for (const feature of features) {
    const plugin = async (scope: App) => {
      await feature.register(scope, {
        ...deps,
        config: featureConfigs.get(feature) as EnvValues<NonNullable<typeof feature.env>>,
        log: scope.log.child({ feature: feature.name }),
      });
    };
    Object.defineProperty(plugin, "name", { value: `feature:${feature.name}` });
    await app.register(plugin);
  }

  await app.ready();
  return app;
}
