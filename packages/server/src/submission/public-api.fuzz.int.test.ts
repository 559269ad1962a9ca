// Fuzz of the public key-server endpoints (/v1/codes, /v1/verify, /v1/certificate, /v1/publish): > 10,000
// requests mixing garbage with near-valid bodies (publish: keys and checkInProtectedReports). Every answer is 2xx,
// or 4xx problem+json; never 5xx; and a rejected request leaves diagnosis_keys, check_in_reports and
// verification_tokens exactly as they were.
import { randomBytes } from "node:crypto";
import { bytesToBase64, type TekMacKey } from "@bluezone/protocol";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, sql } from "../platform/db/database.ts";
import { PROBLEM_CONTENT_TYPE } from "../platform/errors.ts";
import { type Certified, createFlow, type Flow, publishBody, tekOfDay } from "./flow.testutil.ts";

const start = new Date("2026-05-10T09:37:12Z");
const RUNS = { codes: 2000, verify: 2800, certificate: 2600, publish: 3200 };

interface Request {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

describe("public endpoints under fuzzing", () => {
  let f: Flow;
  let officer: string;
  let snapshot = "";
  const requests = { total: 0 };
  /** Outcomes per endpoint: status or errorCode -> count (shows the fuzz reached the deep paths). */
  const outcomes = new Map<string, Map<string, number>>();
  const tally = (url: string, res: LightMyRequestResponse) => {
    const endpoint = url.startsWith("/v1/codes/") ? "/v1/codes/:uuid" : url;
    const byOutcome = outcomes.get(endpoint) ?? new Map<string, number>();
    const key =
      res.statusCode >= 400 ? `${res.statusCode} ${res.json().errorCode ?? res.json().type}` : "200";
    byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1);
    outcomes.set(endpoint, byOutcome);
  };
  const seen = (endpoint: string) => [...(outcomes.get(endpoint)?.keys() ?? [])];
  const codes: string[] = [];
  const tokens: string[] = [];
  const uploads: { keys: TekMacKey[]; certified: Certified }[] = [];
  /** Certified uploads published only with well-formed check-in reports (the first publish of each stores them). */
  const fresh: { keys: TekMacKey[]; certified: Certified }[] = [];

  const state = async () => {
    const [row] = await rows<{ keys: string; tokens: string; checkins: string }>(
      f.t.db,
      sql`SELECT
        (SELECT coalesce(md5(string_agg(d::text, ',' ORDER BY d.id)), '') FROM diagnosis_keys d) AS keys,
        (SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t.id)), '') FROM verification_tokens t) AS tokens,
        (SELECT coalesce(md5(string_agg(c::text, ',' ORDER BY c.id)), '') FROM check_in_reports c) AS checkins`,
    );
    return `${row?.keys}/${row?.tokens}/${row?.checkins}`;
  };

  /** Sends one request and checks the invariants; returns the response for endpoint-specific bookkeeping. */
  const send = async (req: Request): Promise<LightMyRequestResponse> => {
    requests.total++;
    const res = await f.t.app.inject({
      method: req.method,
      url: req.url,
      headers: req.headers,
      ...(req.payload === undefined ? {} : { payload: req.payload }),
    });
    expect(
      res.statusCode,
      `${req.url} ${req.payload?.slice(0, 300)} -> ${res.body.slice(0, 300)}`,
    ).toBeLessThan(500);
    const after = await state();
    if (res.statusCode >= 400) {
      expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
      expect(res.json().status).toBe(res.statusCode);
      expect(after, `rejected ${req.url} changed the tables`).toBe(snapshot);
    } else {
      expect(res.statusCode).toBe(200);
    }
    snapshot = after;
    tally(req.url, res);
    return res;
  };

  // Garbage: any JSON value, or text that is not JSON, with or without a JSON content type.
  const garbage: fc.Arbitrary<{ payload: string; contentType: string }> = fc.oneof(
    fc.jsonValue().map((v) => ({ payload: JSON.stringify(v), contentType: "application/json" })),
    fc.string({ maxLength: 200 }).map((s) => ({ payload: s, contentType: "application/json" })),
    fc.string({ maxLength: 50 }).map((s) => ({ payload: s, contentType: "text/plain" })),
  );
  const weird = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
  );
  /** A near-valid object: the template with some fields dropped or replaced by odd values. */
  const mutate = (template: Record<string, unknown>) =>
    fc
      .tuple(
        fc.subarray(Object.keys(template)),
        fc.dictionary(fc.constantFrom(...Object.keys(template), "extra"), weird, { maxKeys: 2 }),
      )
      .map(([kept, replaced]) => ({
        ...Object.fromEntries(kept.map((k) => [k, template[k]])),
        ...replaced,
      }));
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    headers: { "content-type": "application/json", ...headers },
    payload: JSON.stringify(body),
  });
  const body = (near: fc.Arbitrary<unknown>) =>
    fc.oneof(
      { weight: 3, arbitrary: near.map((b) => json(b)) },
      {
        weight: 1,
        arbitrary: garbage.map((g) => ({ headers: { "content-type": g.contentType }, payload: g.payload })),
      },
    );

  beforeAll(async () => {
    f = await createFlow({
      start,
      env: {
        VERIFICATION_OFFICER_DAILY_QUOTA: "100000",
        VERIFICATION_REALM_DAILY_QUOTA: "100000",
        SUBMISSION_CHAFF_MAX_DELAY: "0",
        SUBMISSION_MAX_CHECK_IN_REPORTS: "4",
      },
    });
    officer = await f.officer("ha.fuzz", "79");
    for (let i = 0; i < 40; i++) {
      const issued = await f.issue({ testType: i % 2 ? "confirmed" : "close_contact" }, officer);
      codes.push(issued.code, issued.longCode);
    }
    for (let i = 0; i < 20; i++)
      tokens.push(await f.verify((await f.issue({ testType: "confirmed" }, officer)).code));
    for (let i = 0; i < 12; i++) {
      const keys = [tekOfDay(start, 1 + i), tekOfDay(start, 2 + i, 3), tekOfDay(start, 0)];
      uploads.push({ keys, certified: await f.certify(i % 4 === 3 ? "close_contact" : "confirmed", keys) });
    }
    for (let i = 0; i < 10; i++) {
      const keys = [tekOfDay(start, 1 + i), tekOfDay(start, 0)];
      fresh.push({ keys, certified: await f.certify(i % 2 ? "likely" : "confirmed", keys) });
    }
    snapshot = await state();
  });
  afterAll(async () => {
    await f.close();
    console.log(`fuzz: ${requests.total} requests`);
    for (const [endpoint, byOutcome] of outcomes) console.log(endpoint, Object.fromEntries(byOutcome));
  });

  it("/v1/codes: issue and status", async () => {
    const auth = fc.constantFrom<Record<string, string>>(
      { authorization: `Bearer ${officer}` },
      { authorization: `Bearer ${officer}` },
      {},
      { authorization: "Bearer nonsense" },
      { authorization: "Basic dXNlcjpwYXNz" },
    );
    const date = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom("2026-05-10", "2026-05-01", "2026-04-20", "2026-05-11", "2026-02-30"),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    );
    const near = fc.record(
      {
        testType: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom("confirmed", "likely", "negative", "close_contact") },
          { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
        ),
        symptomDate: date,
        testDate: date,
        tzOffset: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: -720, max: 840 }) },
          { weight: 1, arbitrary: fc.integer({ min: -2000, max: 2000 }) },
        ),
        padding: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: ["testType"] },
    );
    const request = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(auth, body(fc.oneof(near, near.chain(mutate)))).map(
          ([a, b]): Request => ({
            method: "POST",
            url: "/v1/codes",
            headers: { ...b.headers, ...a },
            payload: b.payload,
          }),
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(auth, fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }).map(encodeURIComponent)))
          .map(([a, id]): Request => ({ method: "GET", url: `/v1/codes/${id || "x"}`, headers: a })),
      },
    );
    await fc.assert(
      fc.asyncProperty(request, async (req) => void (await send(req))),
      { numRuns: RUNS.codes },
    );
  });

  it("/v1/verify", async () => {
    const code = fc.oneof(
      fc.constantFrom(...codes),
      fc.stringMatching(/^\d{8}$/),
      fc.stringMatching(/^[2-9A-HJKMNP-Z]{16}$/),
      fc.string({ maxLength: 70 }),
    );
    const near = fc.record(
      {
        code,
        accept: fc.array(fc.constantFrom("confirmed", "likely", "close_contact", "x"), { maxLength: 3 }),
        padding: fc.string({ maxLength: 30 }),
      },
      { requiredKeys: ["code"] },
    );
    const request = body(fc.oneof(near, near.chain(mutate))).map(
      (b): Request => ({ method: "POST", url: "/v1/verify", ...b }),
    );
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const res = await send(req);
        if (res.statusCode === 200) tokens.push(res.json().token);
      }),
      { numRuns: RUNS.verify },
    );
    expect(seen("/v1/verify")).toEqual(expect.arrayContaining(["200", "400 code_invalid", "400 code_used"]));
  });

  it("/v1/certificate", async () => {
    const mac = fc.oneof(
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map(bytesToBase64),
      fc.uint8Array({ minLength: 0, maxLength: 40 }).map(bytesToBase64),
      fc.string({ maxLength: 60 }),
    );
    const near = fc.record(
      {
        token: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 60 })),
        ekeyhmac: mac,
        padding: fc.string({ maxLength: 30 }),
      },
      { requiredKeys: ["token", "ekeyhmac"] },
    );
    const request = body(fc.oneof(near, near.chain(mutate))).map(
      (b): Request => ({ method: "POST", url: "/v1/certificate", ...b }),
    );
    await fc.assert(
      fc.asyncProperty(request, async (req) => void (await send(req))),
      { numRuns: RUNS.certificate },
    );
  });

  it("/v1/publish", async () => {
    const keyEntry = fc.record({
      key: fc.oneof(
        fc.uint8Array({ minLength: 16, maxLength: 16 }).map(bytesToBase64),
        fc.string({ maxLength: 30 }),
      ),
      rollingStartNumber: fc.oneof(fc.integer({ min: 2_960_000, max: 2_966_000 }), fc.integer(), fc.double()),
      rollingPeriod: fc.oneof(fc.integer({ min: -2, max: 150 }), fc.double()),
      transmissionRisk: fc.integer({ min: -2, max: 10 }),
    });
    // Check-in report fields: the exact CWA lengths (32/16/16/32) in either base64 alphabet, other lengths, junk.
    const b64Field = (n: number) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.uint8Array({ minLength: n, maxLength: n }).map(bytesToBase64) },
        {
          weight: 2,
          arbitrary: fc
            .uint8Array({ minLength: n, maxLength: n })
            .map((b) => bytesToBase64(b).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")),
        },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 48 }).map(bytesToBase64) },
        { weight: 1, arbitrary: fc.string({ maxLength: 70 }) },
      );
    const reportEntry = fc.record({
      locationIdHash: b64Field(32),
      iv: b64Field(16),
      encryptedCheckInRecord: b64Field(16),
      mac: b64Field(32),
    });
    const checkIns = fc.oneof(
      { weight: 6, arbitrary: fc.array(reportEntry, { maxLength: 6 }) },
      { weight: 1, arbitrary: reportEntry.chain(mutate).map((r) => [r]) },
      { weight: 1, arbitrary: weird },
    );
    const valid = fc
      .constantFrom(...uploads)
      .map((u) => publishBody(u.keys, u.certified) as Record<string, unknown>);
    const wellFormed = fc.record({
      locationIdHash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(bytesToBase64),
      iv: fc.uint8Array({ minLength: 16, maxLength: 16 }).map(bytesToBase64),
      encryptedCheckInRecord: fc.uint8Array({ minLength: 16, maxLength: 16 }).map(bytesToBase64),
      mac: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(bytesToBase64),
    });
    const freshWithCheckIns = fc
      .tuple(fc.constantFrom(...fresh), fc.array(wellFormed, { minLength: 1, maxLength: 4 }))
      .map(([u, reports]) => publishBody(u.keys, u.certified, { checkInProtectedReports: reports }));
    const withCheckIns = fc
      .tuple(valid, checkIns)
      .map(([b, reports]) => ({ ...b, checkInProtectedReports: reports }));
    const near = fc.oneof(
      valid,
      valid.chain(mutate),
      withCheckIns,
      withCheckIns,
      withCheckIns.chain(mutate),
      freshWithCheckIns,
      // Valid certificate, keys changed: one entry replaced, dropped or added.
      fc.tuple(valid, keyEntry, fc.nat()).map(([b, entry, i]) => {
        const keys = [...(b.temporaryExposureKeys as unknown[])];
        if (i % 3 === 0) keys[i % keys.length] = entry;
        else if (i % 3 === 1) keys.splice(i % keys.length, 1);
        else keys.push(entry);
        return { ...b, temporaryExposureKeys: keys };
      }),
      // Valid certificate, one field of one key set to an out-of-range value.
      fc
        .tuple(
          valid,
          fc.nat(),
          fc.constantFrom<[string, unknown]>(
            ["key", "AAAA"],
            ["key", "%%"],
            ["rollingPeriod", 0],
            ["rollingPeriod", 145],
            ["transmissionRisk", 9],
            ["rollingStartNumber", 0],
            ["rollingStartNumber", 2_970_000],
          ),
        )
        .map(([b, i, [field, value]]) => {
          const keys = [...(b.temporaryExposureKeys as Record<string, unknown>[])];
          keys[i % keys.length] = { ...keys[i % keys.length], [field]: value };
          return { ...b, temporaryExposureKeys: keys };
        }),
      // A damaged certificate or HMAC key.
      fc
        .tuple(valid, fc.nat(), fc.constantFrom("verificationPayload", "hmacKey", "revisionToken"))
        .map(([b, i, field]) => {
          const text = String(b[field] ?? bytesToBase64(randomBytes(40)));
          const at = i % Math.max(1, text.length);
          return { ...b, [field]: text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1) };
        }),
      fc.record({
        temporaryExposureKeys: fc.array(keyEntry, { maxLength: 35 }),
        healthAuthorityID: fc.constantFrom("vn.bluezone", "other"),
        verificationPayload: fc.string({ maxLength: 50 }),
        hmacKey: fc.string({ maxLength: 50 }),
      }),
    );
    const request = fc
      .tuple(body(near), fc.constantFrom<Record<string, string>>({}, {}, {}, { "x-chaff": "1" }))
      .map(
        ([b, extra]): Request => ({
          method: "POST",
          url: "/v1/publish",
          headers: { ...b.headers, ...extra },
          payload: b.payload,
        }),
      );
    await fc.assert(
      fc.asyncProperty(request, async (req) => void (await send(req))),
      { numRuns: RUNS.publish },
    );
    expect(seen("/v1/publish")).toEqual(
      expect.arrayContaining([
        "200",
        "400 hmac_mismatch",
        "401 certificate_invalid",
        "400 invalid_key",
        "400 invalid_rolling_period",
        "400 urn:bluezone:problem:validation",
        "400 invalid_check_in_report",
        "400 too_many_check_in_reports",
      ]),
    );
    const [stored] = await rows<{ n: number }>(f.t.db, sql`SELECT count(*)::int AS n FROM check_in_reports`);
    expect(stored?.n, "some fuzzed publish stored its check-in reports").toBeGreaterThan(0);
    expect(requests.total).toBeGreaterThanOrEqual(10_000);
  });
});
