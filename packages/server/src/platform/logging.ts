// Privacy-preserving pino options for Fastify: request logs carry method, scrubbed path and route only;
// never IP addresses, user agents, query strings, headers, bodies, phone numbers or secrets.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { LoggerOptions } from "pino";
import type { LogLevel } from "./config.ts";

/** Runs of 7+ digits (phone numbers, codes) and +country prefixes are masked in logged paths. */
const LONG_DIGITS = /\+?\d{7,}/g;
/** Long opaque segments (tokens, keys: 24+ base64/hex chars) are masked too. */
const OPAQUE_SEGMENT = /(?<=\/)[A-Za-z0-9_\-=.~%]{24,}(?=\/|$)/g;

/** The path of a URL without its query string or fragment, with digit runs and opaque tokens masked. */
export function scrubPath(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  return path.replace(OPAQUE_SEGMENT, "[redacted]").replace(LONG_DIGITS, "[redacted]");
}

/** What a request log line says about the request. */
export interface LoggedRequest {
  method: string;
  url: string;
  /** Route template, e.g. "/v1/venues/:id" (undefined for unmatched URLs). */
  route?: string;
}

export function serializeRequest(req: FastifyRequest): LoggedRequest {
  const out: LoggedRequest = { method: req.method, url: scrubPath(req.url ?? "") };
  const route = req.routeOptions?.url;
  if (route) out.route = route;
  return out;
}

export function serializeReply(reply: FastifyReply): { statusCode: number } {
  return { statusCode: reply.statusCode };
}

/** Errors are logged by type, code, message and stack only: no enumerable extras (pg `detail` holds values). */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  const out: Record<string, unknown> = { type: e.name, message: e.message };
  if (typeof e.code === "string") out.code = e.code;
  if (typeof e.statusCode === "number") out.statusCode = e.statusCode;
  if (e.stack) out.stack = e.stack;
  if (e.cause instanceof Error) out.cause = serializeError(e.cause);
  return out;
}

/** Paths pino replaces with "[redacted]" in case a handler logs a raw object. */
export const REDACT_PATHS = [
  "req.headers",
  "req.body",
  "req.query",
  "req.remoteAddress",
  "req.ip",
  "headers",
  "body",
  "*.headers",
  "*.body",
  "*.password",
  "*.token",
  "*.phone",
  "*.phoneNumber",
  "*.authorization",
  "*.cookie",
  "*.secret",
  "*.ip",
  "password",
  "token",
  "phone",
  "phoneNumber",
  "authorization",
  "cookie",
  "secret",
  "ip",
];

/** pino options for Fastify's `logger`; `stream` lets tests capture the output. */
export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    serializers: { req: serializeRequest, res: serializeReply, err: serializeError },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    // pino's default base adds the hostname; keep pid only.
    base: { pid: process.pid },
  };
}
