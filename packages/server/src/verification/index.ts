// Verification feature: health-authority officers issue one-time codes; apps verify a code -> token ->
// certificate (ES256 JWT binding the key HMAC). Registers its routes and the hourly purge of old codes/tokens.
import { keysConfigFrom } from "../keys/index.ts";
import { defineFeature } from "../platform/feature.ts";
import { every } from "../platform/jobs/policy.ts";
import { verificationFeatureEnv } from "./config.ts";
import { registerVerificationRoutes } from "./routes.ts";
import { createVerificationContext } from "./service.ts";
import { purgeVerification } from "./store.ts";

export {
  type CertificateClaims,
  CertificateError,
  certificateJwks,
  signCertificate,
  type VerifiedCertificate,
  verifyCertificate,
} from "./certificate.ts";
export { certificateEnv, verificationEnv } from "./config.ts";
export { codedProblem, VERIFICATION_ERRORS, type VerificationErrorCode } from "./errors.ts";
export { isTestType, TEST_TYPES, type TestType } from "./model.ts";
export { type IssueCodeInput, type IssuedCode, issueCode } from "./service.ts";

export const verificationFeature = defineFeature({
  name: "verification",
  env: verificationFeatureEnv,
  async register(app, deps) {
    const ctx = await createVerificationContext(deps.db, {
      config: deps.config,
      keys: keysConfigFrom(deps.config, deps.platform),
      clock: deps.clock,
      random: deps.random,
    });
    registerVerificationRoutes(app, { db: deps.db, ctx, metrics: deps.metrics });
    deps.jobs.handle("verification.purge", async () => {
      const purged = await purgeVerification(
        deps.db,
        new Date(deps.clock().getTime() - deps.config.retentionMs),
      );
      deps.log.info(purged, "purged expired verification codes and tokens");
    });
    deps.jobs.schedule({ name: "verification.purge", ...every.hours(1, 23) });
  },
});
