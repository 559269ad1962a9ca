import type { HttpJsonResponse } from "@bluezone/device";
import { describe, expect, it } from "vitest";
import type { JsonApi } from "./api.ts";
import { fetchExposureSource, HealthAuthorityOfficer, ServerApiError } from "./server-api.ts";

interface Call {
  method: string;
  path: string;
  body: unknown;
  bearer: string | undefined;
}

/** A JsonApi answering from a queue of responses, recording the calls. */
function scripted(...responses: HttpJsonResponse[]): { api: JsonApi; calls: Call[] } {
  const calls: Call[] = [];
  const api: JsonApi = async (method, path, options = {}) => {
    calls.push({ method, path, body: options.body, bearer: options.bearer });
    const next = responses.shift();
    if (!next) throw new Error(`unexpected call ${method} ${path}`);
    return next;
  };
  return { api, calls };
}

const CODE = { uuid: "7b0c1a6e-1f0a-4c1e-9d9e-1c1f0a4c1e9d", code: "12345678", longCode: "ABCDEFGHJKMNPQRS" };

describe("HealthAuthorityOfficer", () => {
  it("logs in, then issues codes with its bearer token and the Vietnam time zone", async () => {
    const { api, calls } = scripted({ status: 200, body: { token: "s1" } }, { status: 200, body: CODE });
    const officer = await HealthAuthorityOfficer.login(api, "cdc", "pw");
    expect(await officer.issueCode({ testType: "confirmed", symptomDate: "2026-11-02" })).toEqual(CODE);
    expect(calls).toEqual([
      {
        method: "POST",
        path: "/v1/auth/login",
        body: { username: "cdc", password: "pw" },
        bearer: undefined,
      },
      {
        method: "POST",
        path: "/v1/codes",
        body: { testType: "confirmed", symptomDate: "2026-11-02", tzOffset: 420 },
        bearer: "s1",
      },
    ]);
  });

  it("logs in again once when the session has expired", async () => {
    const { api, calls } = scripted(
      { status: 200, body: { token: "s1" } },
      { status: 401, body: { title: "Unauthorized" } },
      { status: 200, body: { token: "s2" } },
      { status: 200, body: CODE },
    );
    const officer = await HealthAuthorityOfficer.login(api, "cdc", "pw");
    expect((await officer.issueCode({ testType: "close_contact" })).code).toBe("12345678");
    expect(calls.map((c) => `${c.path} ${c.bearer ?? "-"}`)).toEqual([
      "/v1/auth/login -",
      "/v1/codes s1",
      "/v1/auth/login -",
      "/v1/codes s2",
    ]);
  });

  it("reports failures with the status and the problem's title, never the password", async () => {
    const bad = scripted({
      status: 401,
      body: { title: "Unauthorized", detail: "Wrong username or password" },
    });
    const error = await HealthAuthorityOfficer.login(bad.api, "cdc", "secret-pw").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerApiError);
    expect((error as Error).message).toBe(
      "login failed with HTTP 401 (Unauthorized: Wrong username or password)",
    );
    expect((error as Error).message).not.toContain("secret-pw");

    const forbidden = scripted(
      { status: 200, body: { token: "s" } },
      { status: 403, body: { title: "Forbidden" } },
    );
    const officer = await HealthAuthorityOfficer.login(forbidden.api, "province", "pw");
    await expect(officer.issueCode({ testType: "confirmed" })).rejects.toThrow(
      "issuing a code failed with HTTP 403 (Forbidden)",
    );
  });
});

describe("fetchExposureSource", () => {
  it("configures the phones with every export public key and the blob folder", async () => {
    const { api } = scripted({
      status: 200,
      body: {
        keys: [
          { keyId: "bluezone-export", version: "v2", algorithm: "1.2.840.10045.4.3.2", publicKeyPem: "PEM2" },
          { keyId: "bluezone-export", version: "v1", algorithm: "1.2.840.10045.4.3.2", publicKeyPem: "PEM1" },
        ],
      },
    });
    expect(await fetchExposureSource(api, "http://cdn.test/blobs")).toEqual({
      blobBaseUrl: "http://cdn.test/blobs",
      region: "exposureKeyExport-VN",
      publicKeys: [
        { key: "PEM2", keyId: "bluezone-export", version: "v2" },
        { key: "PEM1", keyId: "bluezone-export", version: "v1" },
      ],
    });
  });

  it("refuses an answer without keys", async () => {
    await expect(
      fetchExposureSource(scripted({ status: 200, body: { keys: [] } }).api, "http://x"),
    ).rejects.toThrow(ServerApiError);
    await expect(
      fetchExposureSource(scripted({ status: 404, body: undefined }).api, "http://x"),
    ).rejects.toThrow(/export-keys failed with HTTP 404/);
  });
});
