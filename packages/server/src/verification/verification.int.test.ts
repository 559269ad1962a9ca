import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { computeTekMacBase64 } from "@bluezone/protocol";
import type { LightMyRequestResponse } from "fastify";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAccount } from "../auth/index.ts";
import { loadKeysConfig } from "../keys/config.ts";
import { rotateSigningKey } from "../keys/index.ts";
import { PROBLEM_CONTENT_TYPE } from "../platform/errors.ts";
import { createFlow, DAY_MS, type Flow, tekOfDay } from "../submission/flow.testutil.ts";
import { verifyCertificate } from "./certificate.ts";
import { LONG_CODE_ALPHABET } from "./model.ts";
import { issueCode } from "./service.ts";
import { verificationCodes, verificationTokens } from "./tables.ts";

const MIN = 60_000;

describe("verification: codes, tokens, certificates", () => {
  let f: Flow;
  let officer: string;
  const start = new Date("2026-05-10T09:37:12Z");
  const post = (url: string, payload: unknown, bearer?: string) =>
    f.t.app.inject({
      method: "POST",
      url,
      payload: payload as Record<string, unknown>,
      ...(bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {}),
    });
  const expectProblem = (res: LightMyRequestResponse, status: number, errorCode: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(res.json().errorCode).toBe(errorCode);
  };

  beforeAll(async () => {
    f = await createFlow({
      start,
      env: { VERIFICATION_OFFICER_DAILY_QUOTA: "1000", VERIFICATION_REALM_DAILY_QUOTA: "1000" },
    });
    officer = await f.officer("ha.hcm", "79");
  });
  beforeEach(() => {
    f.clock.now = start;
  });
  afterAll(async () => {
    await f.close();
  });

  it("issues an 8-digit code and a 16-character long code, storing only their keyed hashes", async () => {
    const res = await post("/v1/codes", { testType: "confirmed", symptomDate: "2026-05-08" }, officer);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.code).toMatch(/^\d{8}$/);
    expect(body.longCode).toHaveLength(16);
    expect([...body.longCode].every((c: string) => LONG_CODE_ALPHABET.includes(c))).toBe(true);
    expect(body.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body.expiresAt).toBe(new Date(start.getTime() + 15 * MIN).toISOString());
    expect(body.longExpiresAt).toBe(new Date(start.getTime() + DAY_MS).toISOString());
    const rows = await f.t.db.select().from(verificationCodes);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(body.code);
    expect(stored).not.toContain(body.longCode);
    const row = rows.find((r) => r.uuid === body.uuid)!;
    expect(row).toMatchObject({
      testType: "confirmed",
      symptomDate: "2026-05-08",
      realm: "79",
      claimedAt: null,
    });
  });

  it("lets only signed-in health-authority officers issue codes", async () => {
    expect((await post("/v1/codes", { testType: "confirmed" })).statusCode).toBe(401);
    await createAccount(
      f.t.db,
      { username: "province.hcm", password: "province-pass", role: "province", unitCode: "79" },
      { scryptCost: 10 },
    );
    const login = await f.t.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { username: "province.hcm", password: "province-pass" },
    });
    const wrongRole = await post("/v1/codes", { testType: "confirmed" }, login.json().token);
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
  });

  it("refuses dates in the officer's future, older than 14 days, or impossible", async () => {
    // 09:37 UTC is 16:37 in Hanoi (UTC+7): 2026-05-10 is today there, 2026-05-11 tomorrow.
    expect(
      (await post("/v1/codes", { testType: "likely", testDate: "2026-05-10" }, officer)).statusCode,
    ).toBe(200);
    expectProblem(
      await post("/v1/codes", { testType: "likely", testDate: "2026-05-11" }, officer),
      400,
      "invalid_date",
    );
    // At UTC-10 it is still 2026-05-09 ... so 2026-05-10 is the future there.
    expectProblem(
      await post("/v1/codes", { testType: "likely", symptomDate: "2026-05-10", tzOffset: -600 }, officer),
      400,
      "invalid_date",
    );
    expect(
      (await post("/v1/codes", { testType: "likely", symptomDate: "2026-04-26" }, officer)).statusCode,
    ).toBe(200);
    expectProblem(
      await post("/v1/codes", { testType: "likely", symptomDate: "2026-04-25" }, officer),
      400,
      "invalid_date",
    );
    expectProblem(
      await post("/v1/codes", { testType: "likely", symptomDate: "2026-02-30" }, officer),
      400,
      "invalid_date",
    );
    const badType = await post("/v1/codes", { testType: "positive" }, officer);
    expect(badType.statusCode).toBe(400);
    expect(badType.json().type).toBe("urn:bluezone:problem:validation");
  });

  it("verifies a code once into a token with the test type and dates, padded to a constant size", async () => {
    const { code } = await f.issue(
      { testType: "likely", symptomDate: "2026-05-07", testDate: "2026-05-09" },
      officer,
    );
    const res = await post("/v1/verify", { code });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ testtype: "likely", symptomDate: "2026-05-07", testDate: "2026-05-09" });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.length).toBe(1024);
    expect(res.headers["cache-control"]).toBe("no-store");
    expectProblem(await post("/v1/verify", { code }), 400, "code_used");
    const { code: other } = await f.issue({ testType: "confirmed" }, officer);
    const res2 = await post("/v1/verify", { code: other });
    expect(res2.body.length).toBe(1024);
    expect(res2.json().symptomDate).toBeUndefined();
    const tokens = JSON.stringify(await f.t.db.select().from(verificationTokens));
    expect(tokens).not.toContain(body.token);
  });

  it("expires the short code after 15 minutes while the long code works for 24 hours", async () => {
    const a = await f.issue({ testType: "confirmed" }, officer);
    const b = await f.issue({ testType: "confirmed" }, officer);
    f.advance(15 * MIN);
    expectProblem(await post("/v1/verify", { code: a.code }), 400, "code_expired");
    const spaced = `${b.longCode.slice(0, 4).toLowerCase()}-${b.longCode.slice(4, 8)} ${b.longCode.slice(8)}`;
    expect((await post("/v1/verify", { code: spaced })).statusCode).toBe(200);
    f.advance(DAY_MS);
    expectProblem(await post("/v1/verify", { code: a.longCode }), 400, "code_expired");
  });

  it("answers code_invalid for unknown codes and non-codes, without touching the tables", async () => {
    const before = await f.t.db.select().from(verificationTokens);
    expectProblem(await post("/v1/verify", { code: "00000000" }), 400, "code_invalid");
    expectProblem(await post("/v1/verify", { code: "not a code" }), 400, "code_invalid");
    expectProblem(await post("/v1/verify", { code: "ABCDEFGHJKMNPQRS" }), 400, "code_invalid");
    expect(await f.t.db.select().from(verificationTokens)).toEqual(before);
  });

  it("keeps a code unused when the app does not accept its test type", async () => {
    const { code } = await f.issue({ testType: "close_contact" }, officer);
    expectProblem(await post("/v1/verify", { code, accept: ["confirmed"] }), 400, "unsupported_test_type");
    const ok = await post("/v1/verify", { code, accept: ["confirmed", "close_contact"] });
    expect(ok.json().testtype).toBe("close_contact");
  });

  it("signs an ES256 certificate with kid, issuer, audience, 15-minute lifetime and the claims", async () => {
    const { code } = await f.issue({ testType: "close_contact", symptomDate: "2026-05-06" }, officer);
    const token = await f.verify(code);
    const keys = [tekOfDay(start, 1), tekOfDay(start, 2)];
    const hmacKey = new Uint8Array(randomBytes(32));
    const ekeyhmac = computeTekMacBase64(keys, hmacKey);
    const res = await post("/v1/certificate", { token, ekeyhmac });
    expect(res.statusCode).toBe(200);
    expect(res.body.length).toBe(1024);
    const { certificate } = res.json();
    const jwks = (await f.t.app.inject({ method: "GET", url: "/v1/certificate-keys" })).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
    const header = decodeProtectedHeader(certificate);
    expect(header).toEqual({ alg: "ES256", typ: "JWT", kid: jwks.keys[0].kid });
    const { payload } = await jwtVerify(certificate, createLocalJWKSet(jwks), {
      issuer: "bluezone-verification",
      audience: "bluezone-keys",
      currentDate: start,
    });
    expect(payload).toMatchObject({
      reportType: "close_contact",
      tekmac: ekeyhmac,
      symptomOnsetInterval: (Date.UTC(2026, 4, 6) / DAY_MS) * 144,
      trisk: [],
      iat: start.getTime() / 1000,
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(15 * 60);
    expectProblem(await post("/v1/certificate", { token, ekeyhmac }), 400, "token_used");
  });

  it("refuses unknown, expired and used tokens and malformed key HMACs", async () => {
    const ekeyhmac = createHmac("sha256", "k").update("x").digest("base64");
    expectProblem(await post("/v1/certificate", { token: "nope", ekeyhmac }), 400, "token_invalid");
    const token = await f.verify((await f.issue({ testType: "confirmed" }, officer)).code);
    expectProblem(await post("/v1/certificate", { token, ekeyhmac: "####" }), 400, "hmac_invalid");
    expectProblem(await post("/v1/certificate", { token, ekeyhmac: "AAAA" }), 400, "hmac_invalid");
    f.advance(DAY_MS);
    expectProblem(await post("/v1/certificate", { token, ekeyhmac }), 400, "token_expired");
  });

  it("shows a code's status to the officer who issued it and to nobody else", async () => {
    const { uuid, code } = await f.issue({ testType: "confirmed" }, officer);
    const get = (bearer: string) =>
      f.t.app.inject({
        method: "GET",
        url: `/v1/codes/${uuid}`,
        headers: { authorization: `Bearer ${bearer}` },
      });
    expect((await get(officer)).json()).toMatchObject({
      uuid,
      testType: "confirmed",
      claimed: false,
      expired: false,
    });
    await f.verify(code);
    expect((await get(officer)).json()).toMatchObject({ claimed: true, expired: true, longExpired: true });
    const colleague = await f.officer("ha.hanoi", "01");
    expectProblem(await get(colleague), 404, "code_not_found");
    expect(
      (
        await f.t.app.inject({
          method: "GET",
          url: "/v1/codes/not-a-uuid",
          headers: { authorization: `Bearer ${officer}` },
        })
      ).statusCode,
    ).toBe(400);
  });

  it("keeps verifying certificates of a rotated key until it retires; new ones use the new kid", async () => {
    const keys = [tekOfDay(start, 1)];
    const old = await f.certify("confirmed", keys);
    const identity = { issuer: "bluezone-verification", audience: "bluezone-keys" };
    await rotateSigningKey(f.t.db, "certificate", {
      config: loadKeysConfig({}),
      now: start,
      retireAfterMs: 10 * MIN,
    });
    const fresh = await f.certify("confirmed", keys);
    expect(decodeProtectedHeader(fresh.certificate).kid).not.toBe(decodeProtectedHeader(old.certificate).kid);
    const jwks = (await f.t.app.inject({ method: "GET", url: "/v1/certificate-keys" })).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([
      decodeProtectedHeader(fresh.certificate).kid,
      decodeProtectedHeader(old.certificate).kid,
    ]);
    expect((await verifyCertificate(f.t.db, old.certificate, { ...identity, now: start })).reportType).toBe(
      "confirmed",
    );
    const afterRetire = new Date(start.getTime() + 10 * MIN);
    await expect(
      verifyCertificate(f.t.db, old.certificate, { ...identity, now: afterRetire }),
    ).rejects.toMatchObject({
      code: "certificate_invalid",
    });
    expect(
      (await verifyCertificate(f.t.db, fresh.certificate, { ...identity, now: afterRetire })).kid,
    ).toContain(".v2");
  });

  it("refuses certificates with an unknown or foreign kid, alg none, a tampered payload; reports expiry", async () => {
    const identity = { issuer: "bluezone-verification", audience: "bluezone-keys" };
    const { certificate } = await f.certify("confirmed", [tekOfDay(start, 1)]);
    const [h, p, s] = certificate.split(".") as [string, string, string];
    const header = JSON.parse(Buffer.from(h, "base64url").toString()) as Record<string, unknown>;
    const payload = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const verifyAt = (jwt: string, now = start) => verifyCertificate(f.t.db, jwt, { ...identity, now });
    const invalid = { code: "certificate_invalid" };
    expect((await verifyAt(certificate)).tekmac).toBe(payload.tekmac);
    await expect(verifyAt(`${enc({ ...header, kid: "nobody.v1" })}.${p}.${s}`)).rejects.toMatchObject(
      invalid,
    );
    await expect(verifyAt(`${enc({ ...header, kid: undefined })}.${p}.${s}`)).rejects.toMatchObject(invalid);
    await expect(verifyAt(`${enc({ ...header, alg: "none" })}.${p}.`)).rejects.toMatchObject(invalid);
    await expect(verifyAt(`${h}.${enc({ ...payload, reportType: "likely" })}.${s}`)).rejects.toMatchObject(
      invalid,
    );
    // Signed by a key that is not ours, under our current kid.
    const foreign = await new SignJWT(payload)
      .setProtectedHeader({ alg: "ES256", kid: header.kid as string })
      .sign(generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey);
    await expect(verifyAt(foreign)).rejects.toMatchObject(invalid);
    const expiry = new Date((payload.exp as number) * 1000);
    expect((await verifyAt(certificate, new Date(expiry.getTime() - 1000))).kid).toBe(header.kid);
    await expect(verifyAt(certificate, expiry)).rejects.toMatchObject({ code: "certificate_expired" });
  });

  it("issues codes from the CLI function, in the 'cli' realm", async () => {
    const issued = await issueCode(
      f.t.db,
      { testType: "confirmed", testDate: "2026-05-09" },
      { env: {}, now: start },
    );
    expect(issued).toMatchObject({ testType: "confirmed", testDate: "2026-05-09", symptomDate: null });
    const res = await post("/v1/verify", { code: issued.code });
    expect(res.json()).toMatchObject({ testtype: "confirmed", testDate: "2026-05-09" });
    const rows = await f.t.db.select().from(verificationCodes);
    expect(rows.find((r) => r.uuid === issued.uuid)).toMatchObject({ realm: "cli", issuedBy: null });
  });

  it("purges codes and tokens past retention", async () => {
    f.advance(4 * DAY_MS);
    await f.t.jobs.enqueue("verification.purge", {});
    await f.t.worker.drain();
    expect(await f.t.db.select().from(verificationCodes)).toEqual([]);
    expect(await f.t.db.select().from(verificationTokens)).toEqual([]);
  });
});

describe("verification quotas", () => {
  let f: Flow;
  const start = new Date("2026-05-10T09:00:00Z");
  beforeAll(async () => {
    f = await createFlow({
      start,
      env: { VERIFICATION_OFFICER_DAILY_QUOTA: "3", VERIFICATION_REALM_DAILY_QUOTA: "5" },
    });
  });
  afterAll(async () => {
    await f.close();
  });

  it("limits codes per officer and per realm over a rolling 24 hours (429 problem+json)", async () => {
    const a = await f.officer("ha.a", "79");
    const b = await f.officer("ha.b", "79");
    const c = await f.officer("ha.c", "01");
    const issue = (bearer: string) =>
      f.t.app.inject({
        method: "POST",
        url: "/v1/codes",
        headers: { authorization: `Bearer ${bearer}` },
        payload: { testType: "confirmed" },
      });
    for (let i = 0; i < 3; i++) expect((await issue(a)).statusCode).toBe(200);
    f.advance(60 * MIN);
    const over = await issue(a);
    expect(over.statusCode).toBe(429);
    expect(over.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(over.json()).toMatchObject({ errorCode: "quota_exceeded", status: 429 });
    expect(over.headers["retry-after"]).toBe(String(23 * 3600));
    expect((await issue(b)).statusCode).toBe(200);
    expect((await issue(b)).statusCode).toBe(200);
    const realmFull = await issue(b);
    expect(realmFull.statusCode).toBe(429);
    expect(realmFull.json().detail).toContain("realm");
    expect((await issue(c)).statusCode).toBe(200);
    f.advance(23 * 60 * MIN);
    expect((await issue(a)).statusCode).toBe(200);
  });

  it("serializes concurrent issues so the quota holds", async () => {
    const d = await f.officer("ha.d", "48");
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        f.t.app.inject({
          method: "POST",
          url: "/v1/codes",
          headers: { authorization: `Bearer ${d}` },
          payload: { testType: "likely" },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(5);
  });

  it("rate-limits /v1/verify per client", async () => {
    const g = await createFlow({ env: { VERIFICATION_VERIFY_RATE_LIMIT: "3" } });
    try {
      const codes = ["11111111", "22222222", "33333333", "44444444"];
      const statuses = [];
      for (const code of codes)
        statuses.push(
          (await g.t.app.inject({ method: "POST", url: "/v1/verify", payload: { code } })).statusCode,
        );
      expect(statuses).toEqual([400, 400, 400, 429]);
    } finally {
      await g.close();
    }
  });
});
