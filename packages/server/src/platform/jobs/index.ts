// Background jobs on PostgreSQL: the registry features declare handlers and schedules in, the worker that
// runs them, the queue SQL and the pure timing policy.
export * from "./policy.ts";
export * from "./queue.ts";
export * from "./registry.ts";
export * from "./worker.ts";
