import { describe, expect, it, vi } from "vitest";
import { ApiClient, ApiError, type FetchLike } from "./client.ts";
import { bluezoneApi } from "./endpoints.ts";

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>): {
  fetch: FetchLike;
  calls: Call[];
} {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      const call = { url, init };
      calls.push(call);
      return respond(call);
    },
  };
}

/** The headers a call sent (the client always passes a plain object). */
const headersOf = (call: Call | undefined): Record<string, string> =>
  (call?.init.headers ?? {}) as Record<string, string>;

const json = (status: number, body: unknown, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": type } });

describe("ApiClient", () => {
  it("sends JSON and parses the JSON answer", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { token: "t", tokenType: "Bearer" }));
    const client = new ApiClient({ baseUrl: "https://bz.example/", fetch });
    const result = await client.post<{ token: string }>("/v1/auth/login", { username: "a", password: "b" });
    expect(result).toEqual({ token: "t", tokenType: "Bearer" });
    expect(calls[0]?.url).toBe("https://bz.example/v1/auth/login");
    expect(calls[0]?.init.method).toBe("POST");
    expect(calls[0]?.init.body).toBe('{"username":"a","password":"b"}');
    const headers = headersOf(calls[0]);
    expect(headers["content-type"]).toBe("application/json");
    expect(headers.authorization).toBeUndefined();
  });

  it("sends the session token only on authenticated calls", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { username: "health" }));
    const client = new ApiClient({ fetch, token: () => "session-token-123" });
    await client.get("/v1/auth/me", { auth: true });
    await client.get("/healthz");
    expect(headersOf(calls[0]).authorization).toBe("Bearer session-token-123");
    expect(headersOf(calls[1]).authorization).toBeUndefined();
  });

  it("resolves 204 and empty bodies to undefined", async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    await expect(new ApiClient({ fetch }).post("/v1/auth/logout")).resolves.toBeUndefined();
  });

  it("throws an ApiError carrying the server's problem", async () => {
    const problem = {
      type: "urn:bluezone:problem:invalid-credentials",
      title: "Invalid credentials",
      status: 401,
      detail: "Wrong username or password",
    };
    const { fetch } = fakeFetch(() => json(401, problem, "application/problem+json"));
    const error = await new ApiClient({ fetch }).post("/v1/auth/login", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).problem).toEqual(problem);
    expect((error as ApiError).message).toBe("Invalid credentials: Wrong username or password");
  });

  it("tells the session about a 401 on an authenticated call, not on a login attempt", async () => {
    const { fetch } = fakeFetch(() =>
      json(401, { type: "urn:bluezone:problem:unauthorized", title: "Unauthorized", status: 401 }),
    );
    const onUnauthorized = vi.fn();
    const client = new ApiClient({ fetch, token: () => "expired-token-456", onUnauthorized });
    await expect(client.post("/v1/auth/login", {})).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(client.get("/v1/auth/me", { auth: true })).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized.mock.calls[0]?.[0].problem.type).toBe("urn:bluezone:problem:unauthorized");
  });

  it("turns a request that got no answer into a network problem", async () => {
    const client = new ApiClient({
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
    });
    const error = (await client.get("/v1/auth/me").catch((e: unknown) => e)) as ApiError;
    expect(error.problem).toMatchObject({
      type: "urn:bluezone:problem:network",
      status: 0,
      detail: "Failed to fetch",
    });
  });

  it("lets an aborted request reject with the AbortError itself", async () => {
    const client = new ApiClient({
      fetch: () => Promise.reject(new DOMException("The operation was aborted.", "AbortError")),
    });
    await expect(client.get("/v1/auth/me")).rejects.toMatchObject({ name: "AbortError" });
  });

  it("rejects a 200 whose body is not JSON", async () => {
    const { fetch } = fakeFetch(() => new Response("<html>", { status: 200 }));
    await expect(new ApiClient({ fetch }).get("/v1/auth/me")).rejects.toMatchObject({
      problem: { title: "Malformed response", status: 200 },
    });
  });
});

describe("bluezoneApi", () => {
  it("calls the documented method and path for each endpoint", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, {}));
    const api = bluezoneApi(new ApiClient({ fetch, token: () => "tok" }));
    await api.login({ username: "health", password: "secret-password" });
    await api.me();
    await api.issueCode({ testType: "close_contact", symptomDate: "2025-08-01", tzOffset: 420 });
    await api.logout();
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "POST /v1/auth/login",
      "GET /v1/auth/me",
      "POST /v1/codes",
      "POST /v1/auth/logout",
    ]);
    expect(JSON.parse(String(calls[2]?.init.body))).toEqual({
      testType: "close_contact",
      symptomDate: "2025-08-01",
      tzOffset: 420,
    });
    expect(headersOf(calls[2]).authorization).toBe("Bearer tok");
    expect(headersOf(calls[0]).authorization).toBeUndefined();
  });
});
