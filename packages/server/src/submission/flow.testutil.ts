// Test helpers (integration tests only): an app with auth + verification + submission on a test database, a
// health-authority officer, the phone's side of verify -> certificate -> publish, and TEKs for given days.
import { randomBytes } from "node:crypto";
import { bytesToBase64, computeTekMacBase64, type TekMacKey } from "@bluezone/protocol";
import type { LightMyRequestResponse } from "fastify";
import { authFeature, createAccount } from "../auth/index.ts";
import type { Env } from "../platform/env.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { verificationFeature } from "../verification/index.ts";
import { submissionFeature } from "./index.ts";

export const HA_ID = "vn.bluezone";
export const DAY_MS = 86_400_000;

export interface Flow {
  t: TestApp;
  clock: { now: Date };
  advance(ms: number): void;
  /** Bearer token of an officer (role health_authority) per username. */
  officer(username: string, unitCode?: string): Promise<string>;
  issue(
    body: Record<string, unknown>,
    bearer?: string,
  ): Promise<{ code: string; longCode: string; uuid: string }>;
  verify(code: string): Promise<string>;
  certificate(token: string, keys: TekMacKey[], hmacKey: Uint8Array): Promise<string>;
  /** Issue + verify + certificate for these keys. */
  certify(testType: string, keys: TekMacKey[], extra?: Record<string, unknown>): Promise<Certified>;
  publish(body: Record<string, unknown>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface Certified {
  certificate: string;
  hmacKey: Uint8Array;
}

/** Env for tests: roomy limits (tests that check limits set their own). */
export const FLOW_ENV: Env = {
  AUTH_SCRYPT_COST: "10",
  AUTH_SESSION_TTL: "30d",
  VERIFICATION_VERIFY_RATE_LIMIT: "100000",
  SUBMISSION_PUBLISH_RATE_LIMIT: "100000",
  SUBMISSION_CHAFF_MAX_DELAY: "20ms",
};

export async function createFlow(
  options: { env?: Env; start?: Date; captureLogs?: boolean } = {},
): Promise<Flow> {
  const clock = { now: options.start ?? new Date("2026-05-10T09:37:12Z") };
  const t = await createTestApp({
    features: [authFeature, verificationFeature, submissionFeature],
    env: { ...FLOW_ENV, ...options.env },
    clock: () => clock.now,
    config: { rateLimit: { max: 0, windowMs: 60_000 } },
    ...(options.captureLogs ? { captureLogs: true } : {}),
  });
  const bearers = new Map<string, string>();
  const officer = async (username: string, unitCode = "79") => {
    const known = bearers.get(username);
    if (known) return known;
    const password = "officer-password";
    await createAccount(t.db, { username, password, role: "health_authority", unitCode }, { scryptCost: 10 });
    const res = await t.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { username, password },
    });
    const token = res.json().token as string;
    bearers.set(username, token);
    return token;
  };
  const issue = async (body: Record<string, unknown>, bearer?: string) => {
    const res = await t.app.inject({
      method: "POST",
      url: "/v1/codes",
      headers: { authorization: `Bearer ${bearer ?? (await officer("ha.default"))}` },
      payload: body,
    });
    if (res.statusCode !== 200) throw new Error(`issue failed: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const verify = async (code: string) => {
    const res = await t.app.inject({ method: "POST", url: "/v1/verify", payload: { code } });
    if (res.statusCode !== 200) throw new Error(`verify failed: ${res.statusCode} ${res.body}`);
    return res.json().token as string;
  };
  const certificate = async (token: string, keys: TekMacKey[], hmacKey: Uint8Array) => {
    const res = await t.app.inject({
      method: "POST",
      url: "/v1/certificate",
      payload: { token, ekeyhmac: computeTekMacBase64(keys, hmacKey) },
    });
    if (res.statusCode !== 200) throw new Error(`certificate failed: ${res.statusCode} ${res.body}`);
    return res.json().certificate as string;
  };
  return {
    t,
    clock,
    advance: (ms) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    officer,
    issue,
    verify,
    certificate,
    certify: async (testType, keys, extra = {}) => {
      const { code } = await issue({ testType, ...extra });
      const hmacKey = new Uint8Array(randomBytes(32));
      return { certificate: await certificate(await verify(code), keys, hmacKey), hmacKey };
    },
    publish: (body, headers = {}) =>
      t.app.inject({ method: "POST", url: "/v1/publish", payload: body, headers }),
    close: () => t.close(),
  };
}

/** A full-day TEK of the UTC day `daysAgo` days before `now` (0 = today, still valid). */
export function tekOfDay(now: Date, daysAgo: number, transmissionRiskLevel = 0): Required<TekMacKey> {
  const day = Math.floor(now.getTime() / DAY_MS) - daysAgo;
  return {
    keyData: new Uint8Array(randomBytes(16)),
    rollingStartIntervalNumber: day * 144,
    rollingPeriod: 144,
    transmissionRiskLevel,
  };
}

/** The publish body for keys and a certificate (what the phone sends). */
export function publishBody(keys: TekMacKey[], certified: Certified, extra: Record<string, unknown> = {}) {
  return {
    temporaryExposureKeys: keys.map((k) => ({
      key: bytesToBase64(k.keyData),
      rollingStartNumber: k.rollingStartIntervalNumber,
      rollingPeriod: k.rollingPeriod,
      transmissionRisk: k.transmissionRiskLevel ?? 0,
    })),
    healthAuthorityID: HA_ID,
    verificationPayload: certified.certificate,
    hmacKey: bytesToBase64(certified.hmacKey),
    padding: "",
    ...extra,
  };
}
