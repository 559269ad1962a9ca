// Submission feature: phones publish diagnosis keys with a verification certificate (report type and onset
// from the certificate), with CWA's privacy measures (privacy.ts). Key retention is retention/'s job.
import { keysConfigFrom } from "../keys/index.ts";
import { defineFeature } from "../platform/feature.ts";
import { submissionFeatureEnv } from "./config.ts";
import { registerSubmissionRoutes } from "./routes.ts";
import { createSubmissionContext } from "./service.ts";

export { submissionEnv } from "./config.ts";
export { SUBMISSION_ERRORS, type SubmissionErrorCode } from "./errors.ts";
export { type DiagnosisKey, REPORT_TYPE_OF_TEST, REVISIONS } from "./model.ts";
export { availableAt, isEmbargoed, truncateTime } from "./privacy.ts";
export { diagnosisKeys } from "./tables.ts";

export const submissionFeature = defineFeature({
  name: "submission",
  env: submissionFeatureEnv,
  async register(app, deps) {
    const ctx = await createSubmissionContext(deps.db, {
      config: deps.config,
      generateMissing: keysConfigFrom(deps.config, deps.platform).generateMissing,
      clock: deps.clock,
      random: deps.random,
    });
    registerSubmissionRoutes(app, { db: deps.db, ctx, metrics: deps.metrics });
  },
});
