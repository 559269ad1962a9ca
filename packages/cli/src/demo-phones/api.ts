/**
 * How the demo reaches the server: the phone's Http port and a JSON API for the officer, either in-process
 * (Fastify app.inject, no socket) or over the network (fetch against a real URL).
 */
import type { Http, HttpBytesResponse, HttpJsonResponse } from "@bluezone/device";

/** What InjectHttp needs of a Fastify app: `inject` with a request object (structural, no fastify import). */
export interface Injectable {
  inject(request: {
    method: "GET" | "POST";
    url: string;
    headers?: Record<string, string>;
    payload?: string;
  }): PromiseLike<{ statusCode: number; rawPayload: Uint8Array }>;
}

/** A JSON call to the server's API (the officer's side: login, issue codes, export keys). */
export type JsonApi = (
  method: "GET" | "POST",
  path: string,
  options?: { body?: unknown; bearer?: string },
) => Promise<HttpJsonResponse>;

function parseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

function jsonHeaders(bearer: string | undefined, withBody: boolean): Record<string, string> {
  return {
    accept: "application/json",
    ...(withBody ? { "content-type": "application/json" } : {}),
    ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
  };
}

/**
 * The device's Http port served by a Fastify app in-process: URLs under `baseUrl` become `app.inject`
 * requests (same routes, validation, rate limits and blob serving as over a socket). HTTP error statuses are
 * returned; a URL outside `baseUrl` rejects, like an unreachable host.
 */
export class InjectHttp implements Http {
  readonly baseUrl: string;
  readonly #app: Injectable;

  constructor(app: Injectable, baseUrl: string) {
    this.#app = app;
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  /** The path (with query) of `url` on this app; throws for a URL on another origin. */
  pathOf(url: string): string {
    if (url !== this.baseUrl && !url.startsWith(`${this.baseUrl}/`)) {
      throw new Error(`InjectHttp: ${url} is not under ${this.baseUrl}`);
    }
    return url.slice(this.baseUrl.length) || "/";
  }

  async get(url: string): Promise<HttpBytesResponse> {
    const res = await this.#app.inject({ method: "GET", url: this.pathOf(url) });
    return { status: res.statusCode, body: new Uint8Array(res.rawPayload) };
  }

  async postJson(url: string, body: unknown): Promise<HttpJsonResponse> {
    const res = await this.#app.inject({
      method: "POST",
      url: this.pathOf(url),
      headers: jsonHeaders(undefined, true),
      payload: JSON.stringify(body),
    });
    return { status: res.statusCode, body: parseJson(res.rawPayload) };
  }

  /** The same app as a JsonApi (paths relative to the app's root). */
  api(): JsonApi {
    return async (method, path, options = {}) => {
      const withBody = options.body !== undefined;
      const res = await this.#app.inject({
        method,
        url: path,
        headers: jsonHeaders(options.bearer, withBody),
        ...(withBody ? { payload: JSON.stringify(options.body) } : {}),
      });
      return { status: res.statusCode, body: parseJson(res.rawPayload) };
    };
  }
}

/** A JsonApi over fetch against a running server at `baseUrl`. */
export function fetchJsonApi(baseUrl: string, fetchFn: typeof fetch = globalThis.fetch): JsonApi {
  const base = baseUrl.replace(/\/+$/, "");
  return async (method, path, options = {}) => {
    const withBody = options.body !== undefined;
    const res = await fetchFn(`${base}${path}`, {
      method,
      headers: jsonHeaders(options.bearer, withBody),
      ...(withBody ? { body: JSON.stringify(options.body) } : {}),
    });
    return { status: res.status, body: parseJson(new Uint8Array(await res.arrayBuffer())) };
  };
}
