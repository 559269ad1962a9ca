// Prometheus metrics: one prom-client registry per app (default process metrics + HTTP request duration by
// route and status), served at GET /metrics; features register their own counters through `Metrics`.
import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The app's metrics registry and helpers to add feature metrics to it (names get the "bluezone_" prefix). */
export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<"method" | "route" | "status_code">;
  counter<L extends string = never>(name: string, help: string, labelNames?: readonly L[]): Counter<L>;
  gauge<L extends string = never>(name: string, help: string, labelNames?: readonly L[]): Gauge<L>;
  histogram<L extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly L[],
    buckets?: number[],
  ): Histogram<L>;
}

export const METRIC_PREFIX = "bluezone_";

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const full = (name: string) => (name.startsWith(METRIC_PREFIX) ? name : METRIC_PREFIX + name);
  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration by method, route template and status code.",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    httpDuration,
    counter: (name, help, labelNames = []) =>
      new Counter({ name: full(name), help, labelNames: [...labelNames], registers: [registry] }),
    gauge: (name, help, labelNames = []) =>
      new Gauge({ name: full(name), help, labelNames: [...labelNames], registers: [registry] }),
    histogram: (name, help, labelNames = [], buckets) =>
      new Histogram({
        name: full(name),
        help,
        labelNames: [...labelNames],
        registers: [registry],
        ...(buckets ? { buckets } : {}),
      }),
  };
}

/** Times every request (by route template, never the raw URL) and serves GET /metrics when `serve` is set. */
export function installMetrics(app: FastifyInstance, metrics: Metrics, serve: boolean): void {
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.httpDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  if (!serve) return;
  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
}
