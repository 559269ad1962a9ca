// The extension point: a feature is a Fastify plugin `(app, deps) => ...` with typed deps (its own validated
// config, the database, blobs, jobs, metrics, clock, randomness). defineFeature keeps the types inferred.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { BlobStore } from "./blob/store.ts";
import type { PlatformConfig } from "./config.ts";
import type { Database, Db } from "./db/database.ts";
import type { EnvSpec, EnvValues } from "./env.ts";
import type { JobRegistry } from "./jobs/registry.ts";
import type { Metrics } from "./metrics.ts";

/** The Fastify instance features receive: TypeBox schemas type `request.body`, `reply.send`, ... */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Current time; injectable so tests control it. */
export type Clock = () => Date;
/** Cryptographically secure random bytes; injectable so tests can make it deterministic. */
export type RandomBytes = (length: number) => Uint8Array;

/** What the platform gives every feature (and what the app holds as `app.platform`). */
export interface PlatformDeps {
  platform: PlatformConfig;
  database: Database;
  /** Shorthand for database.db. */
  db: Db;
  blobs: BlobStore;
  jobs: JobRegistry;
  metrics: Metrics;
  clock: Clock;
  random: RandomBytes;
}

/** What a feature's register function receives: the platform deps plus its own parsed config. */
export interface FeatureDeps<C = Record<string, never>> extends PlatformDeps {
  config: C;
  log: FastifyBaseLogger;
}

export interface Feature<S extends EnvSpec = EnvSpec> {
  /** Short name, used in logs and errors ("verification"). */
  name: string;
  /** The feature's environment variables (validated with every other feature's before anything starts). */
  env?: S;
  /** Registers routes, hooks, job handlers and schedules. Runs in the feature's own encapsulated context. */
  register(app: App, deps: FeatureDeps<EnvValues<S>>): Promise<void> | void;
}

/** Declares a feature; the identity function that infers `deps.config` from `env`. */
export function defineFeature<S extends EnvSpec = Record<string, never>>(feature: Feature<S>): Feature<S> {
  return feature;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The platform deps, on every instance (e.g. `request.server.platform.db` in a shared preHandler). */
    platform: PlatformDeps;
  }
}
