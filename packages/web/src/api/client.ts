// The typed fetch client of the Bluezone API: JSON in and out, Bearer token from the session, and every
// failure (problem+json, other error bodies, no answer at all) thrown as an ApiError carrying a Problem.
import { networkProblem, type Problem, parseProblem } from "./problem.ts";

/** A failed API call; `problem` is what the server said (or a local "network" problem). */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = "ApiError";
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the API; default "" = same origin as the page. */
  baseUrl?: string;
  fetch?: FetchLike;
  /** The session token to send as `Authorization: Bearer` on `auth` requests. */
  token?: () => string | null;
  /** Called when an authenticated request is answered 401 (the session ended): e.g. clear the session. */
  onUnauthorized?: (error: ApiError) => void;
}

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Send the session token. */
  auth?: boolean;
  /** Extra request headers (e.g. Accept-Language, or another bearer secret when `auth` is not set). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export class ApiClient {
  readonly #baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #token: () => string | null;
  readonly #onUnauthorized: ((error: ApiError) => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.#baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#token = options.token ?? (() => null);
    this.#onUnauthorized = options.onUnauthorized;
  }

  /** Calls the API; resolves with the parsed JSON body (undefined for 204), rejects with ApiError. */
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      accept: "application/json, application/problem+json",
      ...options.headers,
    };
    const init: RequestInit = { method, headers, credentials: "same-origin" };
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    if (options.auth) {
      const token = this.#token();
      if (token) headers.authorization = `Bearer ${token}`;
    }
    if (options.signal) init.signal = options.signal;

    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}${path}`, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new ApiError(networkProblem(error instanceof Error ? error.message : undefined));
    }

    if (!response.ok) {
      const text = await response.text().catch(() => "");
      const error = new ApiError(
        parseProblem(response.status, response.statusText, response.headers.get("content-type"), text),
      );
      if (response.status === 401 && options.auth) this.#onUnauthorized?.(error);
      throw error;
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (text === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError({
        type: "about:blank",
        title: "Malformed response",
        status: response.status,
        detail: "The server's answer was not JSON.",
      });
    }
  }

  get<T>(path: string, options?: Omit<RequestOptions, "body">): Promise<T> {
    return this.request<T>("GET", path, options);
  }

  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, "body">): Promise<T> {
    return this.request<T>("POST", path, { ...options, body });
  }

  put<T>(path: string, body?: unknown, options?: Omit<RequestOptions, "body">): Promise<T> {
    return this.request<T>("PUT", path, { ...options, body });
  }

  delete<T>(path: string, options?: Omit<RequestOptions, "body">): Promise<T> {
    return this.request<T>("DELETE", path, options);
  }
}

/**
 * POSTs a raw body (a CSV or XLSX file) and parses the JSON answer; a network failure or a problem+json answer
 * becomes an ApiError, as with ApiClient. For uploads, whose bodies are not JSON.
 */
export async function postRaw<T>(
  fetchImpl: FetchLike,
  url: string,
  body: BodyInit,
  contentType: string,
  bearer: string | null,
): Promise<T> {
  const headers: Record<string, string> = {
    accept: "application/json, application/problem+json",
    "content-type": contentType,
  };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let response: Response;
  try {
    response = await fetchImpl(url, { method: "POST", headers, body, credentials: "same-origin" });
  } catch (error) {
    throw new ApiError(networkProblem(error instanceof Error ? error.message : undefined));
  }
  const text = await response.text();
  if (!response.ok) {
    throw new ApiError(
      parseProblem(response.status, response.statusText, response.headers.get("content-type"), text),
    );
  }
  return JSON.parse(text) as T;
}
