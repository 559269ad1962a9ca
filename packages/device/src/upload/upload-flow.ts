/**
 * The consented upload flow (internal; reached only through DeviceEngine.uploadKeys): verify the code ->
 * tekmac of the keys with a fresh random HMAC key -> certificate -> publish. Refuses to run without
 * `consent: true` and never publishes for a "negative" code. The server sets the report type from the
 * certificate (close_contact -> RECURSIVE), so the phone sends the same keys for every test type. With a
 * confirmed or likely code (F0) it also sends the wallet's check-ins as CWA protected reports, unless the user
 * turned that off (`shareCheckIns: false`); a close contact's check-ins are never sent (the server would drop them).
 */
import {
  bytesToBase64,
  computeTekMacBase64,
  enIntervalNumber,
  type TemporaryExposureKey,
} from "@bluezone/protocol";
import type { Http, Random } from "../adapters.ts";
import type { CheckInUploadReports } from "../checkin/wallet.ts";
import type { KeyServerConfig } from "../config.ts";
import { ConsentRequiredError, UploadError } from "../errors.ts";
import {
  expectOk,
  type PublishKey,
  type PublishRequest,
  parseCertificateResponse,
  parsePublishResponse,
  parseVerifyResponse,
} from "./key-server-api.ts";

/** What the user gives the app: the health authority's code and an explicit yes. */
export interface UploadRequest {
  code: string;
  /** Must be the literal `true`: the user confirmed sharing their keys on this screen. */
  consent: true;
  /**
   * Whether the same consent covers the venue check-ins on this phone (default true; the screen shows a
   * separate switch). Only F0 uploads (confirmed / likely codes) send check-ins.
   */
  shareCheckIns?: boolean;
}

export interface UploadOutcome {
  testType: string;
  keyCount: number;
  insertedExposures: number;
  revisionToken: string | undefined;
  /** Check-in reports sent / stored by the server (0 when not shared). */
  checkInReportCount: number;
  insertedCheckInReports: number;
  /** Wallet check-ins whose reports this upload carried (stored by the server). */
  reportedCheckInIds: string[];
}

/** Test types for which the phone publishes (close_contact: F1 -> keys published as RECURSIVE). */
export const UPLOADABLE_TEST_TYPES: readonly string[] = ["confirmed", "likely", "close_contact"];

/** Test types whose uploads carry the check-ins (F0: a confirmed or likely case), as in CWA. */
export const CHECK_IN_TEST_TYPES: readonly string[] = ["confirmed", "likely"];

/** Publish requests are padded to about this many characters so their size does not reveal the key count. */
export const PUBLISH_PADDED_CHARS = 4096;

/** Base64 padding bringing `payloadChars` to ~PUBLISH_PADDED_CHARS, plus 0..63 random bytes of jitter. */
export function publishPadding(payloadChars: number, random: Random): string {
  const missingChars = Math.max(16, PUBLISH_PADDED_CHARS - payloadChars);
  const jitter = random.bytes(1)[0]! & 63;
  return bytesToBase64(random.bytes(Math.ceil((missingChars * 3) / 4) + jitter));
}

/** Interval number of a YYYY-MM-DD symptom date (UTC midnight), or undefined. */
export function symptomOnsetInterval(symptomDate: string | undefined): number | undefined {
  const m = symptomDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(symptomDate) : null;
  if (!m) return undefined;
  return enIntervalNumber(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000);
}

export interface UploadFlowDeps {
  http: Http;
  random: Random;
  keyServer: KeyServerConfig;
  transmissionRisk: number;
  /** The TEKs to share (the retained last 14 days). */
  keys: readonly TemporaryExposureKey[];
  /** From the previous publish, if any. */
  revisionToken: string | undefined;
  /** The wallet's unreported check-ins as protected reports (called only for an F0 upload that shares them). */
  checkInReports?: (() => Promise<CheckInUploadReports>) | undefined;
}

export async function runUploadFlow(deps: UploadFlowDeps, request: UploadRequest): Promise<UploadOutcome> {
  if (request?.consent !== true) throw new ConsentRequiredError();
  if (typeof request.code !== "string" || request.code.trim() === "") {
    throw new UploadError("bad_code", "verify", "a verification code is required");
  }
  if (deps.keys.length === 0) throw new UploadError("no_keys", "policy", "this phone has no keys to share");
  const base = deps.keyServer.baseUrl;

  const verifyRes = await deps.http.postJson(`${base}/v1/verify`, { code: request.code.trim() });
  expectOk("verify", verifyRes.status, verifyRes.body);
  const verified = parseVerifyResponse(verifyRes.body);
  if (!UPLOADABLE_TEST_TYPES.includes(verified.testtype)) {
    throw new UploadError(
      verified.testtype === "negative" ? "negative_test" : "unsupported_test_type",
      "policy",
      `keys are not shared for a "${verified.testtype}" code`,
    );
  }

  const macKeys = deps.keys.map((k) => ({ ...k, transmissionRiskLevel: deps.transmissionRisk }));
  const hmacKey = deps.random.bytes(32);
  const certRes = await deps.http.postJson(`${base}/v1/certificate`, {
    token: verified.token,
    ekeyhmac: computeTekMacBase64(macKeys, hmacKey),
  });
  expectOk("certificate", certRes.status, certRes.body);
  const { certificate } = parseCertificateResponse(certRes.body);

  const temporaryExposureKeys: PublishKey[] = deps.keys.map((k) => ({
    key: bytesToBase64(k.keyData),
    rollingStartNumber: k.rollingStartIntervalNumber,
    rollingPeriod: k.rollingPeriod,
    transmissionRisk: deps.transmissionRisk,
  }));
  const body: PublishRequest = {
    temporaryExposureKeys,
    healthAuthorityID: deps.keyServer.healthAuthorityID,
    verificationPayload: certificate,
    hmacKey: bytesToBase64(hmacKey),
    padding: "",
  };
  const shareCheckIns =
    request.shareCheckIns !== false && CHECK_IN_TEST_TYPES.includes(verified.testtype) && deps.checkInReports;
  const checkIns = shareCheckIns ? await shareCheckIns() : { reports: [], checkInIds: [] };
  if (checkIns.reports.length > 0) body.checkInProtectedReports = checkIns.reports;
  const onset = symptomOnsetInterval(verified.symptomDate);
  if (onset !== undefined) body.symptomOnsetInterval = onset;
  if (deps.revisionToken) body.revisionToken = deps.revisionToken;
  body.padding = publishPadding(JSON.stringify(body).length, deps.random);

  const pubRes = await deps.http.postJson(`${base}/v1/publish`, body);
  expectOk("publish", pubRes.status, pubRes.body);
  const published = parsePublishResponse(pubRes.body);
  return {
    testType: verified.testtype,
    keyCount: temporaryExposureKeys.length,
    insertedExposures: published.insertedExposures,
    revisionToken: published.revisionToken,
    checkInReportCount: checkIns.reports.length,
    insertedCheckInReports: published.insertedCheckInReports,
    reportedCheckInIds: published.insertedCheckInReports > 0 ? checkIns.checkInIds : [],
  };
}
