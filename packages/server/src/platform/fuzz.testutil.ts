// Fuzz scaffolding of the public-API fuzz tests (integration only): odd JSON values, and a client that sends one
// request through app.inject and checks the invariants every endpoint keeps - never a 5xx, every error a
// problem+json whose status matches, and a rejected request (or any read) leaves the feature's tables as they were.
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { PROBLEM_CONTENT_TYPE } from "./errors.ts";
import type { App } from "./feature.ts";

/** Odd JSON values: strings, numbers, booleans, null, small arrays and objects. */
export const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);

/** Bearer-like tokens: printable ASCII (what an HTTP header can carry). */
export const printableToken = fc.string({ maxLength: 40 }).filter((s) => /^[\x21-\x7e]*$/.test(s));

export interface FuzzRequest {
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

export interface FuzzClient {
  /** Sends, checks the invariants (a write that succeeded takes a new snapshot) and tallies the outcome. */
  send(endpoint: string, req: FuzzRequest, writes: boolean): Promise<LightMyRequestResponse>;
  /** Takes a new snapshot of the tables (after changing them outside `send`). */
  resnapshot(): Promise<void>;
  /** Requests sent so far. */
  readonly total: number;
  /** Outcomes seen for an endpoint: "201", "400 validation", "404 not-found", ... */
  seen(endpoint: string): string[];
  /** Status codes seen for an endpoint. */
  statuses(endpoint: string): number[];
  /** Outcome counts per endpoint (for a summary line). */
  summary(): Record<string, Record<string, number>>;
}

/** A fuzz client over `app`; `state` digests the tables a rejected request must leave unchanged. */
export async function createFuzzClient(app: () => App, state: () => Promise<string>): Promise<FuzzClient> {
  let snapshot = await state();
  let total = 0;
  const outcomes = new Map<string, Map<string, number>>();
  const tally = (endpoint: string, res: LightMyRequestResponse) => {
    const byOutcome = outcomes.get(endpoint) ?? new Map<string, number>();
    const outcome =
      res.statusCode >= 400
        ? `${res.statusCode} ${String(res.json().type).replace("urn:bluezone:problem:", "")}`
        : String(res.statusCode);
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
    outcomes.set(endpoint, byOutcome);
  };
  return {
    async send(endpoint, req, writes) {
      total++;
      const res = await app().inject({
        method: req.method,
        url: req.url,
        headers: req.headers,
        ...(req.payload === undefined ? {} : { payload: req.payload }),
      });
      const what = `${req.method} ${req.url} ${req.payload?.slice(0, 300)} -> ${res.body.slice(0, 300)}`;
      expect(res.statusCode, what).toBeLessThan(500);
      if (res.statusCode >= 400) {
        expect(res.headers["content-type"], what).toContain(PROBLEM_CONTENT_TYPE);
        expect(res.json().status, what).toBe(res.statusCode);
      }
      if (res.statusCode >= 400 || !writes) {
        expect(await state(), `${what} changed the tables`).toBe(snapshot);
      } else {
        snapshot = await state();
      }
      tally(endpoint, res);
      return res;
    },
    async resnapshot() {
      snapshot = await state();
    },
    get total() {
      return total;
    },
    seen: (endpoint) => [...(outcomes.get(endpoint)?.keys() ?? [])],
    statuses: (endpoint) => [
      ...new Set([...(outcomes.get(endpoint)?.keys() ?? [])].map((o) => Number(o.split(" ")[0]))),
    ],
    summary: () =>
      Object.fromEntries(
        [...outcomes].map(([endpoint, byOutcome]) => [endpoint, Object.fromEntries(byOutcome)]),
      ),
  };
}
