import { describe, expect, it } from "vitest";
import {
  ConfigError,
  describeEnv,
  envBool,
  envDuration,
  envEnum,
  envInt,
  envOptionalString,
  envString,
  envUrl,
  parseDuration,
  parseEnv,
  readEnv,
} from "./env.ts";

const spec = {
  port: envInt("PORT", 8080, "port", { min: 0, max: 65535 }),
  name: envString("NAME", "bz", "name", { pattern: /^[a-z]+$/ }),
  mode: envEnum("MODE", "a", "mode", ["a", "b"]),
  debug: envBool("DEBUG", false, "debug"),
  ttl: envDuration("TTL", "15m", "ttl", { min: "1s", max: "1d" }),
  url: envUrl("URL", "url", { protocols: ["https"] }),
  secret: envOptionalString("SECRET", "secret"),
};

describe("readEnv", () => {
  it("uses every default when nothing is set (empty strings count as unset)", () => {
    expect(readEnv(spec, { NAME: "", PORT: "  " })).toEqual({
      port: 8080,
      name: "bz",
      mode: "a",
      debug: false,
      ttl: 900_000,
      url: undefined,
      secret: undefined,
    });
  });

  it("parses set values", () => {
    expect(
      readEnv(spec, {
        PORT: "9000",
        NAME: "abc",
        MODE: "b",
        DEBUG: "YES",
        TTL: "1h30m",
        URL: "https://x.example/a",
        SECRET: " s3cr3t ",
      }),
    ).toEqual({
      port: 9000,
      name: "abc",
      mode: "b",
      debug: true,
      ttl: 5_400_000,
      url: "https://x.example/a",
      secret: "s3cr3t",
    });
  });

  it("reports every bad variable at once, by name", () => {
    const env = {
      PORT: "80a",
      NAME: "ABC",
      MODE: "c",
      DEBUG: "maybe",
      TTL: "2d",
      URL: "http://x",
      SECRET: "ok",
    };
    let error: unknown;
    try {
      readEnv(spec, env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(6);
    for (const name of ["PORT", "NAME", "MODE", "DEBUG", "TTL", "URL"]) {
      expect(
        problems.some((p) => p.startsWith(`${name}:`)),
        name,
      ).toBe(true);
    }
    expect((error as ConfigError).message).toContain("Invalid configuration");
  });

  it("checks integer bounds", () => {
    expect(parseEnv(spec, { PORT: "70000" }).errors).toEqual(["PORT: must be <= 65535, got 70000"]);
    expect(parseEnv(spec, { PORT: "-1" }).errors).toEqual(["PORT: must be >= 0, got -1"]);
  });

  it("never echoes a secret's value in errors", () => {
    const secretSpec = { key: envOptionalString("API_KEY", "key", { pattern: /^k_/ }) };
    const { errors } = parseEnv(secretSpec, { API_KEY: "hunter2" });
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toContain("hunter2");
  });
});

describe("parseDuration", () => {
  it("reads unit-suffixed durations", () => {
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("15m")).toBe(900_000);
    expect(parseDuration("14d")).toBe(14 * 86_400_000);
    expect(parseDuration("1h5m")).toBe(3_900_000);
    expect(parseDuration("0")).toBe(0);
  });

  it("rejects bare numbers and junk", () => {
    for (const bad of ["15", "1.5h", "h", "", "1 h", "-1s", "1y"]) expect(parseDuration(bad), bad).toBeNull();
  });
});

describe("describeEnv", () => {
  it("lists name, default and doc of every variable", () => {
    const rows = describeEnv(spec);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({ name: "PORT", default: "8080", doc: "port" });
    expect(rows.find((r) => r.name === "SECRET")?.default).toBe("unset");
  });
});
