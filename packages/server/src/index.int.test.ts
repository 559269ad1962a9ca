import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authFeature } from "./auth/index.ts";
import { type ServerHandle, startServer } from "./index.ts";
import { loadConfig } from "./platform/config.ts";
import type { Database } from "./platform/db/database.ts";
import { createTestDb, testDatabaseUrl } from "./platform/db/test-db.ts";
import { defineFeature } from "./platform/feature.ts";

const pgUrl = testDatabaseUrl();

describe(`startServer on ${pgUrl ? "PostgreSQL" : "PGlite"}`, () => {
  let server: ServerHandle;
  let schemaHolder: Database | undefined;
  let blobDir: string;
  let signalListenersBefore: number;
  const ran: unknown[] = [];
  let jobRan!: () => void;
  const jobDone = new Promise<void>((resolve) => {
    jobRan = resolve;
  });

  const pinger = defineFeature({
    name: "pinger",
    register(app, deps) {
      deps.jobs.handle("pinger.pong", async (payload) => {
        ran.push(payload);
        jobRan();
      });
      app.post("/v1/ping", async (_request, reply) => {
        await deps.jobs.enqueue("pinger.pong", { at: "ping" });
        return reply.code(202).send({ queued: true });
      });
    },
  });

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), "bz-server-blobs-"));
    const env: Record<string, string> = {
      PORT: "0",
      DATA_DIR: "memory://",
      BLOB_DIR: blobDir,
      LOG_LEVEL: "silent",
      JOBS_POLL_INTERVAL: "1h", // the worker must be woken by the enqueue, not by polling
    };
    if (pgUrl) {
      // A fresh empty schema that startServer itself migrates.
      schemaHolder = await createTestDb({ migrate: false });
      env.DATABASE_URL = pgUrl;
      env.DATABASE_SCHEMA = schemaHolder.schema;
    }
    signalListenersBefore = process.listenerCount("SIGTERM");
    server = await startServer(loadConfig(env), { features: [authFeature, pinger], env: {} });
  });

  afterAll(async () => {
    await server?.close();
    await schemaHolder?.close();
    rmSync(blobDir, { recursive: true, force: true });
  });

  it("listens on a real port and checks the database", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: pgUrl ? "postgres" : "pglite" });
    expect(server.database.schema).toBe(schemaHolder?.schema ?? "public");
  });

  it("migrated the database before serving (login reaches the accounts table)", async () => {
    const res = await fetch(`${server.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "nobody", password: "nothing-here" }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("runs jobs that features enqueue with the process's worker", async () => {
    const res = await fetch(`${server.url}/v1/ping`, { method: "POST" });
    expect(res.status).toBe(202);
    await jobDone;
    expect(ran).toEqual([{ at: "ping" }]);
  });

  it("installs SIGINT/SIGTERM handlers and removes them on close; close is idempotent", async () => {
    expect(process.listenerCount("SIGTERM")).toBe(signalListenersBefore + 1);
    await server.close();
    await server.close();
    expect(process.listenerCount("SIGTERM")).toBe(signalListenersBefore);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe("startServer failures", () => {
  it("rejects a bad feature configuration before listening", async () => {
    const config = loadConfig({
      PORT: "0",
      DATA_DIR: "memory://",
      LOG_LEVEL: "silent",
      JOBS_ENABLED: "false",
    });
    await expect(
      startServer(config, {
        features: [authFeature],
        env: { AUTH_LOCKOUT_THRESHOLD: "none" },
        handleSignals: false,
      }),
    ).rejects.toThrow(/AUTH_LOCKOUT_THRESHOLD/);
  });
});
