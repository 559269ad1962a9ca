// The HTTP API's request and response shapes the web app uses, mirroring the server's TypeBox schemas
// (packages/server/src/auth/schemas.ts, src/verification/schemas.ts); test/api.int.test.ts checks them.

/** Officials' roles (server: auth/model.ts ROLES). */
export const ROLES = [
  "national",
  "province",
  "commune",
  "agency",
  "health_authority",
  "venue_owner",
] as const;
export type Role = (typeof ROLES)[number];

/** POST /v1/auth/login body. */
export interface LoginRequest {
  username: string;
  password: string;
}

/** GET /v1/auth/me; also `account` of the login response. */
export interface AccountView {
  username: string;
  role: Role;
  unitCode: string | null;
}

/** POST /v1/auth/login response. */
export interface LoginResponse {
  /** Opaque session token, sent as `Authorization: Bearer <token>`. */
  token: string;
  tokenType: "Bearer";
  /** ISO 8601 date-time. */
  expiresAt: string;
  account: AccountView;
}

/** Test types a verification code can be issued for. */
export const TEST_TYPES = ["confirmed", "likely", "negative", "close_contact"] as const;
export type TestType = (typeof TEST_TYPES)[number];

/** POST /v1/codes body. */
export interface IssueCodeRequest {
  testType: TestType;
  /** Symptom onset, "YYYY-MM-DD" (the officer's local date; not in the future, at most 14 days ago by default). */
  symptomDate?: string;
  /** Test date, "YYYY-MM-DD" (same rules). */
  testDate?: string;
  /** The officer's UTC offset in minutes (Asia/Ho_Chi_Minh: 420), so "today" is the officer's today. */
  tzOffset?: number;
}

/** POST /v1/codes response. */
export interface IssuedCode {
  /** Short code: 8 digits, read out or typed by the patient. */
  code: string;
  /** Long code, sent by SMS link. */
  longCode: string;
  /** ISO 8601 date-time when the short code expires. */
  expiresAt: string;
  /** ISO 8601 date-time when the long code expires. */
  longExpiresAt: string;
  /** Identifier of the issued code (for status look-ups). */
  uuid: string;
}
