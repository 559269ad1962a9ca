import { describe, expect, it } from "vitest";
import { fetchJsonApi, type Injectable, InjectHttp } from "./api.ts";

type InjectRequest = Parameters<Injectable["inject"]>[0];

/** An app that answers from a table and records what it was asked. */
function fakeApp(answers: Record<string, { status: number; body: string | Uint8Array }>) {
  const requests: InjectRequest[] = [];
  const app: Injectable = {
    inject: async (request) => {
      requests.push(request);
      const a = answers[`${request.method} ${request.url}`] ?? { status: 404, body: '{"title":"Not Found"}' };
      const raw = typeof a.body === "string" ? new TextEncoder().encode(a.body) : a.body;
      return { statusCode: a.status, rawPayload: Buffer.from(raw) };
    },
  };
  return { app, requests };
}

describe("InjectHttp", () => {
  it("maps URLs under its base URL to app paths and refuses other origins", () => {
    const http = new InjectHttp(fakeApp({}).app, "http://bluezone.local/");
    expect(http.pathOf("http://bluezone.local/blobs/exposureKeyExport-VN/index.txt")).toBe(
      "/blobs/exposureKeyExport-VN/index.txt",
    );
    expect(http.pathOf("http://bluezone.local")).toBe("/");
    expect(() => http.pathOf("http://bluezone.local.evil/v1/verify")).toThrow(
      /not under http:\/\/bluezone.local/,
    );
    expect(() => http.pathOf("https://cdn.example/index.txt")).toThrow(/not under/);
  });

  it("returns raw bytes and error statuses without throwing", async () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255]);
    const { app } = fakeApp({ "GET /blobs/a.zip": { status: 200, body: zip } });
    const http = new InjectHttp(app, "http://x.test");
    const ok = await http.get("http://x.test/blobs/a.zip");
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(zip);
    expect(ok.body).toBeInstanceOf(Uint8Array);
    expect((await http.get("http://x.test/blobs/missing")).status).toBe(404);
  });

  it("posts JSON and parses the answer (undefined when it is not JSON)", async () => {
    const { app, requests } = fakeApp({
      "POST /v1/verify": { status: 200, body: '{"token":"t","testtype":"confirmed"}' },
      "POST /v1/publish": { status: 500, body: "<html>oops</html>" },
    });
    const http = new InjectHttp(app, "http://x.test");
    expect(await http.postJson("http://x.test/v1/verify", { code: "12345678" })).toEqual({
      status: 200,
      body: { token: "t", testtype: "confirmed" },
    });
    expect(requests[0]).toMatchObject({
      method: "POST",
      url: "/v1/verify",
      headers: { "content-type": "application/json" },
      payload: '{"code":"12345678"}',
    });
    expect(await http.postJson("http://x.test/v1/publish", {})).toEqual({ status: 500, body: undefined });
  });

  it("serves the officer's JSON API on the same app, with a bearer token", async () => {
    const { app, requests } = fakeApp({ "POST /v1/codes": { status: 200, body: '{"code":"1"}' } });
    const api = new InjectHttp(app, "http://x.test").api();
    expect(await api("POST", "/v1/codes", { body: { testType: "confirmed" }, bearer: "tok" })).toEqual({
      status: 200,
      body: { code: "1" },
    });
    expect(requests[0]?.headers).toMatchObject({ authorization: "Bearer tok" });
    await api("GET", "/v1/export-keys");
    expect(requests[1]).toEqual({
      method: "GET",
      url: "/v1/export-keys",
      headers: { accept: "application/json" },
    });
  });
});

describe("fetchJsonApi", () => {
  it("calls fetch with the base URL, JSON body and bearer token", async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetchFn = (async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      return new Response('{"token":"abc"}', { status: 200 });
    }) as typeof fetch;
    const api = fetchJsonApi("http://server.test/", fetchFn);
    expect(await api("POST", "/v1/auth/login", { body: { username: "u" }, bearer: "b" })).toEqual({
      status: 200,
      body: { token: "abc" },
    });
    expect(calls[0]?.url).toBe("http://server.test/v1/auth/login");
    expect(calls[0]?.init).toMatchObject({
      method: "POST",
      body: '{"username":"u"}',
      headers: { authorization: "Bearer b", "content-type": "application/json" },
    });
  });
});
