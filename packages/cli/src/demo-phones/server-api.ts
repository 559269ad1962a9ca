/**
 * The server calls the demo makes besides the phones' own: a health-authority officer logs in and issues
 * one-time codes (POST /v1/auth/login, POST /v1/codes), and phones are configured from GET /v1/export-keys.
 */
import type { ExposureSourceConfig } from "@bluezone/device";
import type { JsonApi } from "./api.ts";

/** Blob folder of the default region (EXPORT_FILE_PREFIX "exposureKeyExport" + region "VN"). */
export const DEFAULT_REGION_FOLDER = "exposureKeyExport-VN";

/** healthAuthorityID the server accepts by default (SUBMISSION_HEALTH_AUTHORITY_IDS). */
export const DEFAULT_HEALTH_AUTHORITY_ID = "vn.bluezone";

export type CodeTestType = "confirmed" | "likely" | "negative" | "close_contact";

export interface CodeRequest {
  testType: CodeTestType;
  /** YYYY-MM-DD in the officer's time zone. */
  symptomDate?: string;
  testDate?: string;
}

export interface IssuedCode {
  uuid: string;
  /** 8 digits, valid 15 minutes. */
  code: string;
  longCode: string;
}

/** A server answer that is not what the demo needs; the message carries status and problem title only. */
export class ServerApiError extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    body: unknown,
  ) {
    const problem = body as { title?: unknown; detail?: unknown } | undefined;
    const what = [problem?.title, problem?.detail].filter((x) => typeof x === "string").join(": ");
    super(`${step} failed with HTTP ${status}${what ? ` (${what})` : ""}`);
    this.name = "ServerApiError";
  }
}

const record = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};

async function login(api: JsonApi, username: string, password: string): Promise<string> {
  const res = await api("POST", "/v1/auth/login", { body: { username, password } });
  const token = record(res.body).token;
  if (res.status !== 200 || typeof token !== "string")
    throw new ServerApiError("login", res.status, res.body);
  return token;
}

/**
 * A health-authority officer signed in through the real API. Sessions expire (AUTH_SESSION_TTL, 12 h), so
 * a request answered 401 logs in again once, like an officer starting a new shift.
 */
export class HealthAuthorityOfficer {
  readonly #api: JsonApi;
  readonly #username: string;
  readonly #password: string;
  #bearer: string;

  private constructor(api: JsonApi, username: string, password: string, bearer: string) {
    this.#api = api;
    this.#username = username;
    this.#password = password;
    this.#bearer = bearer;
  }

  /** POST /v1/auth/login; the account must have the role health_authority to issue codes. */
  static async login(api: JsonApi, username: string, password: string): Promise<HealthAuthorityOfficer> {
    return new HealthAuthorityOfficer(api, username, password, await login(api, username, password));
  }

  /** POST /v1/codes (Asia/Ho_Chi_Minh officer: tzOffset 420). */
  async issueCode(request: CodeRequest): Promise<IssuedCode> {
    const send = () =>
      this.#api("POST", "/v1/codes", { body: { ...request, tzOffset: 420 }, bearer: this.#bearer });
    let res = await send();
    if (res.status === 401) {
      this.#bearer = await login(this.#api, this.#username, this.#password);
      res = await send();
    }
    const b = record(res.body);
    if (res.status !== 200 || typeof b.code !== "string" || typeof b.uuid !== "string") {
      throw new ServerApiError("issuing a code", res.status, res.body);
    }
    return { uuid: b.uuid, code: b.code, longCode: String(b.longCode ?? "") };
  }
}

/** GET /v1/export-keys -> the phones' exposure source: the server's export public keys and blob folder. */
export async function fetchExposureSource(
  api: JsonApi,
  blobBaseUrl: string,
  region: string = DEFAULT_REGION_FOLDER,
): Promise<ExposureSourceConfig> {
  const res = await api("GET", "/v1/export-keys");
  const keys = record(res.body).keys;
  if (res.status !== 200 || !Array.isArray(keys) || keys.length === 0) {
    throw new ServerApiError("GET /v1/export-keys", res.status, res.body);
  }
  return {
    blobBaseUrl,
    region,
    publicKeys: keys.map((k) => {
      const { publicKeyPem, keyId, version } = record(k);
      if (typeof publicKeyPem !== "string") throw new ServerApiError("GET /v1/export-keys", res.status, k);
      return {
        key: publicKeyPem,
        ...(typeof keyId === "string" ? { keyId } : {}),
        ...(typeof version === "string" ? { version } : {}),
      };
    }),
  };
}
