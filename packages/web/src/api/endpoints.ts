// The API calls the web app makes, one typed function each, over an ApiClient.
import type { ApiClient } from "./client.ts";
import type { AccountView, IssueCodeRequest, IssuedCode, LoginRequest, LoginResponse } from "./types.ts";

export interface BluezoneApi {
  /** POST /v1/auth/login. */
  login(body: LoginRequest): Promise<LoginResponse>;
  /** POST /v1/auth/logout (ends the session on the server; idempotent). */
  logout(): Promise<void>;
  /** GET /v1/auth/me: the signed-in official. */
  me(): Promise<AccountView>;
  /** POST /v1/codes: a health authority officer issues a verification code. */
  issueCode(body: IssueCodeRequest): Promise<IssuedCode>;
}

export function bluezoneApi(client: ApiClient): BluezoneApi {
  return {
    login: (body) => client.post<LoginResponse>("/v1/auth/login", body),
    logout: () => client.post<void>("/v1/auth/logout", undefined, { auth: true }),
    me: () => client.get<AccountView>("/v1/auth/me", { auth: true }),
    issueCode: (body) => client.post<IssuedCode>("/v1/codes", body, { auth: true }),
  };
}
