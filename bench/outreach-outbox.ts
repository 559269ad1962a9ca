/**
 * Bench: the outreach outbox on PostgreSQL (PGlite when none is reachable) delivering to a local fake SMS gateway
 * (node:http, keep-alive). Candidate = plan a round (one INSERT ... SELECT of every recipient into the outbox)
 * then the delivery worker (batches claimed with FOR UPDATE SKIP LOCKED, sends in parallel, one UPDATE per
 * batch). Baseline = one by one without an outbox: INSERT the message, POST it, UPDATE it, then the next.
 * Target: >= 5,000 messages/s. CPU is this process's (worker, database client and the fake gateway).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type Database, migrate, openDatabase, outreach, rows, sql } from "@bluezone/server";
import { benchDatabaseUrl, benchSchema } from "./lib/child-server.ts";
import type { Benchmark, BenchResult } from "./lib/types.ts";

const TARGET = 5_000;

async function startGateway() {
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { requestId: string };
      seen.add(body.requestId);
      res.writeHead(200, { "content-type": "application/json" }).end(`{"messageId":"gw-${body.requestId}"}`);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function openBenchDatabase(): Promise<{ database: Database; kind: string; drop: () => Promise<void> }> {
  const url = benchDatabaseUrl();
  try {
    const { schema, drop } = await benchSchema(url, "bench_outbox");
    const database = await openDatabase({ kind: "postgres", url, schema, poolSize: 8 });
    return { database, kind: "PostgreSQL", drop };
  } catch {
    const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    return { database, kind: "PGlite (no PostgreSQL reachable)", drop: async () => {} };
  }
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

export const outreachOutboxBench: Benchmark = {
  name: "outreach-outbox",
  async run({ smoke }): Promise<BenchResult> {
    const n = smoke ? 500 : 20_000;
    const nBaseline = smoke ? 100 : 2_000;
    const { database, kind, drop } = await openBenchDatabase();
    const gateway = await startGateway();
    try {
      await migrate(database);
      const db = database.db;
      const sealer = outreach.addressSealer(new Uint8Array(32).fill(1), (k) =>
        crypto.getRandomValues(new Uint8Array(k)),
      );
      const phoneKey = new Uint8Array(32).fill(2);
      const numbers = Array.from({ length: n }, (_, i) => `+849${String(10_000_000 + i).slice(-8)}`);
      const campaign = await outreach.insertCampaign(db, {
        name: "bench",
        channel: "sms",
        audienceKind: "list",
        unitCode: "VN",
        template: "{{unit}}: cài Bluezone {{link}}",
        subject: null,
        zaloTemplateId: null,
        startAt: new Date(Date.now() - 60_000),
        quietStartMinute: 0,
        quietEndMinute: 0,
        repeatEveryDays: null,
        stopAt: null,
        maxMessages: 1,
        createdBy: null,
      });
      await outreach.addRecipients(
        db,
        campaign.id,
        numbers.map((address) => {
          const hash = outreach.recipientHash(phoneKey, address);
          return { hash, sealed: sealer.seal(address, hash), unitCode: null };
        }),
      );
      await outreach.setCampaignStatus(db, campaign.id, "start");

      // Candidate: plan (one transaction) + deliver through two workers sharing the outbox (SKIP LOCKED), so one
      // sends while the other claims or settles.
      const makeWorker = () =>
        new outreach.OutboxWorker({
          db,
          adapters: {
            sms: outreach.httpSmsAdapter({ url: gateway.url, brandName: "BLUEZONE", timeoutMs: 10_000 }),
          },
          sealer,
          optOutKey: new Uint8Array(32),
          optOutUrl: "http://localhost/v1/outreach/optout",
          clock: () => new Date(),
          batchSize: 1000,
          leaseMs: 120_000,
          maxAttempts: 5,
          retry: { baseMs: 1000, maxMs: 60_000 },
          rates: { sms: 0 },
          concurrency: 64,
        });
      const workers = [makeWorker(), makeWorker()];
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const planned = await outreach.planOutreach(
        {
          db,
          units: {
            get: () => ({ code: "VN", name: "Việt Nam", level: "national", parentCode: null }),
          } as never,
          publicBaseUrl: "http://localhost",
        },
        new Date(),
      );
      const t1 = performance.now();
      const delivered = (await Promise.all(workers.map((w) => w.drain()))).reduce((a, b) => a + b, 0);
      const t2 = performance.now();
      const candidateCpu = cpuMs(cpu0);
      for (const w of workers) await w.stop();
      const [sent] = await rows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM outreach_outbox WHERE status = 'sent'`,
      );
      if (planned[0]?.queued !== n || delivered !== n || sent?.n !== n || gateway.seen.size !== n) {
        throw new Error(
          `outbox run incomplete: planned ${planned[0]?.queued}, delivered ${delivered}, sent ${sent?.n}`,
        );
      }
      const candidateRate = n / ((t2 - t0) / 1000);

      // Baseline: insert + send + update per message, one after the other.
      const sms = outreach.httpSmsAdapter({ url: gateway.url, brandName: "BLUEZONE", timeoutMs: 10_000 });
      const cpu1 = process.cpuUsage();
      const b0 = performance.now();
      for (let i = 0; i < nBaseline; i++) {
        const address = numbers[i]!;
        const key = `baseline:${i}`;
        const [row] = await rows<{ id: number }>(
          db,
          sql`INSERT INTO outreach_outbox (campaign_id, round, channel, idempotency_key, recipient_hash, payload, status, next_attempt_at)
              VALUES (${campaign.id}, 9, 'sms', ${key}, 'h', ${JSON.stringify({ text: "x" })}::jsonb, 'sending', now())
              RETURNING id::int AS id`,
        );
        const result = await sms.send({ address, text: "Việt Nam: cài Bluezone" }, { idempotencyKey: key });
        await db.execute(
          sql`UPDATE outreach_outbox SET status = 'sent', provider_id = ${result.ok ? result.providerId : null} WHERE id = ${row!.id}`,
        );
      }
      const baselineSeconds = (performance.now() - b0) / 1000;
      const baselineCpu = cpuMs(cpu1);
      await sms.close?.();
      const baselineRate = nBaseline / baselineSeconds;
      return {
        setup: `${n} messages (baseline ${nBaseline}) on ${kind}, fake gateway on loopback`,
        figures: [
          {
            label: "baseline: insert+send+update one by one",
            value: baselineRate,
            unit: "msg/s",
            note: `${(baselineCpu / nBaseline).toFixed(3)} ms CPU/msg`,
          },
          { label: "outbox: plan round (INSERT ... SELECT)", value: n / ((t1 - t0) / 1000), unit: "msg/s" },
          {
            label: "outbox: plan + deliver (worker)",
            value: candidateRate,
            unit: "msg/s",
            note: `${(candidateCpu / n).toFixed(3)} ms CPU/msg`,
          },
        ],
        ratio: { label: "outbox / one by one", value: candidateRate / baselineRate },
        targets: [{ label: `>= ${TARGET} msg/s`, met: candidateRate >= TARGET }],
      };
    } finally {
      await gateway.close();
      await database.close();
      await drop();
    }
  },
};
