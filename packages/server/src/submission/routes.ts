// HTTP route of the submission feature: POST /v1/publish (diagnosis keys with a verification certificate, and the
// uploader's check-in reports; chaff requests marked X-Chaff: 1 get the same answer and write nothing).
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "../platform/db/database.ts";
import type { App } from "../platform/feature.ts";
import type { Metrics } from "../platform/metrics.ts";
import { ProblemResponses } from "../verification/schemas.ts";
import { ChaffLatency, isChaff, padResponse } from "./privacy.ts";
import { PublishBody, PublishResponse } from "./schemas.ts";
import { chaffResult, publishKeys, type SubmissionContext } from "./service.ts";

export function registerSubmissionRoutes(
  app: App,
  deps: { db: Db; ctx: SubmissionContext; metrics: Metrics },
): void {
  const { db, ctx } = deps;
  const latency = new ChaffLatency({ maxMs: ctx.config.chaffMaxDelayMs });
  const requests = deps.metrics.counter("publish_requests_total", "Publish requests by outcome", ["outcome"]);
  const published = deps.metrics.counter("keys_published_total", "Diagnosis keys stored or revised", [
    "report_type",
  ]);
  const checkIns = deps.metrics.counter(
    "check_in_reports_published_total",
    "Uploaded check-in reports stored for the warning packages",
  );
  const padded = <T extends Record<string, unknown>>(body: T) =>
    padResponse(body, ctx.config.responsePaddedSize, ctx.random);

  app.post(
    "/v1/publish",
    {
      config: { rateLimit: { max: ctx.config.publishRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ["submission"],
        summary: "Publish diagnosis keys with a verification certificate",
        description: "Requests with the header `X-Chaff: 1` are answered alike and ignored (fake traffic).",
        body: PublishBody,
        response: { 200: PublishResponse, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      if (isChaff(request.headers)) {
        const delay = Math.min(latency.delayMs(ctx.random), ctx.config.chaffMaxDelayMs);
        if (delay > 0) await sleep(delay);
        requests.inc({ outcome: "chaff" });
        return padded(
          chaffResult(
            ctx,
            request.body.temporaryExposureKeys.length,
            request.body.checkInProtectedReports?.length ?? 0,
          ),
        );
      }
      const started = performance.now();
      try {
        const result = await publishKeys(db, ctx, request.body);
        requests.inc({ outcome: "accepted" });
        published.inc({ report_type: String(result.reportType) }, result.insertedExposures);
        if (result.insertedCheckInReports > 0) checkIns.inc(result.insertedCheckInReports);
        return padded({
          revisionToken: result.revisionToken,
          insertedExposures: result.insertedExposures,
          insertedCheckInReports: result.insertedCheckInReports,
          warnings: result.warnings,
        });
      } catch (error) {
        requests.inc({ outcome: "rejected" });
        throw error;
      } finally {
        latency.observe(performance.now() - started);
      }
    },
  );
}
