import { describe, expect, it } from "vitest";
import { loadConfig, parseTrustProxy, platformEnv } from "./config.ts";
import { ConfigError, describeEnv } from "./env.ts";

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("loadConfig", () => {
  it("has safe defaults: loopback, PGlite under ./data, filesystem blobs served locally", () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe("127.0.0.1");
    expect(config.database).toEqual({ kind: "pglite", dataDir: "data/pglite" });
    expect(config.blobs).toEqual({ kind: "fs", dir: "data/blobs" });
    expect(config.serveBlobs).toBe(true);
    expect(config.publicBaseUrl).toBe("http://localhost:8080");
    expect(config.trustProxy).toBe(false);
    expect(config.bodyLimit).toBe(1_048_576);
    expect(config.logLevel).toBe("info");
    expect(config.jobs).toMatchObject({
      enabled: true,
      pollIntervalMs: 1000,
      leaseMs: 60_000,
      concurrency: 1,
    });
  });

  it("derives paths from DATA_DIR and keeps the database in memory for memory://", () => {
    expect(loadConfig({ DATA_DIR: "/var/lib/bz" }).database).toEqual({
      kind: "pglite",
      dataDir: "/var/lib/bz/pglite",
    });
    expect(loadConfig({ DATA_DIR: "/var/lib/bz" }).blobs).toEqual({ kind: "fs", dir: "/var/lib/bz/blobs" });
    expect(loadConfig({ DATA_DIR: "memory://" }).database).toEqual({ kind: "pglite", dataDir: "memory://" });
    expect(loadConfig({ DATA_DIR: "/x", BLOB_DIR: "/srv/blobs" }).blobs).toEqual({
      kind: "fs",
      dir: "/srv/blobs",
    });
  });

  it("selects PostgreSQL with DATABASE_URL and S3 with S3_BUCKET", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u@db:5432/bz",
      S3_BUCKET: "exports",
      S3_ENDPOINT: "http://minio:9000",
      S3_ACCESS_KEY_ID: "id",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_FORCE_PATH_STYLE: "true",
      PUBLIC_BASE_URL: "https://bluezone.example/",
    });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://u@db:5432/bz",
      poolSize: 10,
      schema: "public",
    });
    expect(config.blobs).toEqual({
      kind: "s3",
      bucket: "exports",
      region: "us-east-1",
      endpoint: "http://minio:9000",
      accessKeyId: "id",
      secretAccessKey: "secret",
      forcePathStyle: true,
    });
    expect(config.serveBlobs).toBe(false);
    expect(config.publicBaseUrl).toBe("https://bluezone.example");
  });

  it("lists every bad variable together, including cross-field checks", () => {
    const problems = problemsOf({
      PORT: "http",
      LOG_LEVEL: "loud",
      DATABASE_URL: "mysql://x",
      S3_ENDPOINT: "http://minio:9000",
      TRUST_PROXY: "everyone",
      JOBS_LEASE: "5",
    });
    const names = problems.map((p) => p.split(":")[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        "PORT",
        "LOG_LEVEL",
        "DATABASE_URL",
        "S3_ENDPOINT",
        "TRUST_PROXY",
        "JOBS_LEASE",
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it("requires PUBLIC_BASE_URL in production and paired S3 credentials", () => {
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([
      "PUBLIC_BASE_URL: required when NODE_ENV=production",
    ]);
    expect(problemsOf({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "id" })).toEqual([
      "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither",
    ]);
  });

  it("documents every variable", () => {
    for (const row of describeEnv(platformEnv)) {
      expect(row.name).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(row.doc.length, row.name).toBeGreaterThan(5);
      expect(row.default.length, row.name).toBeGreaterThan(0);
    }
  });
});

describe("parseTrustProxy", () => {
  it("reads booleans, hop counts and address lists", () => {
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("TRUE")).toBe(true);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("10.0.0.0/8, 127.0.0.1,::1")).toEqual(["10.0.0.0/8", "127.0.0.1", "::1"]);
    expect(parseTrustProxy("loopback")).toEqual(["loopback"]);
    expect(parseTrustProxy("evil.example")).toBeNull();
  });
});
