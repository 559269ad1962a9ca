/**
 * Wire shapes of the key server calls the phone makes (verification-server /v1/verify and /v1/certificate,
 * exposure-notifications-server /v1/publish) and strict parsers for their responses.
 */
import { UploadError } from "../errors.ts";

export interface VerifyResponse {
  token: string;
  /** "confirmed" | "likely" | "negative" | "close_contact" */
  testtype: string;
  /** YYYY-MM-DD, when the health authority recorded one. */
  symptomDate: string | undefined;
}

export interface CertificateResponse {
  certificate: string;
}

export interface PublishKey {
  key: string;
  rollingStartNumber: number;
  rollingPeriod: number;
  transmissionRisk: number;
}

export interface PublishRequest {
  temporaryExposureKeys: PublishKey[];
  healthAuthorityID: string;
  verificationPayload: string;
  hmacKey: string;
  symptomOnsetInterval?: number;
  revisionToken?: string;
  /** CWA CheckInProtectedReports (base64 fields), F0 uploads only. */
  checkInProtectedReports?: {
    locationIdHash: string;
    iv: string;
    encryptedCheckInRecord: string;
    mac: string;
  }[];
  padding: string;
}

export interface PublishResponse {
  revisionToken: string | undefined;
  insertedExposures: number;
  /** 0 when the server sent none (older servers, or reports dropped). */
  insertedCheckInReports: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The server's error code from a problem+json or verification-server error body, if any. */
export function serverErrorCode(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  for (const field of ["errorCode", "code", "error"]) {
    const v = body[field];
    if (typeof v === "string" && v.length > 0 && v.length < 200) return v;
  }
  return undefined;
}

/** Throws UploadError unless the response is a 2xx. */
export function expectOk(step: UploadError["step"], status: number, body: unknown): void {
  if (status >= 200 && status < 300) return;
  const code = serverErrorCode(body);
  throw new UploadError(
    code ?? `http_${status}`,
    step,
    `${step} failed with HTTP ${status}${code ? ` (${code})` : ""}`,
    status,
  );
}

function bad(step: UploadError["step"], what: string): UploadError {
  return new UploadError("bad_response", step, `${step} response is malformed: ${what}`);
}

export function parseVerifyResponse(body: unknown): VerifyResponse {
  if (!isRecord(body)) throw bad("verify", "not a JSON object");
  const { token, testtype, symptomDate } = body;
  if (typeof token !== "string" || token.length === 0) throw bad("verify", "no token");
  if (typeof testtype !== "string") throw bad("verify", "no testtype");
  if (
    symptomDate !== undefined &&
    symptomDate !== null &&
    symptomDate !== "" &&
    typeof symptomDate !== "string"
  ) {
    throw bad("verify", "symptomDate is not a string");
  }
  return {
    token,
    testtype,
    symptomDate: typeof symptomDate === "string" && symptomDate ? symptomDate : undefined,
  };
}

export function parseCertificateResponse(body: unknown): CertificateResponse {
  if (!isRecord(body) || typeof body.certificate !== "string" || body.certificate.length === 0) {
    throw bad("certificate", "no certificate");
  }
  return { certificate: body.certificate };
}

export function parsePublishResponse(body: unknown): PublishResponse {
  if (!isRecord(body)) throw bad("publish", "not a JSON object");
  const { revisionToken, insertedExposures, insertedCheckInReports } = body;
  if (
    typeof insertedExposures !== "number" ||
    !Number.isInteger(insertedExposures) ||
    insertedExposures < 0
  ) {
    throw bad("publish", "no insertedExposures count");
  }
  return {
    revisionToken: typeof revisionToken === "string" ? revisionToken : undefined,
    insertedExposures,
    insertedCheckInReports:
      typeof insertedCheckInReports === "number" &&
      Number.isInteger(insertedCheckInReports) &&
      insertedCheckInReports >= 0
        ? insertedCheckInReports
        : 0,
  };
}
