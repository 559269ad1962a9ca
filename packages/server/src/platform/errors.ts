// RFC 9457 problem+json: the ProblemError class handlers throw, the pure mapping of any error to a problem,
// and the Fastify error / not-found handlers that answer with application/problem+json.
import { STATUS_CODES } from "node:http";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Problem type URIs are URNs under this prefix, e.g. "urn:bluezone:problem:validation". */
export const problemType = (slug: string): string => `urn:bluezone:problem:${slug}`;

/** One failing input field of a validation problem (RFC 9457 §3 "errors" extension). */
export interface FieldError {
  /** Where the value came from: body, querystring, params, headers. */
  in: string;
  /** JSON pointer fragment of the failing field, e.g. "#/keys/0/keyData". */
  pointer: string;
  detail: string;
}

/** The problem document (members beyond the standard five are extensions). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Throw from a handler to answer with a problem+json of this status; extra fields become extensions. */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly extra: Readonly<Record<string, unknown>>;
  /** Response headers to add (e.g. Retry-After). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    options: {
      type?: string;
      title?: string;
      detail?: string;
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(options.detail ?? options.title ?? STATUS_CODES[status] ?? `HTTP ${status}`);
    this.name = "ProblemError";
    this.status = status;
    this.type = options.type ?? "about:blank";
    this.title = options.title ?? STATUS_CODES[status] ?? "Error";
    this.detail = options.detail;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  toProblem(): ProblemDetails {
    const body: ProblemDetails = { ...this.extra, type: this.type, title: this.title, status: this.status };
    if (this.detail !== undefined) body.detail = this.detail;
    return body;
  }
}

/** Shorthands for the problems features throw most. */
export const problems = {
  badRequest: (detail: string, extra?: Record<string, unknown>) =>
    new ProblemError(400, { type: problemType("bad-request"), title: "Bad request", detail, extra }),
  unauthorized: (detail = "Authentication required") =>
    new ProblemError(401, {
      type: problemType("unauthorized"),
      title: "Unauthorized",
      detail,
      headers: { "www-authenticate": "Bearer" },
    }),
  forbidden: (detail = "Not allowed for this account") =>
    new ProblemError(403, { type: problemType("forbidden"), title: "Forbidden", detail }),
  notFound: (detail: string) =>
    new ProblemError(404, { type: problemType("not-found"), title: "Not found", detail }),
  conflict: (detail: string) =>
    new ProblemError(409, { type: problemType("conflict"), title: "Conflict", detail }),
  tooManyRequests: (retryAfterSeconds: number, detail = "Too many requests, retry later") =>
    new ProblemError(429, {
      type: problemType("rate-limited"),
      title: "Too many requests",
      detail,
      headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    }),
};

interface AjvLikeError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** Maps Ajv-style validation errors (what Fastify puts on `error.validation`) to field errors. */
export function fieldErrors(validation: readonly AjvLikeError[], location: string): FieldError[] {
  return validation.map((e) => {
    let path = e.instancePath ?? "";
    const missing = e.params?.missingProperty;
    if (e.keyword === "required" && typeof missing === "string") path += `/${missing}`;
    const extra = e.params?.additionalProperty;
    if (e.keyword === "additionalProperties" && typeof extra === "string") path += `/${extra}`;
    return { in: location, pointer: `#${path}`, detail: e.message ?? "is invalid" };
  });
}

const FASTIFY_CODES: Readonly<Record<string, { status: number; slug: string; title: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, slug: "body-too-large", title: "Request body too large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    slug: "unsupported-media-type",
    title: "Unsupported media type",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, slug: "malformed-body", title: "Malformed request body" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, slug: "malformed-body", title: "Malformed request body" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    slug: "malformed-body",
    title: "Malformed request body",
  },
};

type ErrorLike = Partial<Pick<FastifyError, "code" | "statusCode" | "validation" | "validationContext">> & {
  message?: string;
};

/**
 * Maps any thrown value to a problem document. Pure. 5xx problems never carry the error's message, so
 * internals (SQL, paths, stack traces) cannot leak; 4xx messages are written for clients and are kept.
 */
export function toProblem(error: unknown): { problem: ProblemDetails; headers: Record<string, string> } {
  if (error instanceof ProblemError) return { problem: error.toProblem(), headers: { ...error.headers } };
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  if (Array.isArray(e.validation)) {
    const location = e.validationContext ?? "body";
    const errors = fieldErrors(e.validation as AjvLikeError[], location);
    const detail = errors.map((f) => `${location}${f.pointer.slice(1)} ${f.detail}`).join("; ");
    return {
      problem: {
        type: problemType("validation"),
        title: "Request validation failed",
        status: 400,
        detail,
        errors,
      },
      headers: {},
    };
  }
  const known = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (known) {
    return {
      problem: { type: problemType(known.slug), title: known.title, status: known.status, detail: e.message },
      headers: {},
    };
  }
  const status =
    typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode <= 599 ? e.statusCode : 500;
  if (status < 500) {
    const problem: ProblemDetails = { type: "about:blank", title: STATUS_CODES[status] ?? "Error", status };
    if (e.message) problem.detail = e.message;
    return { problem, headers: {} };
  }
  return {
    problem: {
      type: "about:blank",
      title: STATUS_CODES[status] ?? "Internal Server Error",
      status,
      detail: "An unexpected error occurred.",
    },
    headers: {},
  };
}

/** Sends a problem document with the problem+json content type. */
export function sendProblem(
  reply: FastifyReply,
  problem: ProblemDetails,
  headers: Record<string, string> = {},
): FastifyReply {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

const FRAMEWORK_PROBLEMS: Readonly<
  Record<string, { status: number; slug: string; title: string; detail: string }>
> = {
  FST_ERR_BAD_URL: {
    status: 400,
    slug: "bad-url",
    title: "Malformed URL",
    detail: "A path segment is not valid percent-encoding",
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    slug: "path-parameter-too-long",
    title: "Path parameter too long",
    detail: "A path parameter is longer than 100 characters",
  },
};

/**
 * Fastify's `frameworkErrors` option: errors the router raises before any route runs (malformed percent-encoding,
 * a path parameter over `maxParamLength`) as problem+json. The detail never echoes the URL (it may hold tokens).
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = FRAMEWORK_PROBLEMS[error.code];
  if (known) {
    sendProblem(reply, {
      type: problemType(known.slug),
      title: known.title,
      status: known.status,
      detail: known.detail,
    });
    return;
  }
  const { problem, headers } = toProblem(error);
  sendProblem(reply, problem, headers);
}

/** Installs the error handler and the 404 handler on the root instance (features inherit them). */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { problem, headers } = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ status: problem.status, problemType: problem.type }, "request rejected");
    return sendProblem(reply, problem, headers);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?")[0] ?? "/";
    return sendProblem(reply, {
      type: problemType("no-route"),
      title: "Not found",
      status: 404,
      detail: `No route for ${request.method} ${path}`,
    });
  });
}
