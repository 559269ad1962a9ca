// The verification operations on a database, shared by the routes and the CLI: issue a code (with quotas),
// check its status, verify a code into a token, exchange a token and the key HMAC for a certificate.

import { randomBytes } from "node:crypto";
import { base64ToBytes, bytesToBase64 } from "@bluezone/protocol";
import {
  ensureServerSecret,
  ensureSigningKey,
  getActiveSigningKey,
  type KeysConfig,
  keysConfigFrom,
  keysEnv,
} from "../keys/index.ts";
import { platformEnv } from "../platform/config.ts";
import { type Db, transaction } from "../platform/db/database.ts";
import { type Env, type EnvValues, readEnv } from "../platform/env.ts";
import type { Clock, RandomBytes } from "../platform/feature.ts";
import { signCertificate } from "./certificate.ts";
import { verificationEnv } from "./config.ts";
import { verificationProblem } from "./errors.ts";
import {
  checkIssueDates,
  codeHash,
  codeOutcome,
  newLongCode,
  newShortCode,
  newToken,
  normalizeCode,
  quotaRetryAfterSeconds,
  symptomOnsetInterval,
  type TestType,
  tokenHash,
  tokenOutcome,
  uuidFromBytes,
} from "./model.ts";
import {
  claimCode,
  findCodeForUpdate,
  findOfficerCode,
  findTokenForUpdate,
  insertCode,
  issuedSince,
  lockRealm,
  markTokenUsed,
} from "./store.ts";

export type VerificationConfig = EnvValues<typeof verificationEnv>;

/** What the operations need besides the database: config, the code secret, time and randomness. */
export interface VerificationContext {
  config: VerificationConfig;
  keys: KeysConfig;
  codeSecret: Uint8Array;
  clock: Clock;
  random: RandomBytes;
}

/** Name of the generated code HMAC secret in server_secrets. */
export const CODE_SECRET_NAME = "verification.code-hmac";

/** Builds the context: loads (or generates) the code secret and makes sure a certificate key exists. */
export async function createVerificationContext(
  db: Db,
  deps: { config: VerificationConfig; keys: KeysConfig; clock: Clock; random: RandomBytes },
): Promise<VerificationContext> {
  const codeSecret = await ensureServerSecret(db, CODE_SECRET_NAME, {
    configured: deps.config.codeSecret,
    variable: "VERIFICATION_CODE_SECRET",
    generate: deps.keys.generateMissing,
    random: deps.random,
  });
  await ensureSigningKey(db, "certificate", {
    kidPrefix: deps.config.certificateKid,
    config: deps.keys,
    now: deps.clock(),
  });
  return { ...deps, codeSecret };
}

export interface IssueCodeInput {
  testType: TestType;
  /** YYYY-MM-DD in the officer's time zone. */
  symptomDate?: string | undefined;
  testDate?: string | undefined;
  /** Officer's UTC offset in minutes (default VERIFICATION_DEFAULT_TZ_OFFSET). */
  tzOffset?: number | undefined;
  /** The officer issuing it; absent for the CLI (realm "cli", realm quota only). */
  issuedBy?: { accountId: number; realm: string } | undefined;
}

export interface IssuedCode {
  uuid: string;
  /** 8 digits, valid VERIFICATION_CODE_TTL (15 min). */
  code: string;
  /** 16 characters of LONG_CODE_ALPHABET, valid VERIFICATION_LONG_CODE_TTL (24 h). */
  longCode: string;
  expiresAt: Date;
  longExpiresAt: Date;
  testType: TestType;
  symptomDate: string | null;
  testDate: string | null;
}

const DAY_MS = 86_400_000;

/** Issues a code within the officer's and the realm's rolling 24-hour quotas (429 quota_exceeded beyond). */
export async function issueCodeWith(
  db: Db,
  ctx: VerificationContext,
  input: IssueCodeInput,
): Promise<IssuedCode> {
  const { config } = ctx;
  const now = ctx.clock();
  const dates = checkIssueDates(input, now, {
    maxAgeDays: config.maxDateAgeDays,
    defaultTzOffset: config.defaultTzOffsetMinutes,
  });
  const realm = input.issuedBy?.realm ?? "cli";
  const officer = input.issuedBy?.accountId ?? null;
  return transaction(db, async (tx) => {
    await lockRealm(tx, realm);
    const issued = await issuedSince(tx, realm, officer, new Date(now.getTime() - DAY_MS));
    for (const [scope, used, quota] of [
      ["officer", issued.officer, config.officerDailyQuota],
      ["realm", issued.realm, config.realmDailyQuota],
    ] as const) {
      if (used.n >= quota) {
        const retry = quotaRetryAfterSeconds(used.oldest ?? now, now);
        throw verificationProblem("quota_exceeded", `The ${scope} may issue ${quota} codes per 24 hours`, {
          "retry-after": String(retry),
        });
      }
    }
    for (let attempt = 0; attempt < 8; attempt++) {
      const code = newShortCode(ctx.random);
      const longCode = newLongCode(ctx.random);
      const issuedCode: IssuedCode = {
        uuid: uuidFromBytes(ctx.random(16)),
        code,
        longCode,
        expiresAt: new Date(now.getTime() + config.codeTtlMs),
        longExpiresAt: new Date(now.getTime() + config.longCodeTtlMs),
        testType: input.testType,
        ...dates,
      };
      const inserted = await insertCode(tx, {
        uuid: issuedCode.uuid,
        codeHash: codeHash(ctx.codeSecret, { kind: "short", value: code }),
        longCodeHash: codeHash(ctx.codeSecret, { kind: "long", value: longCode }),
        testType: input.testType,
        symptomDate: dates.symptomDate,
        testDate: dates.testDate,
        realm,
        issuedBy: officer,
        createdAt: now,
        expiresAt: issuedCode.expiresAt,
        longExpiresAt: issuedCode.longExpiresAt,
      });
      if (inserted) return issuedCode;
    }
    throw new Error("no free verification code found after 8 attempts");
  });
}

/**
 * Issues a code from outside the HTTP API (the CLI's `bluezone issue-code --type confirmed`): reads the
 * verification and keys config from `env` (default process.env), with the current time unless given.
 */
export async function issueCode(
  db: Db,
  input: IssueCodeInput,
  options: { env?: Env; now?: Date; random?: RandomBytes } = {},
): Promise<IssuedCode> {
  const env = options.env ?? process.env;
  const mode = readEnv({ nodeEnv: platformEnv.nodeEnv, demoMode: platformEnv.demoMode }, env);
  const ctx = await createVerificationContext(db, {
    config: readEnv(verificationEnv, env),
    keys: keysConfigFrom(readEnv(keysEnv, env), mode),
    clock: () => options.now ?? new Date(),
    random: options.random ?? ((n) => new Uint8Array(randomBytes(n))),
  });
  return issueCodeWith(db, ctx, input);
}

export interface CodeStatus {
  uuid: string;
  testType: TestType;
  claimed: boolean;
  expiresAt: Date;
  longExpiresAt: Date;
  /** Whether the short / long code can no longer be used (claimed or past its expiry). */
  expired: boolean;
  longExpired: boolean;
}

/** Status of a code for the officer who issued it (404 code_not_found for anyone else). */
export async function codeStatus(
  db: Db,
  ctx: VerificationContext,
  uuid: string,
  officer: number,
): Promise<CodeStatus> {
  const row = await findOfficerCode(db, uuid, officer);
  if (!row) throw verificationProblem("code_not_found", "No code with this id was issued by you");
  const now = ctx.clock();
  return {
    uuid: row.uuid,
    testType: row.testType,
    claimed: row.claimedAt !== null,
    expiresAt: row.expiresAt,
    longExpiresAt: row.longExpiresAt,
    expired: codeOutcome(row, "short", now) !== "ok",
    longExpired: codeOutcome(row, "long", now) !== "ok",
  };
}

export interface VerifiedCode {
  token: string;
  testType: TestType;
  symptomDate: string | null;
  testDate: string | null;
}

/** Claims a code (single use) and returns a token valid VERIFICATION_TOKEN_TTL. */
export async function verifyCode(
  db: Db,
  ctx: VerificationContext,
  input: { code: string; accept?: readonly string[] | undefined },
): Promise<VerifiedCode> {
  const normalized = normalizeCode(input.code);
  if (!normalized) throw verificationProblem("code_invalid", "Not a verification code");
  const hash = codeHash(ctx.codeSecret, normalized);
  const now = ctx.clock();
  return transaction(db, async (tx) => {
    const row = await findCodeForUpdate(tx, hash);
    if (!row) throw verificationProblem("code_invalid", "Unknown verification code");
    const outcome = codeOutcome(row, normalized.kind, now);
    if (outcome === "code_used") throw verificationProblem(outcome, "This code was already used");
    if (outcome === "code_expired") throw verificationProblem(outcome, "This code has expired");
    if (input.accept && input.accept.length > 0 && !input.accept.includes(row.testType)) {
      throw verificationProblem("unsupported_test_type", `The app does not accept test type ${row.testType}`);
    }
    const token = newToken(ctx.random);
    await claimCode(tx, row, {
      tokenHash: tokenHash(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + ctx.config.tokenTtlMs),
    });
    return { token, testType: row.testType, symptomDate: row.symptomDate, testDate: row.testDate };
  });
}

/** Decodes the app's key HMAC (`ekeyhmac`): base64 of exactly 32 bytes (HMAC-SHA256). */
export function decodeKeyHmac(ekeyhmac: string): Uint8Array {
  let mac: Uint8Array;
  try {
    mac = base64ToBytes(ekeyhmac);
  } catch {
    throw verificationProblem("hmac_invalid", "ekeyhmac is not base64");
  }
  if (mac.length !== 32) throw verificationProblem("hmac_invalid", "ekeyhmac must be 32 bytes (HMAC-SHA256)");
  return mac;
}

/** Uses a token (single use) and returns a certificate for the key HMAC, valid VERIFICATION_CERTIFICATE_TTL. */
export async function issueCertificate(
  db: Db,
  ctx: VerificationContext,
  input: { token: string; ekeyhmac: string },
): Promise<{ certificate: string; testType: TestType }> {
  const mac = decodeKeyHmac(input.ekeyhmac);
  const key = await getActiveSigningKey(db, "certificate", { config: ctx.keys });
  const now = ctx.clock();
  return transaction(db, async (tx) => {
    const row = await findTokenForUpdate(tx, tokenHash(input.token));
    if (!row) throw verificationProblem("token_invalid", "Unknown verification token");
    const outcome = tokenOutcome(row, now);
    if (outcome === "token_used") throw verificationProblem(outcome, "This token was already used");
    if (outcome === "token_expired") throw verificationProblem(outcome, "This token has expired");
    await markTokenUsed(tx, row.id, now);
    const onset = symptomOnsetInterval(row);
    const certificate = await signCertificate(
      key,
      {
        reportType: row.testType,
        ...(onset === undefined ? {} : { symptomOnsetInterval: onset }),
        tekmac: bytesToBase64(mac),
        trisk: [],
      },
      {
        issuer: ctx.config.certificateIssuer,
        audience: ctx.config.certificateAudience,
        now,
        ttlMs: ctx.config.certificateTtlMs,
      },
    );
    return { certificate, testType: row.testType };
  });
}
