// The platform's public surface for feature folders: config and env helpers, database, blobs, jobs,
// errors, logging, metrics and the Feature type. Import from "../platform/index.ts".
export * from "./blob/index.ts";
export * from "./cluster.ts";
export * from "./config.ts";
export * from "./db/database.ts";
export * from "./db/migrate.ts";
export * from "./db/test-db.ts";
export * from "./env.ts";
export * from "./errors.ts";
export * from "./feature.ts";
export * from "./ingest-batcher.ts";
export * from "./jobs/index.ts";
export * from "./logging.ts";
export * from "./metrics.ts";
export * from "./test-app.ts";
