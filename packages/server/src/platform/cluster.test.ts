import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { ConfigError } from "./env.ts";

const PG = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x" };

describe("SERVER_WORKERS", () => {
  it("defaults to one process and resolves auto to the CPU count", () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ ...PG, SERVER_WORKERS: "3" }).workers).toBe(3);
    expect(loadConfig({ ...PG, SERVER_WORKERS: "auto" }).workers).toBe(availableParallelism());
  });

  it("refuses several workers on the single-process PGlite, with a clear message", () => {
    let error: unknown;
    try {
      loadConfig({ SERVER_WORKERS: "2" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join("\n")).toMatch(/SERVER_WORKERS: 2 workers need PostgreSQL/);
  });

  it("rejects malformed counts", () => {
    for (const bad of ["0", "-1", "two", "1.5", "10000"]) {
      expect(() => loadConfig({ ...PG, SERVER_WORKERS: bad }), bad).toThrow(/SERVER_WORKERS/);
    }
  });
});
