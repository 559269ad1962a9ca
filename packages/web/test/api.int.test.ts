// The web app's API client against the real server (every feature, PGlite): its request and response types
// match the OpenAPI document generated from the server's TypeBox schemas, and its calls and problem
// handling work end to end.
import { createAccount, createTestApp, features, type TestApp } from "@bluezone/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, ApiError, type FetchLike } from "../src/api/client.ts";
import { bluezoneApi } from "../src/api/endpoints.ts";
import { describeProblem } from "../src/api/problem.ts";
import {
  type AccountView,
  type IssueCodeRequest,
  type IssuedCode,
  type LoginRequest,
  type LoginResponse,
  ROLES,
  TEST_TYPES,
} from "../src/api/types.ts";
import { createI18n, lookup } from "../src/i18n/index.ts";

/** The property names of a web type, checked exhaustive at compile time. */
const keysOf = <T>(record: Record<keyof T, true>): string[] => Object.keys(record).sort();

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: string[];
  anyOf?: JsonSchema[];
}

/** A fetch that goes through app.inject (no socket). */
const injectFetch =
  (t: TestApp): FetchLike =>
  async (url, init) => {
    const res = await t.app.inject({
      method: init.method as "GET" | "POST",
      url,
      headers: init.headers as Record<string, string>,
      ...(typeof init.body === "string" ? { payload: init.body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers.set(name, String(value));
    }
    return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode, headers });
  };

let t: TestApp;
let openapi: {
  paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
};

beforeAll(async () => {
  t = await createTestApp({ features, env: { AUTH_SCRYPT_COST: "10", WEB_ENABLED: "false" } });
  openapi = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
});
afterAll(async () => {
  await t?.close();
});

function schemaOf(path: string, method: string, part: "request" | "200"): JsonSchema {
  const operation = openapi.paths[path]?.[method] as
    | {
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        responses: Record<string, unknown>;
      }
    | undefined;
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`);
  const content =
    part === "request"
      ? operation.requestBody?.content
      : (operation.responses["200"] as { content: Record<string, { schema: JsonSchema }> }).content;
  const schema = content?.["application/json"]?.schema;
  if (!schema) throw new Error(`no JSON schema for ${method.toUpperCase()} ${path} ${part}`);
  return schema;
}

const props = (schema: JsonSchema) => Object.keys(schema.properties ?? {}).sort();

describe("web API types match the server's schemas", () => {
  it("login request and response", () => {
    const request = schemaOf("/v1/auth/login", "post", "request");
    expect(props(request)).toEqual(keysOf<LoginRequest>({ username: true, password: true }));
    const response = schemaOf("/v1/auth/login", "post", "200");
    expect(props(response)).toEqual(
      keysOf<LoginResponse>({ token: true, tokenType: true, expiresAt: true, account: true }),
    );
    const account = response.properties?.account as JsonSchema;
    expect(props(account)).toEqual(keysOf<AccountView>({ username: true, role: true, unitCode: true }));
    expect(props(schemaOf("/v1/auth/me", "get", "200"))).toEqual(props(account));
    const role = account.properties?.role as JsonSchema;
    const roles = role.enum ?? role.anyOf?.flatMap((s) => s.enum ?? []);
    expect([...(roles ?? [])].sort()).toEqual([...ROLES].sort());
  });

  it("code issuing request and response", () => {
    const request = schemaOf("/v1/codes", "post", "request");
    const ours = keysOf<IssueCodeRequest>({
      testType: true,
      symptomDate: true,
      testDate: true,
      tzOffset: true,
    });
    expect(props(request)).toEqual(expect.arrayContaining(ours));
    expect(request.required ?? []).toEqual(["testType"]);
    const testType = request.properties?.testType as JsonSchema;
    const types = testType.enum ?? testType.anyOf?.flatMap((s) => s.enum ?? []);
    expect([...(types ?? [])].sort()).toEqual([...TEST_TYPES].sort());
    const response = schemaOf("/v1/codes", "post", "200");
    const issued = keysOf<IssuedCode>({
      code: true,
      longCode: true,
      expiresAt: true,
      longExpiresAt: true,
      uuid: true,
    });
    expect(props(response)).toEqual(issued);
    expect([...(response.required ?? [])].sort()).toEqual(issued);
  });
});

describe("web API client against the server", () => {
  it("signs in, reads the account, issues a code, and reports problems in the user's language", async () => {
    await createAccount(
      t.db,
      { username: "cdc.danang", password: "correct-horse-battery", role: "health_authority", unitCode: "48" },
      { scryptCost: 10 },
    );
    let token: string | null = null;
    let ended = 0;
    const api = bluezoneApi(
      new ApiClient({ fetch: injectFetch(t), token: () => token, onUnauthorized: () => void ended++ }),
    );

    const wrong = await api
      .login({ username: "cdc.danang", password: "wrong-password" })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ApiError);
    const vi = createI18n("vi");
    expect(describeProblem((wrong as ApiError).problem, (key) => lookup(vi, key))).toEqual({
      title: "Đăng nhập không thành công",
      detail: "Sai tên đăng nhập hoặc mật khẩu.",
    });

    const login = await api.login({ username: "cdc.danang", password: "correct-horse-battery" });
    expect(login.account).toEqual({ username: "cdc.danang", role: "health_authority", unitCode: "48" });
    token = login.token;
    expect(await api.me()).toEqual(login.account);

    const issued = await api.issueCode({ testType: "confirmed", tzOffset: 420 });
    expect(issued.code).toMatch(/^\d{8}$/);
    expect(issued.longCode).toMatch(/^[2-9A-Z]{16}$/);
    expect(Date.parse(issued.expiresAt)).toBeLessThan(Date.parse(issued.longExpiresAt));

    const future = await api
      .issueCode({ testType: "likely", symptomDate: "2999-01-01", tzOffset: 420 })
      .catch((e: unknown) => e);
    expect((future as ApiError).status).toBe(400);
    expect(describeProblem((future as ApiError).problem, (key) => lookup(vi, key)).title).toBe(
      "Ngày không hợp lệ",
    );

    await api.logout();
    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    expect(ended).toBe(1);
  });
});
