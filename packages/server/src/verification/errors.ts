// Problems of the verification API as RFC 9457 problem+json with the reference server's `errorCode`
// (code_invalid, token_expired, ...); codedProblem is shared with submission/.
import { ProblemError, problemType } from "../platform/errors.ts";

/** A problem whose `errorCode` extension tells apps what went wrong (type = urn:bluezone:problem:<code>). */
export function codedProblem(
  status: number,
  errorCode: string,
  title: string,
  detail: string,
  headers?: Record<string, string>,
): ProblemError {
  return new ProblemError(status, {
    type: problemType(errorCode.replace(/_/g, "-")),
    title,
    detail,
    extra: { errorCode },
    ...(headers ? { headers } : {}),
  });
}

export const VERIFICATION_ERRORS = {
  code_invalid: { status: 400, title: "Invalid verification code" },
  code_expired: { status: 400, title: "Verification code expired" },
  code_used: { status: 400, title: "Verification code already used" },
  code_not_found: { status: 404, title: "Code not found" },
  unsupported_test_type: { status: 400, title: "Test type not accepted by the app" },
  invalid_date: { status: 400, title: "Invalid symptom or test date" },
  token_invalid: { status: 400, title: "Invalid verification token" },
  token_expired: { status: 400, title: "Verification token expired" },
  token_used: { status: 400, title: "Verification token already used" },
  hmac_invalid: { status: 400, title: "Invalid key HMAC" },
  quota_exceeded: { status: 429, title: "Code issuing quota exceeded" },
} as const;

export type VerificationErrorCode = keyof typeof VERIFICATION_ERRORS;

/** The problem for a verification error code. */
export function verificationProblem(
  code: VerificationErrorCode,
  detail: string,
  headers?: Record<string, string>,
): ProblemError {
  const { status, title } = VERIFICATION_ERRORS[code];
  return codedProblem(status, code, title, detail, headers);
}
