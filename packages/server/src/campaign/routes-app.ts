// App-facing campaign routes (public, rate-limited): POST /v1/installs, POST /v1/installs/:id/heartbeat,
// POST /v1/installs/:id/phone (sends an OTP) and POST /v1/installs/:id/phone/confirm.
import { ProblemError, problems, problemType } from "../platform/errors.ts";
import type { App } from "../platform/feature.ts";
import type { CampaignContext } from "./context.ts";
import {
  deviceKeyOf,
  normalizeJoinCode,
  normalizeVietnamesePhone,
  otpFrom,
  otpHash,
  phoneHash,
  sameHash,
} from "./identity.ts";
import { otpText } from "./otp-channel.ts";
import { confirmPhone, deleteChallenge, saveChallenge } from "./phone-store.ts";
import { normalizeSource } from "./rollup.ts";
import {
  ConfirmBody,
  ConfirmResponse,
  HeartbeatResponse,
  InstallParams,
  PhoneBody,
  PhoneResponse,
  RegisterBody,
  RegisterResponse,
} from "./schemas-app.ts";

const problem = (
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra?: Record<string, unknown>,
) => new ProblemError(status, { type: problemType(slug), title, detail, ...(extra ? { extra } : {}) });

export function registerAppRoutes(app: App, ctx: CampaignContext): void {
  const { config } = ctx;
  const registrations = ctx.metrics.counter("campaign_registrations_total", "App registrations by outcome.", [
    "status",
  ]);
  const heartbeats = ctx.metrics.counter("campaign_heartbeats_total", "Heartbeats by outcome.", ["status"]);
  const phones = ctx.metrics.counter("campaign_phone_confirmations_total", "Phone confirmation steps.", [
    "result",
  ]);
  const installLimit = { rateLimit: { max: config.installRateLimit, timeWindow: 60_000 } };
  const phoneLimit = { rateLimit: { max: config.phoneRateLimit, timeWindow: 60_000 } };

  app.post(
    "/v1/installs",
    {
      schema: {
        tags: ["campaign"],
        summary:
          "Register an app install (idempotent by installId; a re-install on the same device is not counted again)",
        body: RegisterBody,
        response: { 200: RegisterResponse, 201: RegisterResponse },
      },
      config: installLimit,
    },
    async (request, reply) => {
      const body = request.body;
      const place = ctx.units.place(body.communeCode);
      if (!place)
        throw problem(
          400,
          "unknown-unit",
          "Unknown commune",
          `No current commune has code ${body.communeCode}`,
        );
      const joinCode = body.agencyCode ? normalizeJoinCode(body.agencyCode) : null;
      const result = await ctx.queue.register({
        installId: body.installId,
        deviceKey: deviceKeyOf(ctx.secret, body.deviceHash),
        platform: body.platform,
        appVersion: body.appVersion,
        place,
        source: normalizeSource(body.source),
        joinCode,
      });
      registrations.inc({ status: result.status });
      const agency = !body.agencyCode ? "none" : result.agencyMatched ? "joined" : "unknown";
      return reply
        .code(result.status === "created" ? 201 : 200)
        .send({ installId: body.installId, status: result.status, agency });
    },
  );

  app.post(
    "/v1/installs/:id/heartbeat",
    {
      schema: {
        tags: ["campaign"],
        summary: "Daily sign of life of an install (counts the device as active today)",
        params: InstallParams,
        response: { 200: HeartbeatResponse },
      },
      config: installLimit,
    },
    async (request) => {
      const status = await ctx.queue.heartbeat(request.params.id);
      heartbeats.inc({ status });
      if (status === "unknown") throw problems.notFound("No such install");
      return { status };
    },
  );

  app.post(
    "/v1/installs/:id/phone",
    {
      schema: {
        tags: ["campaign"],
        summary: "Send a one-time code to confirm the install's phone number (the number is never stored)",
        params: InstallParams,
        body: PhoneBody,
        response: { 200: PhoneResponse },
      },
      config: phoneLimit,
    },
    async (request) => {
      const installId = request.params.id;
      const phone = normalizeVietnamesePhone(request.body.phone);
      if (!phone)
        throw problem(400, "invalid-phone", "Invalid phone number", "Expected a Vietnamese mobile number");
      const now = ctx.clock();
      const otp = otpFrom(ctx.random);
      const phoneKey = phoneHash(ctx.secret, phone);
      const expiresAt = new Date(now.getTime() + config.otpTtlMs);
      const saved = await saveChallenge(
        ctx.db,
        {
          installId,
          phoneHash: phoneKey,
          otpHash: otpHash(ctx.secret, installId, phoneKey, otp),
          sentAt: now,
          expiresAt,
        },
        config.otpResendMs,
      );
      if (saved === "unknown-install") throw problems.notFound("No such install");
      if (saved === "too-soon") {
        phones.inc({ result: "too-soon" });
        throw problems.tooManyRequests(
          config.otpResendMs / 1000,
          "A code was sent a moment ago; wait before asking again",
        );
      }
      try {
        await ctx.otp.send({ phone, otp, text: otpText(otp, Math.round(config.otpTtlMs / 60_000)) });
      } catch (error) {
        await deleteChallenge(ctx.db, installId);
        request.log.error({ err: error, channel: ctx.otp.name }, "OTP could not be sent");
        phones.inc({ result: "send-failed" });
        throw problem(
          503,
          "otp-unavailable",
          "Cannot send the code",
          "The confirmation code could not be sent; try later",
        );
      }
      phones.inc({ result: "sent" });
      return { status: "sent" as const, expiresAt: expiresAt.toISOString() };
    },
  );

  app.post(
    "/v1/installs/:id/phone/confirm",
    {
      schema: {
        tags: ["campaign"],
        summary: "Confirm the phone number with the one-time code; stores only a keyed hash of the number",
        params: InstallParams,
        body: ConfirmBody,
        response: { 200: ConfirmResponse },
      },
      config: phoneLimit,
    },
    async (request) => {
      const installId = request.params.id;
      const otp = request.body.otp;
      const result = await confirmPhone(ctx.db, {
        installId,
        now: ctx.clock(),
        maxAttempts: config.otpMaxAttempts,
        matches: (c) => sameHash(c.otpHash, otpHash(ctx.secret, installId, c.phoneHash, otp)),
      });
      phones.inc({ result: result.status });
      if (result.status === "wrong-otp") {
        throw problem(400, "otp-invalid", "Wrong code", "The confirmation code is not correct", {
          attemptsLeft: result.attemptsLeft,
        });
      }
      if (result.status === "no-challenge") {
        throw problem(
          400,
          "otp-expired",
          "No valid code",
          "The code has expired or was used up; ask for a new one",
        );
      }
      return { status: "confirmed" as const, counted: result.counted };
    },
  );
}
