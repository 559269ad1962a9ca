/**
 * FetchHttp: the Http port over the standard fetch API (Node 20+, browsers, React Native). HTTP error
 * statuses are returned, not thrown; only network failures reject.
 */
import type { Http, HttpBytesResponse, HttpJsonResponse } from "../adapters.ts";

export type FetchFn = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer>; text(): Promise<string> }>;

export class FetchHttp implements Http {
  readonly #fetch: FetchFn;

  /** `fetchFn` defaults to globalThis.fetch. */
  constructor(fetchFn?: FetchFn) {
    this.#fetch = fetchFn ?? ((url, init) => globalThis.fetch(url, init));
  }

  async get(url: string): Promise<HttpBytesResponse> {
    const res = await this.#fetch(url, { method: "GET" });
    return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
  }

  async postJson(url: string, body: unknown): Promise<HttpJsonResponse> {
    const res = await this.#fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, body: parsed };
  }
}
