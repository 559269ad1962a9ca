// The publish operation: health authority check, certificate verification, key and check-in report validation,
// tekmac binding, revision planning and storage (new keys and check-in reports group-committed, else one
// transaction); plus the chaff answer.
import { base64ToBytes, bytesToBase64, bytesToBase64Url, ReportType, verifyTekMac } from "@bluezone/protocol";
import { ensureServerSecret } from "../keys/index.ts";
import type { Db } from "../platform/db/database.ts";
import type { EnvValues } from "../platform/env.ts";
import type { Clock, RandomBytes } from "../platform/feature.ts";
import { CertificateError, verifyCertificate } from "../verification/certificate.ts";
import type { certificateEnv } from "../verification/config.ts";
import type { submissionEnv } from "./config.ts";
import { submissionProblem } from "./errors.ts";
import { groupCommitter } from "./group-commit.ts";
import {
  CHECK_IN_REPORTS_NEED_NEW_KEYS,
  checkInReportsToStore,
  decodeCheckInReports,
  decodePublishKeys,
  type PublishCheckInReport,
  type PublishKey,
  type PublishPlan,
  type PublishRules,
  planPublish,
  REPORT_TYPE_OF_TEST,
  type StoredKey,
  transformPublish,
} from "./model.ts";
import { rawTransaction } from "./raw-sql.ts";
import { openRevisionToken, revisionTokenLength, sealRevisionToken } from "./revision-token.ts";
import {
  type CheckInReportRow,
  insertCheckInReports,
  insertKeys,
  lockStoredKeys,
  reviseKeys,
} from "./store.ts";

export type SubmissionConfig = EnvValues<typeof submissionEnv> & EnvValues<typeof certificateEnv>;

export interface SubmissionContext {
  config: SubmissionConfig;
  rules: PublishRules;
  healthAuthorities: ReadonlySet<string>;
  revisionSecret: Uint8Array;
  clock: Clock;
  random: RandomBytes;
}

export const REVISION_SECRET_NAME = "submission.revision-token";

export async function createSubmissionContext(
  db: Db,
  deps: { config: SubmissionConfig; generateMissing: boolean; clock: Clock; random: RandomBytes },
): Promise<SubmissionContext> {
  const { config } = deps;
  const revisionSecret = await ensureServerSecret(db, REVISION_SECRET_NAME, {
    configured: config.revisionTokenKey,
    variable: "SUBMISSION_REVISION_TOKEN_KEY",
    generate: deps.generateMissing,
    random: deps.random,
  });
  return {
    config,
    rules: {
      maxKeys: config.maxKeys,
      maxSameStartKeys: config.maxSameStartKeys,
      maxKeyAgeMs: config.maxKeyAgeMs,
      maxSymptomOnsetDays: config.maxSymptomOnsetDays,
      maxOnsetAgeMs: config.maxOnsetAgeMs,
      embargoDelayMs: config.embargoDelayMs,
      createdAtWindowMs: config.createdAtWindowMs,
    },
    healthAuthorities: new Set(config.healthAuthorityIds.split(",")),
    revisionSecret,
    clock: deps.clock,
    random: deps.random,
  };
}

/** The publish request (exposure-notifications-server v1 Publish). */
export interface PublishRequest {
  temporaryExposureKeys: PublishKey[];
  healthAuthorityID: string;
  verificationPayload: string;
  hmacKey: string;
  /** Ignored: the onset comes from the certificate. */
  symptomOnsetInterval?: number | undefined;
  traveler?: boolean | undefined;
  revisionToken?: string | undefined;
  /** The uploader's venue check-ins (CWA CheckInProtectedReports, base64). */
  checkInProtectedReports?: PublishCheckInReport[] | undefined;
}

export interface PublishResult {
  revisionToken: string;
  /** New keys stored plus stored keys revised. */
  insertedExposures: number;
  /** Check-in reports stored for the next warning package. */
  insertedCheckInReports: number;
  warnings: string[];
  /** GAEN report type the keys were stored (or revised) with. */
  reportType: number;
}

/** Validates and stores a publish request (see the module comment); throws problem+json errors. */
export async function publishKeys(
  db: Db,
  ctx: SubmissionContext,
  request: PublishRequest,
): Promise<PublishResult> {
  const now = ctx.clock();
  if (!ctx.healthAuthorities.has(request.healthAuthorityID)) {
    throw submissionProblem("unknown_health_authority_id", "This healthAuthorityID is not accepted here");
  }
  let certificate: Awaited<ReturnType<typeof verifyCertificate>>;
  try {
    certificate = await verifyCertificate(db, request.verificationPayload, {
      issuer: ctx.config.certificateIssuer,
      audience: ctx.config.certificateAudience,
      now,
    });
  } catch (error) {
    if (error instanceof CertificateError) throw submissionProblem(error.code, error.message);
    throw error;
  }
  const keys = decodePublishKeys(request.temporaryExposureKeys, ctx.rules.maxKeys);
  const checkInReports = decodeCheckInReports(request.checkInProtectedReports, ctx.config.maxCheckInReports);
  let hmacKey: Uint8Array;
  try {
    hmacKey = base64ToBytes(request.hmacKey);
  } catch {
    throw submissionProblem("hmac_key_invalid", "hmacKey is not base64");
  }
  if (hmacKey.length === 0) throw submissionProblem("hmac_key_invalid", "hmacKey is empty");
  if (!verifyTekMac(keys, hmacKey, certificate.tekmac)) {
    throw submissionProblem("hmac_mismatch", "The keys' HMAC differs from the certificate's tekmac");
  }
  const transformed = transformPublish(
    keys,
    certificate,
    { healthAuthority: request.healthAuthorityID, traveler: request.traveler ?? false },
    now,
    ctx.rules,
  );
  // Check-ins go up only with a confirmed/likely certificate, stored for the package of the upload's UTC hour.
  const allowed = checkInReportsToStore(checkInReports, REPORT_TYPE_OF_TEST[certificate.reportType]);
  if (allowed.warning) transformed.warnings.push(allowed.warning);
  const hour = truncateToHour(now);
  const checkIns: CheckInReportRow[] = allowed.reports.map((report) => ({ hour, report }));
  const token =
    request.revisionToken === undefined || request.revisionToken === ""
      ? undefined
      : openRevisionToken(request.revisionToken, ctx.revisionSecret, now, ctx.config.revisionTokenTtlMs);
  // Without a revision token, keys are inserted first (ON CONFLICT DO NOTHING) and only the keys that were
  // already stored are locked and checked; a refused plan rolls the inserts back.
  const insertFirst =
    token === undefined && !transformed.keys.some((k) => k.reportType === ReportType.REVOKED);
  // Usually every key is new: then the keys go into a group commit with concurrent uploads (200 only after
  // that commit). Otherwise the upload is stored on its own below, with the revision rules.
  if (
    insertFirst &&
    transformed.keys.length > 0 &&
    (await groupCommitter(db).submit(transformed.keys, checkIns)) === "committed"
  ) {
    return {
      revisionToken: sealRevisionToken(transformed.keys, now, ctx.revisionSecret, ctx.random(12)),
      insertedExposures: transformed.keys.length,
      insertedCheckInReports: checkIns.length,
      warnings: transformed.warnings,
      reportType: transformed.keys[0]?.reportType ?? 0,
    };
  }
  return rawTransaction(db, async (tx) => {
    let plan: PublishPlan;
    let inserted: number;
    if (insertFirst) {
      const added = await insertKeys(tx, transformed.keys);
      inserted = added.length;
      let stored: StoredKey[] = [];
      if (inserted < transformed.keys.length) {
        const addedSet = new Set(added.map(bytesToBase64));
        const others = transformed.keys.filter((k) => !addedSet.has(bytesToBase64(k.keyData)));
        stored = await lockStoredKeys(
          tx,
          others.map((k) => k.keyData),
        );
      }
      plan = planPublish(transformed.keys, stored, undefined);
    } else {
      const stored = await lockStoredKeys(
        tx,
        transformed.keys.map((k) => k.keyData),
      );
      plan = planPublish(transformed.keys, stored, token);
      inserted = (await insertKeys(tx, plan.inserts)).length;
      await reviseKeys(tx, plan.revisions);
    }
    // A publish that stores no new key (a replayed certificate, a revision) cannot add check-in reports.
    const storeCheckIns = inserted > 0 ? checkIns : [];
    if (checkIns.length > 0 && inserted === 0) plan.warnings.push(CHECK_IN_REPORTS_NEED_NEW_KEYS);
    await insertCheckInReports(tx, storeCheckIns);
    const revisable = [...plan.inserts, ...plan.revisions.map((r) => r.key), ...plan.unchanged];
    return {
      revisionToken: sealRevisionToken(revisable, now, ctx.revisionSecret, ctx.random(12)),
      insertedExposures: inserted + plan.revisions.length,
      insertedCheckInReports: storeCheckIns.length,
      warnings: [...transformed.warnings, ...plan.warnings],
      reportType: transformed.keys[0]?.reportType ?? 0,
    };
  });
}

/**
 * The answer to a chaff request: the shape and size of a successful publish of the same number of keys (a
 * random "revision token" of the real length), computed without reading or writing anything.
 */
export function chaffResult(
  ctx: SubmissionContext,
  keyCount: number,
  checkInCount = 0,
): Omit<PublishResult, "reportType"> {
  const n = Math.min(Math.max(keyCount, 0), ctx.rules.maxKeys);
  const length = revisionTokenLength(n);
  const revisionToken = bytesToBase64Url(ctx.random(Math.ceil((length * 3) / 4) + 3)).slice(0, length);
  const insertedCheckInReports = Math.min(Math.max(checkInCount, 0), ctx.config.maxCheckInReports);
  return { revisionToken, insertedExposures: n, insertedCheckInReports, warnings: [] };
}

const HOUR_MS = 3_600_000;
const truncateToHour = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
