// End to end: a campaign to 10,000 numbers with a repeat after 7 simulated days delivers exactly once per round
// to those who have not installed, skips opted-out ones, and survives a delivery worker killed mid-batch. On
// PostgreSQL the worker is a child process (worker-process.ts) killed with SIGKILL while requests are in
// flight; on in-memory PGlite (which a second process cannot open) a worker claims a batch, sends part of it
// and vanishes without settling - the same state - and the next worker re-claims after the lease.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFeature } from "../auth/index.ts";
import { officialSessions } from "../auth/sessions.testutil.ts";
import { campaignFeature, loadCampaignUnits } from "../campaign/index.ts";
import { rows, sql } from "../platform/db/database.ts";
import { createTestApp, type TestApp } from "../platform/test-app.ts";
import { httpSmsAdapter } from "./channels.ts";
import { type FakeGateway, startFakeGateway } from "./gateway.testutil.ts";
import { createOutreachFeature, planOutreach } from "./index.ts";
import { recipientHash } from "./model.ts";
import { claimBatch, optOut } from "./store.ts";
import type { OutboxWorker } from "./worker.ts";

const SCRIPT = fileURLToPath(new URL("./worker-process.ts", import.meta.url));
const N = 10_000;
const local = (text: string) => new Date(`${text}+07:00`);
const numbers = Array.from({ length: N }, (_, i) => `+849${String(10_000_000 + i).slice(-8)}`);

let t: TestApp;
let gateway: FakeGateway;
let worker: OutboxWorker;
const clock = { now: local("2026-03-02T09:00:00") };
let phoneKey: Uint8Array;

beforeAll(async () => {
  gateway = await startFakeGateway({ record: false });
  t = await createTestApp({
    features: [authFeature, campaignFeature, createOutreachFeature({ onWorker: (w) => (worker = w) })],
    clock: () => clock.now,
    env: {
      OUTREACH_SMS_URL: gateway.url,
      OUTREACH_SMS_RATE: "0",
      OUTREACH_BATCH_SIZE: "500",
      OUTREACH_LEASE: "1s",
      OUTREACH_CALLBACK_SECRET: "s",
      CAMPAIGN_INSTALL_RATE_LIMIT: "100000",
    },
  });
  const [row] = await rows<{ v: string }>(
    t.db,
    sql`SELECT secret_base64 AS v FROM server_secrets WHERE name = 'campaign.phone-hmac'`,
  );
  phoneKey = new Uint8Array(Buffer.from(row!.v, "base64"));
}, 60_000);
afterAll(async () => {
  await t?.close();
  await gateway?.close();
});

/** Marks numbers as installed: a device with the confirmed phone's hash (what campaign/ stores). */
async function install(list: readonly string[]) {
  const json = JSON.stringify(list.map((n, i) => ({ k: `dev-${n}-${i}`, h: recipientHash(phoneKey, n) })));
  const commune = loadCampaignUnits().children("01")[0]!.code;
  await t.db.execute(sql`INSERT INTO campaign_devices (device_key, commune_code, province_code, source, platform, registered_day, phone_hash)
    SELECT x.k, ${commune}, '01', 'sms-1', 'android', '2026-03-03', x.h FROM json_to_recordset(${json}::json) AS x(k text, h text)`);
}

const keysOfRound = async (round: number) =>
  rows<{ key: string; recipient_id: number; status: string }>(
    t.db,
    sql`SELECT idempotency_key AS key, recipient_id::int AS recipient_id, status FROM outreach_outbox WHERE round = ${round}`,
  );

const recipientIds = async (list: readonly string[]) => {
  const hashes = list.map((n) => recipientHash(phoneKey, n));
  const found = await rows<{ id: number }>(
    t.db,
    sql`SELECT id::int AS id FROM outreach_recipients WHERE recipient_hash IN (SELECT value FROM json_array_elements_text(${JSON.stringify(hashes)}::json))`,
  );
  return new Set(found.map((r) => r.id));
};

/** A delivery worker in a child process on this test's PostgreSQL schema, sending to the fake gateway. */
function spawnWorker(args: string[], stdout: "pipe" | "ignore") {
  return spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: (t.database.options as { url: string }).url,
      DATABASE_SCHEMA: t.database.schema,
      OUTREACH_SMS_URL: gateway.url,
      OUTREACH_SMS_RATE: "0",
      OUTREACH_BATCH_SIZE: "500",
      OUTREACH_LEASE: "1s",
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", stdout, "inherit"],
  });
}

/** Kills a delivery worker mid-batch (child process + SIGKILL on PostgreSQL; an abandoned claim on PGlite). */
async function crashMidBatch(): Promise<string> {
  if (t.database.kind === "postgres") {
    let hung = 0;
    gateway.answer = (_req, n) => {
      if (n <= 3000) return "default";
      hung++;
      return "hang";
    };
    const child = spawnWorker([], "pipe");
    const exit = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_c, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (hung >= 20) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
      }, 5);
      child.on("exit", () => {
        clearInterval(timer);
        if (hung < 20) reject(new Error("worker exited before it was killed"));
      });
    });
    expect(await exit).toBe("SIGKILL");
    gateway.release();
    return "child process SIGKILL";
  }
  // PGlite: claim a batch, send half of it, never settle (the process "died"); the lease then runs out.
  const { messages } = await claimBatch(t.db, {
    now: clock.now,
    limit: 500,
    leaseMs: 1000,
    channels: ["sms"],
  });
  const sms = httpSmsAdapter({ url: gateway.url, brandName: "BZ", timeoutMs: 5000 });
  await Promise.all(
    messages
      .slice(0, 250)
      .map((m) => sms.send({ address: "+84900000000", text: "x" }, { idempotencyKey: m.idempotencyKey })),
  );
  await sms.close?.();
  clock.now = new Date(clock.now.getTime() + 1500);
  return "abandoned claim";
}

describe("a campaign to 10,000 numbers", () => {
  it("delivers exactly once per round to the not installed and not opted out, across a killed worker", async () => {
    const login = officialSessions(t);
    const token = await login("national-e2e", "national", null);
    const auth = { authorization: `Bearer ${token}` };
    const created = await t.app.inject({
      method: "POST",
      url: "/v1/outreach/campaigns",
      headers: auth,
      payload: {
        name: "Cả nước cài Bluezone",
        channel: "sms",
        audience: { kind: "list", unitCode: "VN" },
        template: "{{unit}}: hãy cài Bluezone {{link}} Soạn TU CHOI để từ chối",
        schedule: { startAt: clock.now.toISOString(), repeatEveryDays: 7 },
        maxMessages: 3,
      },
    });
    const id = created.json().id as number;
    const upload = await t.app.inject({
      method: "POST",
      url: `/v1/outreach/campaigns/${id}/audience`,
      headers: { ...auth, "content-type": "text/csv" },
      payload: numbers.map((n) => `0${n.slice(3)}`).join("\n"),
    });
    expect(upload.json()).toMatchObject({ added: N, problems: [] });
    await t.app.inject({ method: "POST", url: `/v1/outreach/campaigns/${id}/start`, headers: auth });

    // Before round 1: 500 have the app, 20 replied TU CHOI.
    await install(numbers.slice(0, 500));
    for (const n of numbers.slice(500, 520)) {
      const r = await t.app.inject({
        method: "POST",
        url: "/v1/outreach/inbound/sms",
        headers: { "x-outreach-secret": "s" },
        payload: { from: n, text: "TỪ CHỐI" },
      });
      expect(r.json()).toEqual({ optedOut: true });
    }
    const planned = await planOutreach(
      { db: t.db, units: loadCampaignUnits(), publicBaseUrl: "http://localhost:8080" },
      clock.now,
    );
    expect(planned).toEqual([{ campaignId: id, round: 1, queued: N - 520 }]);

    const how = await crashMidBatch();
    const [{ leased } = { leased: 0 }] = await rows<{ leased: number }>(
      t.db,
      sql`SELECT count(*)::int AS leased FROM outreach_outbox WHERE status = 'sending'`,
    );
    expect(leased).toBeGreaterThan(0); // the dead worker's batch is still claimed
    if (t.database.kind === "postgres") {
      const code = await new Promise<number | null>((resolve) => {
        const child = spawnWorker(["--until-empty"], "ignore");
        child.on("exit", (c) => resolve(c));
      });
      expect(code).toBe(0);
    } else {
      await worker.drain();
    }
    const round1 = await keysOfRound(1);
    expect(round1).toHaveLength(N - 520);
    expect(round1.every((r) => r.status === "sent")).toBe(true);
    // Each message reached the gateway under its key; re-sent keys (the dead worker's batch) are deduped there.
    expect(gateway.keys.size).toBe(N - 520);
    for (const r of round1) expect(gateway.keys.has(r.key)).toBe(true);
    const resent = [...gateway.received.values()].filter((c) => c > 1).length;
    expect(resent, `${how}: some keys were sent again after the crash`).toBeGreaterThan(0);
    const excluded1 = await recipientIds(numbers.slice(0, 520));
    expect(round1.some((r) => excluded1.has(r.recipient_id))).toBe(false);

    // Seven days later: 300 more installed (via the SMS link), 30 more opted out. Their apps register with the
    // link's source (what the install page hands to the app); the confirmed phones are what stops the messages.
    const source = /src=(sms-[0-9]+)/.exec(JSON.stringify(gateway.last))?.[1];
    expect(source).toBe(`sms-${id}`);
    const commune = loadCampaignUnits().children("01")[0]!.code;
    for (let i = 0; i < 300; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/v1/installs",
        payload: {
          installId: `e2e-install-${String(i).padStart(8, "0")}`,
          deviceHash: `e2e-device-${String(i).padStart(16, "0")}`,
          platform: "android",
          appVersion: "5.0.0",
          communeCode: commune,
          source,
        },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    await install(numbers.slice(1000, 1300));
    for (const n of numbers.slice(2000, 2030))
      await optOut(t.db, recipientHash(phoneKey, n), "link", clock.now);
    clock.now = local("2026-03-09T09:00:00");
    const second = await planOutreach(
      { db: t.db, units: loadCampaignUnits(), publicBaseUrl: "http://localhost:8080" },
      clock.now,
    );
    expect(second).toEqual([{ campaignId: id, round: 2, queued: N - 850 }]);
    await worker.drain();
    const round2 = await keysOfRound(2);
    expect(round2).toHaveLength(N - 850);
    expect(round2.every((r) => r.status === "sent" && gateway.keys.get(r.key) === 1)).toBe(true);
    expect(gateway.keys.size).toBe(N - 520 + N - 850);
    const excluded2 = await recipientIds([
      ...numbers.slice(0, 520),
      ...numbers.slice(1000, 1300),
      ...numbers.slice(2000, 2030),
    ]);
    expect(round2.some((r) => excluded2.has(r.recipient_id))).toBe(false);
    // One message per recipient per round.
    expect(new Set(round2.map((r) => r.recipient_id)).size).toBe(round2.length);
    // The dashboard attributes the installs to the SMS measure and to this campaign.
    const fresh = { authorization: `Bearer ${await login("national-dashboard", "national", null)}` }; // a week on
    const attributed = await t.app.inject({
      method: "GET",
      url: "/v1/campaign/units/VN/sources",
      headers: fresh,
    });
    expect(attributed.statusCode, attributed.body).toBe(200);
    const sources = attributed.json() as {
      measures: { measure: string; installs: number }[];
      places: { measure: string; place: string; installs: number }[];
    };
    expect(sources.measures.find((m) => m.measure === "sms")?.installs).toBe(300);
    expect(sources.places).toContainEqual(
      expect.objectContaining({ measure: "sms", place: String(id), installs: 300 }),
    );
  }, 240_000);
});
