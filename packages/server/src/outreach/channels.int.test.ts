// The HTTP channel adapters against local fake servers (request shape, 5xx retryable, 4xx permanent, timeouts,
// dropped connections) and the SMTP adapter against a local smtp-server.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { consoleAdapter, httpSmsAdapter, smtpAdapter, zaloZnsAdapter } from "./channels.ts";
import { type FakeGateway, startFakeGateway } from "./gateway.testutil.ts";

let gateway: FakeGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const message = { address: "+84912345678", text: "Hà Nội đề nghị cài Bluezone" };

describe("HTTP SMS gateway adapter", () => {
  it("posts the brand-name SMS shape with auth and the idempotency key", async () => {
    gateway = await startFakeGateway();
    const sms = httpSmsAdapter({
      url: gateway.url,
      authorization: "Bearer t0k",
      brandName: "BLUEZONE",
      timeoutMs: 2000,
    });
    const first = await sms.send(message, { idempotencyKey: "7:42:1" });
    const again = await sms.send(message, { idempotencyKey: "7:42:1" });
    expect(first).toEqual({ ok: true, providerId: "gw-1" });
    expect(again).toEqual(first);
    const [request] = gateway.requests;
    expect(request!.headers.authorization).toBe("Bearer t0k");
    expect(request!.headers["idempotency-key"]).toBe("7:42:1");
    expect(request!.body).toEqual({
      brandname: "BLUEZONE",
      phone: "84912345678",
      message: "Hà Nội đề nghị cài Bluezone",
      requestId: "7:42:1",
      unicode: true,
    });
    expect(gateway.keys.get("7:42:1")).toBe(2);
    await sms.close?.();
  });

  it("classifies 5xx and 429 as retryable, other 4xx as permanent, timeouts and drops as retryable", async () => {
    gateway = await startFakeGateway();
    const sms = httpSmsAdapter({ url: gateway.url, brandName: "BZ", timeoutMs: 300 });
    const answers = [
      { status: 503, body: { error: "busy" } },
      { status: 429, body: {} },
      { status: 400, body: { error: "invalid phone" } },
      { status: 401, body: {} },
    ];
    for (const a of answers) {
      gateway.answer = () => a;
      const result = await sms.send(message, { idempotencyKey: `k${a.status}` });
      expect(result).toMatchObject({
        ok: false,
        retryable: a.status >= 429 && a.status !== 400 && a.status !== 401,
      });
    }
    gateway.answer = () => "hang";
    const started = Date.now();
    expect(await sms.send(message, { idempotencyKey: "slow" })).toMatchObject({
      ok: false,
      retryable: true,
      error: expect.stringContaining("timeout"),
    });
    expect(Date.now() - started).toBeLessThan(2000);
    gateway.answer = () => "drop";
    expect(await sms.send(message, { idempotencyKey: "drop" })).toMatchObject({ ok: false, retryable: true });
    await sms.close?.();
  });

  it("retries a connection refused", async () => {
    const sms = httpSmsAdapter({ url: "http://127.0.0.1:9/none", brandName: "BZ", timeoutMs: 500 });
    expect(await sms.send(message, { idempotencyKey: "x" })).toMatchObject({ ok: false, retryable: true });
    await sms.close?.();
  });
});

describe("Zalo ZNS adapter", () => {
  it("sends phone, template_id, template_data, tracking_id with the access_token header", async () => {
    gateway = await startFakeGateway({ zalo: true });
    const zalo = zaloZnsAdapter({ url: gateway.url, accessToken: "oa-token", timeoutMs: 2000 });
    const result = await zalo.send(
      {
        ...message,
        templateId: "231456",
        templateData: { unit: "Hà Nội", link: "https://bz/cai-dat?src=zalo-3" },
      },
      { idempotencyKey: "3:9:1" },
    );
    expect(result).toEqual({ ok: true, providerId: "gw-1" });
    expect(gateway.requests[0]!.headers.access_token).toBe("oa-token");
    expect(gateway.requests[0]!.body).toEqual({
      phone: "84912345678",
      template_id: "231456",
      template_data: { unit: "Hà Nội", link: "https://bz/cai-dat?src=zalo-3" },
      tracking_id: "3:9:1",
    });
  });

  it("maps Zalo error codes: rate limit retryable, invalid phone permanent, 5xx retryable", async () => {
    gateway = await startFakeGateway({ zalo: true });
    const zalo = zaloZnsAdapter({ url: gateway.url, accessToken: "t", timeoutMs: 2000 });
    const send = () => zalo.send({ ...message, templateId: "1" }, { idempotencyKey: "k" });
    gateway.answer = () => ({ status: 200, body: { error: -32, message: "Quota exceeded" } });
    expect(await send()).toMatchObject({ ok: false, retryable: true });
    gateway.answer = () => ({ status: 200, body: { error: -108, message: "Phone number is invalid" } });
    expect(await send()).toMatchObject({ ok: false, retryable: false });
    gateway.answer = () => ({ status: 502, body: {} });
    expect(await send()).toMatchObject({ ok: false, retryable: true });
    expect(await zalo.send(message, { idempotencyKey: "no-template" })).toMatchObject({
      ok: false,
      retryable: false,
    });
  });
});

describe("SMTP adapter", () => {
  it("delivers through a local SMTP server with the key as Message-ID; 5xx permanent, 4xx retryable", async () => {
    const received: string[] = [];
    let reject: number | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onRcptTo(_address, _session, callback) {
        if (reject) {
          const error = Object.assign(new Error(reject >= 500 ? "No such user" : "Try later"), {
            responseCode: reject,
          });
          return callback(error);
        }
        callback();
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const port = (server.server.address() as AddressInfo).port;
    const email = smtpAdapter({
      url: `smtp://127.0.0.1:${port}`,
      from: "Bluezone <no-reply@bz.vn>",
      timeoutMs: 5000,
    });
    try {
      const ok = await email.send(
        { address: "lan@example.vn", subject: "Cài Bluezone", text: "Xin chào" },
        { idempotencyKey: "5:1:1" },
      );
      expect(ok).toEqual({ ok: true, providerId: "<5:1:1@outreach.bluezone>" });
      expect(received[0]).toContain("Message-ID: <5:1:1@outreach.bluezone>");
      expect(received[0]).toContain("lan@example.vn");
      reject = 550;
      expect(await email.send({ address: "x@example.vn", text: "t" }, { idempotencyKey: "a" })).toMatchObject(
        { ok: false, retryable: false },
      );
      reject = 451;
      expect(await email.send({ address: "x@example.vn", text: "t" }, { idempotencyKey: "b" })).toMatchObject(
        { ok: false, retryable: true },
      );
    } finally {
      await email.close?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("console adapter", () => {
  it("prints a masked number, never the number", async () => {
    const lines: string[] = [];
    const adapter = consoleAdapter("sms", (l) => lines.push(l));
    expect(
      await adapter.send({ address: "+84901234567", text: "Xin chào" }, { idempotencyKey: "1:1:1" }),
    ).toEqual({
      ok: true,
      providerId: "console:1:1:1",
    });
    expect(lines).toEqual(["[sms] +8490*****67: Xin chào"]);
  });
});
