// Test helpers of the campaign feature: an app with auth + campaign on a fresh database, an adjustable
// clock, a memory OTP channel, officials signed in by role, and app-side calls (register, heartbeat, phone).
import { authFeature } from "../auth/index.ts";
import type { Role } from "../auth/model.ts";
import { createAccount } from "../auth/store.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { createCampaignFeature } from "./index.ts";
import { memoryOtpChannel } from "./otp-channel.ts";

export interface CampaignTestApp extends TestApp {
  otp: ReturnType<typeof memoryOtpChannel>;
  /** Sets the app's clock. */
  setNow(at: Date | string): void;
  now(): Date;
  /** Creates an official and signs in; returns the Bearer token. */
  official(username: string, role: Role, unitCode: string | null): Promise<string>;
  register(
    body: Partial<RegisterInput> & { installId: string },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  heartbeat(installId: string): Promise<number>;
  /** Sends an OTP to `phone` for the install and confirms it with the code the memory channel received. */
  confirmPhone(installId: string, phone: string): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string, token: string): Promise<{ status: number; body: unknown }>;
}

export interface RegisterInput {
  installId: string;
  deviceHash: string;
  platform: "android" | "ios" | "web";
  appVersion: string;
  communeCode: string;
  source?: string;
  agencyCode?: string;
}

/** An install id / device hash of the right shape from a number. */
export const installIdOf = (n: number) => `inst-${String(n).padStart(16, "0")}`;
export const deviceHashOf = (n: number) => `device-${String(n).padStart(24, "0")}`;

export async function createCampaignTestApp(
  options: { now?: string; env?: Record<string, string>; captureLogs?: boolean } = {},
): Promise<CampaignTestApp> {
  let now = new Date(options.now ?? "2025-08-04T03:00:00Z"); // Monday 10:00 in Hà Nội
  const otp = memoryOtpChannel();
  const t = await createTestApp({
    features: [authFeature, createCampaignFeature({ otpChannel: otp })],
    clock: () => now,
    env: { AUTH_SCRYPT_COST: "10", ...options.env },
    ...(options.captureLogs ? { captureLogs: true } : {}),
  });
  const json = (res: { body: string }) => (res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {});
  return {
    ...t,
    otp,
    setNow: (at) => {
      now = new Date(at);
    },
    now: () => now,
    async official(username, role, unitCode) {
      const password = `pw-${username}-0123456789`;
      await createAccount(t.db, { username, password, role, unitCode }, { scryptCost: 10 });
      const res = await t.app.inject({
        method: "POST",
        url: "/v1/auth/login",
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      return (JSON.parse(res.body) as { token: string }).token;
    },
    async register(body) {
      const n = Number(body.installId.replace(/\D/g, "")) || 0;
      const res = await t.app.inject({
        method: "POST",
        url: "/v1/installs",
        payload: {
          deviceHash: deviceHashOf(n),
          platform: "android",
          appVersion: "5.0.1",
          communeCode: "00004",
          ...body,
        },
      });
      return { status: res.statusCode, body: json(res) };
    },
    async heartbeat(installId) {
      const res = await t.app.inject({ method: "POST", url: `/v1/installs/${installId}/heartbeat` });
      return res.statusCode;
    },
    async confirmPhone(installId, phone) {
      const sent = await t.app.inject({
        method: "POST",
        url: `/v1/installs/${installId}/phone`,
        payload: { phone },
      });
      if (sent.statusCode !== 200) return { status: sent.statusCode, body: json(sent) };
      const code = otp.sent.at(-1)?.otp;
      const res = await t.app.inject({
        method: "POST",
        url: `/v1/installs/${installId}/phone/confirm`,
        payload: { otp: code },
      });
      return { status: res.statusCode, body: json(res) };
    },
    async get(path, token) {
      const res = await t.app.inject({
        method: "GET",
        url: path,
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
    },
  };
}
