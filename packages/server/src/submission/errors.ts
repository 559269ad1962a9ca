// Problems of the publish API (problem+json with an `errorCode`, after the reference key server's codes).
import type { ProblemError } from "../platform/errors.ts";
import { codedProblem } from "../verification/errors.ts";

export const SUBMISSION_ERRORS = {
  unknown_health_authority_id: { status: 401, title: "Unknown health authority" },
  certificate_invalid: { status: 401, title: "Verification certificate invalid" },
  certificate_expired: { status: 401, title: "Verification certificate expired" },
  no_keys: { status: 400, title: "No keys" },
  too_many_keys: { status: 400, title: "Too many keys" },
  invalid_key: { status: 400, title: "Invalid key" },
  duplicate_key: { status: 400, title: "Duplicate key" },
  invalid_rolling_period: { status: 400, title: "Invalid rolling period" },
  invalid_transmission_risk: { status: 400, title: "Invalid transmission risk" },
  key_too_old: { status: 400, title: "Key too old" },
  key_in_future: { status: 400, title: "Key in the future" },
  too_many_same_start_keys: { status: 400, title: "Too many keys with the same start" },
  key_overlap: { status: 400, title: "Overlapping keys" },
  hmac_key_invalid: { status: 400, title: "Invalid HMAC key" },
  hmac_mismatch: { status: 400, title: "Keys do not match the certificate" },
  missing_revision_token: { status: 400, title: "Revision token required" },
  invalid_revision_token: { status: 400, title: "Invalid revision token" },
  key_already_revised: { status: 400, title: "Key already revised" },
  invalid_revision_transition: { status: 400, title: "Report type change not allowed" },
  too_many_check_in_reports: { status: 400, title: "Too many check-in reports" },
  invalid_check_in_report: { status: 400, title: "Invalid check-in report" },
} as const;

export type SubmissionErrorCode = keyof typeof SUBMISSION_ERRORS;

export function submissionProblem(code: SubmissionErrorCode, detail: string): ProblemError {
  const { status, title } = SUBMISSION_ERRORS[code];
  return codedProblem(status, code, title, detail);
}
