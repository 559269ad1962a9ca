// Outreach through the API on a real database: scoped campaign management, audience upload, the planning job,
// delivery to a fake gateway (retries, permanent failures, quiet hours, K), opt-out by reply and link,
// delivery callbacks, arrivals once per stay - and no number in the logs.
import { afterEach, describe, expect, it } from "vitest";
import { authFeature } from "../auth/index.ts";
import { officialSessions } from "../auth/sessions.testutil.ts";
import { loadCampaignUnits } from "../campaign/index.ts";
import { rows, sql } from "../platform/db/database.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { type FakeGateway, startFakeGateway } from "./gateway.testutil.ts";
import { createOutreachFeature, PLAN_JOB } from "./index.ts";
import { recipientHash } from "./model.ts";
import type { OutboxWorker } from "./worker.ts";

const units = loadCampaignUnits();
const HANOI = "01";
const hanoi = units.get(HANOI)!;
const commune = units.children(HANOI)[0]!;
const otherProvince = units.children("VN").find((p) => p.code !== HANOI)!;
const local = (text: string) => new Date(`${text}+07:00`);

interface Reply {
  statusCode: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read every JSON shape the API answers
  json: () => any;
  body: string;
}

interface Harness {
  t: TestApp;
  gateway: FakeGateway;
  worker: OutboxWorker;
  clock: { now: Date };
  login: ReturnType<typeof officialSessions>;
  api: (
    method: "GET" | "POST",
    url: string,
    token: string | null,
    payload?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Reply>;
  plan: () => Promise<void>;
  phoneKey: () => Promise<Uint8Array>;
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.t.close();
  await harness?.gateway.close();
  harness = undefined;
});

async function setup(env: Record<string, string> = {}): Promise<Harness> {
  const gateway = await startFakeGateway();
  const clock = { now: local("2026-03-02T09:00:00") };
  let worker: OutboxWorker | undefined;
  const t = await createTestApp({
    features: [authFeature, createOutreachFeature({ onWorker: (w) => (worker = w) })],
    clock: () => clock.now,
    captureLogs: true,
    env: {
      OUTREACH_SMS_URL: gateway.url,
      OUTREACH_SMS_RATE: "0",
      OUTREACH_CALLBACK_SECRET: "callback-secret",
      OUTREACH_ARRIVALS_API_KEYS: "telco-key-1, telco-key-2",
      OUTREACH_RETRY_BASE: "1m",
      OUTREACH_MAX_ATTEMPTS: "3",
      ...env,
    },
  });
  const api: Harness["api"] = async (method, url, token, payload, headers = {}) =>
    t.app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload === undefined
        ? {}
        : typeof payload === "string"
          ? {
              payload,
              headers: {
                ...headers,
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                "content-type": "text/csv",
              },
            }
          : { payload: payload as object }),
    });
  harness = {
    t,
    gateway,
    worker: worker!,
    clock,
    login: officialSessions(t),
    api,
    plan: async () => {
      await t.jobs.enqueue(PLAN_JOB, {});
      await t.worker.drain();
    },
    phoneKey: async () => {
      const [row] = await rows<{ value: string }>(
        t.db,
        sql`SELECT secret_base64 AS value FROM server_secrets WHERE name = 'campaign.phone-hmac'`,
      );
      return new Uint8Array(Buffer.from(row!.value, "base64"));
    },
  };
  return harness;
}

const campaignBody = (over: Record<string, unknown> = {}) => ({
  name: "Nhắc cài Bluezone",
  channel: "sms",
  audience: { kind: "list", unitCode: HANOI },
  template: "{{unit}} đề nghị bạn cài Bluezone: {{link}} Từ chối: {{optout_link}}",
  schedule: { startAt: local("2026-03-02T09:00:00").toISOString(), repeatEveryDays: 7 },
  maxMessages: 3,
  ...over,
});

// Not round numbers (the last digits still run 0, 1, 2..., which the gateway answers rely on): "0910000000" once
// showed up inside a logged float (responseTime 7.7676910000000134) and failed the "no number in the logs"
// check although no number had been logged.
const numbers = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `09${String(47_318_250 + from + i).slice(-8)}`);

describe("campaign management", () => {
  it("scopes campaigns to the official's unit, validates templates and reports bad CSV lines", async () => {
    const h = await setup();
    const province = await h.login("hanoi-official", "province", HANOI);
    const communeOfficial = await h.login("commune-official", "commune", commune.code);
    const national = await h.login("national-official", "national", null);

    expect(
      (
        await h.api(
          "POST",
          "/v1/outreach/campaigns",
          province,
          campaignBody({ audience: { kind: "list", unitCode: otherProvince.code } }),
        )
      ).statusCode,
    ).toBe(403);
    const bad = await h.api(
      "POST",
      "/v1/outreach/campaigns",
      province,
      campaignBody({ template: "Chào {{name}}" }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain("name");
    expect((await h.api("POST", "/v1/outreach/campaigns", null, campaignBody())).statusCode).toBe(401);

    const created = await h.api("POST", "/v1/outreach/campaigns", province, campaignBody());
    expect(created.statusCode).toBe(201);
    const campaign = created.json();
    expect(campaign).toMatchObject({
      status: "draft",
      source: `sms-${campaign.id}`,
      audience: { unitName: hanoi.name },
      schedule: { quietHours: { start: "21:00", end: "07:00" } },
    });
    const unitCampaign = (
      await h.api(
        "POST",
        "/v1/outreach/campaigns",
        province,
        campaignBody({ audience: { kind: "unit", unitCode: commune.code } }),
      )
    ).json();

    const csv = ["so_dien_thoai", "0912 345 678", "12345", "+84912345678", "84987654321", "abc@", ""].join(
      "\n",
    );
    const upload = await h.api("POST", `/v1/outreach/campaigns/${campaign.id}/audience`, province, csv);
    expect(upload.statusCode).toBe(200);
    expect(upload.json()).toEqual({
      added: 2,
      duplicates: 1,
      problems: [
        { line: 3, reason: "not a Vietnamese mobile number" },
        { line: 6, reason: "not a Vietnamese mobile number" },
      ],
      recipients: 2,
    });
    const unitCsv = `0911111111,${commune.code}\n0922222222,${otherProvince.code}\n0933333333`;
    const unitUpload = (
      await h.api("POST", `/v1/outreach/campaigns/${unitCampaign.id}/audience`, province, unitCsv)
    ).json();
    expect(unitUpload.added).toBe(1);
    expect(unitUpload.problems.map((p: { line: number }) => p.line)).toEqual([2, 3]);

    // The commune official sees only the campaign of their commune; national sees both.
    const seen = (await h.api("GET", "/v1/outreach/campaigns", communeOfficial))
      .json()
      .campaigns.map((c: { id: number }) => c.id);
    expect(seen).toEqual([unitCampaign.id]);
    expect((await h.api("GET", `/v1/outreach/campaigns/${campaign.id}`, communeOfficial)).statusCode).toBe(
      403,
    );
    expect((await h.api("GET", "/v1/outreach/campaigns", national)).json().campaigns).toHaveLength(2);

    expect((await h.api("POST", `/v1/outreach/campaigns/${campaign.id}/pause`, province)).statusCode).toBe(
      409,
    );
    expect((await h.api("POST", `/v1/outreach/campaigns/${campaign.id}/start`, province)).json().status).toBe(
      "running",
    );
    expect((await h.api("POST", `/v1/outreach/campaigns/${campaign.id}/pause`, province)).json().status).toBe(
      "paused",
    );
  });
});

describe("rounds and delivery", () => {
  it("plans rounds, delivers with the unit, src link and opt-out link, skips installed and opted-out, stops at K", async () => {
    const h = await setup();
    const token = await h.login("hanoi-official", "province", HANOI);
    const c = (await h.api("POST", "/v1/outreach/campaigns", token, campaignBody({ maxMessages: 2 }))).json();
    const list = numbers(20);
    await h.api("POST", `/v1/outreach/campaigns/${c.id}/audience`, token, list.join("\n"));
    await h.api("POST", `/v1/outreach/campaigns/${c.id}/start`, token);

    // One number opted out before the campaign (reply to an earlier message).
    const inbound = await h.api(
      "POST",
      "/v1/outreach/inbound/sms",
      null,
      { from: list[0], text: "Từ Chối" },
      { "x-outreach-secret": "callback-secret" },
    );
    expect(inbound.json()).toEqual({ optedOut: true });

    await h.plan();
    await h.worker.drain();
    expect(h.gateway.keys.size).toBe(19);
    const first = h.gateway.requests.find((r) => r.body.phone === `84${list[2]!.slice(1)}`)!.body
      .message as string;
    expect(first).toContain(
      `${hanoi.name} đề nghị bạn cài Bluezone: http://localhost:8080/cai-dat?src=sms-${c.id}`,
    );
    const optoutLink = /Từ chối: (\S+)/.exec(first)![1]!;
    expect(optoutLink).toMatch(/\/v1\/outreach\/optout\?t=/);
    const [{ kept } = { kept: -1 }] = await rows<{ kept: number }>(
      h.t.db,
      sql`SELECT count(*)::int AS kept FROM outreach_outbox WHERE address_sealed IS NOT NULL`,
    );
    expect(kept).toBe(0); // sent messages keep no address

    // Between rounds: one recipient installs the app (phone confirmed), one opts out by link.
    const key = await h.phoneKey();
    const installed = `+84${list[1]!.slice(1)}`;
    await h.t.db.execute(sql`INSERT INTO campaign_devices (device_key, commune_code, province_code, source, platform, registered_day, phone_hash)
      VALUES ('dev-1', ${commune.code}, ${HANOI}, ${`sms-${c.id}`}, 'android', '2026-03-03', ${recipientHash(key, installed)})`);
    const optoutUrl = optoutLink.replace("http://localhost:8080", "");
    const optOuts = async () =>
      (await rows<{ n: number }>(h.t.db, sql`SELECT count(*)::int AS n FROM outreach_optouts`))[0]?.n;
    // Opening the link (or a link scanner following it) only asks; the button's POST opts out.
    const before = await optOuts();
    const confirm = await h.t.app.inject({ method: "GET", url: optoutUrl });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Từ chối nhận tin?");
    expect(confirm.body).toContain('<form method="post"');
    expect(await optOuts()).toBe(before);
    const page = await h.t.app.inject({
      method: "POST",
      url: optoutUrl,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain("Đã từ chối nhận tin");
    expect(await optOuts()).toBe((before ?? 0) + 1);
    expect((await h.t.app.inject({ method: "GET", url: "/v1/outreach/optout?t=abc.def" })).statusCode).toBe(
      400,
    );
    expect((await h.t.app.inject({ method: "POST", url: "/v1/outreach/optout?t=abc.def" })).statusCode).toBe(
      400,
    );

    h.clock.now = local("2026-03-09T09:00:00");
    await h.plan();
    await h.worker.drain();
    const stats = (
      await h.api("GET", `/v1/outreach/campaigns/${c.id}`, await h.login("hanoi-week2", "province", HANOI))
    ).json();
    expect(
      stats.stats.rounds.map((r: { round: number; counts: { sent: number } }) => [r.round, r.counts.sent]),
    ).toEqual([
      [1, 19],
      [2, 17],
    ]);
    expect(stats.stats.optedOut).toBe(2);
    expect(h.gateway.keys.size).toBe(36);

    // Round 3: K = 2 reached by everyone; the campaign keeps its schedule but queues nothing.
    h.clock.now = local("2026-03-16T09:00:00");
    await h.plan();
    expect(await h.worker.drain()).toBe(0);

    // Nothing identifying in the logs.
    const logs = h.t.logs.join("\n");
    for (const n of list.slice(0, 3)) expect(logs).not.toContain(n.slice(1));
  });

  it("retries 5xx with back-off, fails 4xx at once and after the last attempt; honours quiet hours; callbacks", async () => {
    const h = await setup();
    const token = await h.login("hanoi-official", "province", HANOI);
    const c = (
      await h.api(
        "POST",
        "/v1/outreach/campaigns",
        token,
        campaignBody({
          schedule: { startAt: local("2026-03-02T22:30:00").toISOString() },
        }),
      )
    ).json();
    await h.api("POST", `/v1/outreach/campaigns/${c.id}/audience`, token, numbers(3).join("\n"));
    await h.api("POST", `/v1/outreach/campaigns/${c.id}/start`, token);
    h.clock.now = local("2026-03-02T22:30:00");
    await h.plan();
    expect(await h.worker.drain()).toBe(0); // quiet hours: held until 07:00
    const lateToken = await h.login("hanoi-night", "province", HANOI); // sessions last 12 h
    expect((await h.api("GET", `/v1/outreach/campaigns/${c.id}`, lateToken)).json()).toMatchObject({
      status: "ended",
      stats: { totals: { queued: 3 } },
    });

    h.clock.now = local("2026-03-03T07:00:00");
    const phones = new Map<string, number>();
    h.gateway.answer = (req) => {
      const phone = String(req.body.phone);
      const seen = (phones.get(phone) ?? 0) + 1;
      phones.set(phone, seen);
      if (phone.endsWith("0")) return { status: 503, body: {} }; // always busy
      if (phone.endsWith("1")) return { status: 400, body: { error: "blacklisted" } };
      return seen === 1 ? { status: 502, body: {} } : "default";
    };
    expect(await h.worker.drain()).toBe(3);
    const statuses = async () =>
      rows<{ k: string; status: string; attempts: number; next: string }>(
        h.t.db,
        sql`SELECT right(idempotency_key, 4) AS k, status, attempts, next_attempt_at::text AS next FROM outreach_outbox ORDER BY id`,
      );
    let s = await statuses();
    expect(s.map((r) => r.status)).toEqual(["queued", "failed", "queued"]);
    const wait = new Date(s[0]!.next).getTime() - h.clock.now.getTime();
    expect(wait).toBeGreaterThanOrEqual(30_000);
    expect(wait).toBeLessThanOrEqual(60_000);

    for (let i = 0; i < 4; i++) {
      h.clock.now = new Date(h.clock.now.getTime() + 3_600_000);
      await h.worker.drain();
    }
    s = await statuses();
    expect(s.map((r) => [r.status, r.attempts])).toEqual([
      ["failed", 3],
      ["failed", 1],
      ["sent", 2],
    ]);

    // Delivery report for the sent one (by provider id); wrong secret refused.
    const [sent] = await rows<{ provider_id: string }>(
      h.t.db,
      sql`SELECT provider_id FROM outreach_outbox WHERE status = 'sent'`,
    );
    expect(
      (
        await h.api(
          "POST",
          "/v1/outreach/callbacks/sms",
          null,
          { providerId: sent!.provider_id, status: "DELIVRD" },
          { "x-outreach-secret": "nope" },
        )
      ).statusCode,
    ).toBe(401);
    const report = await h.api(
      "POST",
      "/v1/outreach/callbacks/sms",
      null,
      { providerId: sent!.provider_id, status: "DELIVRD" },
      { "x-outreach-secret": "callback-secret" },
    );
    expect(report.json()).toEqual({ updated: true });
    const view = (
      await h.api("GET", `/v1/outreach/campaigns/${c.id}`, await h.login("hanoi-day", "province", HANOI))
    ).json();
    expect(view.stats.totals).toMatchObject({ delivered: 1, failed: 2, sent: 0 });
    const [{ left } = { left: -1 }] = await rows<{ left: number }>(
      h.t.db,
      sql`SELECT count(*)::int AS left FROM outreach_recipients WHERE address_sealed IS NOT NULL`,
    );
    expect(left).toBe(0); // the campaign ended: addresses erased
  });

  it("cancels a queued message when its number opts out before the worker gets to it", async () => {
    const h = await setup();
    const token = await h.login("hanoi-official", "province", HANOI);
    const c = (await h.api("POST", "/v1/outreach/campaigns", token, campaignBody())).json();
    const list = numbers(3);
    await h.api("POST", `/v1/outreach/campaigns/${c.id}/audience`, token, list.join("\n"));
    await h.api("POST", `/v1/outreach/campaigns/${c.id}/start`, token);
    await h.plan();
    await h.api(
      "POST",
      "/v1/outreach/inbound/sms",
      null,
      { from: list[2], text: "tu choi" },
      { "x-outreach-secret": "callback-secret" },
    );
    expect(
      (
        await h.api(
          "POST",
          "/v1/outreach/inbound/sms",
          null,
          { from: list[1], text: "cảm ơn" },
          { "x-outreach-secret": "callback-secret" },
        )
      ).json(),
    ).toEqual({ optedOut: false });
    expect(await h.worker.drain()).toBe(2);
    expect(h.gateway.keys.size).toBe(2);
    const view = (await h.api("GET", `/v1/outreach/campaigns/${c.id}`, token)).json();
    expect(view.stats.totals).toMatchObject({ sent: 2, cancelled: 1 });
  });
});

describe("arrivals", () => {
  it("welcomes a number once per stay, needs an API key, skips opted-out numbers and app users", async () => {
    const h = await setup({ OUTREACH_STAY_DAYS: "14" });
    const post = (body: unknown, key = "telco-key-2") =>
      h.api("POST", "/v1/outreach/arrivals", null, body, { "x-api-key": key });
    expect((await post({ province: HANOI, numbers: ["0912345678"] }, "wrong")).statusCode).toBe(401);
    expect((await post({ province: "99", numbers: ["0912345678"] })).statusCode).toBe(400);
    await h.api(
      "POST",
      "/v1/outreach/inbound/sms",
      null,
      { from: "0900000003", text: "TU CHOI" },
      { "x-outreach-secret": "callback-secret" },
    );

    const first = await post({
      province: HANOI,
      numbers: ["0912345678", "0912345678", "0900000003", "bad", "+84 98 765 4321"],
    });
    expect(first.json()).toEqual({ accepted: 4, welcomed: 2, invalid: 1 });
    await h.worker.drain();
    expect(h.gateway.requests.map((r) => r.body.message)).toEqual([
      expect.stringContaining(`Chào mừng bạn đến ${hanoi.name}`),
      expect.stringContaining("src=arrival-01"),
    ]);

    h.clock.now = local("2026-03-10T09:00:00");
    expect((await post({ province: HANOI, numbers: ["0912345678"] })).json().welcomed).toBe(0); // same stay
    expect((await post({ province: otherProvince.code, numbers: ["0912345678"] })).json().welcomed).toBe(1);
    h.clock.now = local("2026-03-20T09:00:00");
    expect((await post({ province: HANOI, numbers: ["0912345678"] })).json().welcomed).toBe(0); // seen on the 10th
    h.clock.now = local("2026-04-20T09:00:00");
    expect((await post({ province: HANOI, numbers: ["0912345678"] }, "telco-key-1")).json().welcomed).toBe(1); // new stay
    expect(h.t.logs.join("\n")).not.toContain("912345678");
  });
});
