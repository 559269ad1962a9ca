// Typed, documented environment variables: declare a spec (name, default, doc, parser), read it once at
// start, and get every bad variable reported together. Used by platform/config.ts and each feature's config.ts.

/** The environment a config is read from (process.env in production, a plain object in tests). */
export type Env = Readonly<Record<string, string | undefined>>;

/** One environment variable: its name, documentation, default (as text) and parser. */
export interface EnvVar<T> {
  readonly name: string;
  readonly doc: string;
  /** The default as a human reads it ("8080", "15m", "unset", "DATA_DIR/blobs"). */
  readonly defaultText: string;
  /** Parses the raw value (undefined or "" when unset); returns the value or an error message. */
  readonly parse: (raw: string | undefined) => { ok: true; value: T } | { ok: false; error: string };
}

export type EnvSpec = Readonly<Record<string, EnvVar<unknown>>>;
export type EnvValues<S extends EnvSpec> = {
  -readonly [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never;
};

/** Thrown at start when one or more variables are invalid; `problems` lists every one of them. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (error: string) => ({ ok: false as const, error });
const isUnset = (raw: string | undefined): raw is undefined | "" => raw === undefined || raw.trim() === "";

/** Integer variable with optional inclusive bounds. */
export function envInt(
  name: string,
  def: number,
  doc: string,
  bounds: { min?: number; max?: number } = {},
): EnvVar<number> {
  return {
    name,
    doc,
    defaultText: String(def),
    parse: (raw) => {
      if (isUnset(raw)) return ok(def);
      const text = raw.trim();
      if (!/^-?\d+$/.test(text)) return fail(`${name}: expected an integer, got "${raw}"`);
      const n = Number(text);
      if (!Number.isSafeInteger(n)) return fail(`${name}: ${text} is out of range`);
      if (bounds.min !== undefined && n < bounds.min)
        return fail(`${name}: must be >= ${bounds.min}, got ${n}`);
      if (bounds.max !== undefined && n > bounds.max)
        return fail(`${name}: must be <= ${bounds.max}, got ${n}`);
      return ok(n);
    },
  };
}

/** String variable with a default; `pattern` restricts it to a regular expression. */
export function envString(
  name: string,
  def: string,
  doc: string,
  rules: { pattern?: RegExp } = {},
): EnvVar<string> {
  return {
    name,
    doc,
    defaultText: def === "" ? '""' : def,
    parse: (raw) => {
      if (isUnset(raw)) return ok(def);
      const text = raw.trim();
      if (rules.pattern && !rules.pattern.test(text))
        return fail(`${name}: "${raw}" does not match ${rules.pattern}`);
      return ok(text);
    },
  };
}

/** Enumeration variable: one of `values` (exact, case-sensitive). */
export function envEnum<const T extends string>(
  name: string,
  def: NoInfer<T>,
  doc: string,
  values: readonly T[],
): EnvVar<T> {
  return {
    name,
    doc,
    defaultText: def,
    parse: (raw) => {
      if (isUnset(raw)) return ok(def);
      const text = raw.trim();
      if (!values.includes(text as T))
        return fail(`${name}: expected one of ${values.join(", ")}, got "${raw}"`);
      return ok(text as T);
    },
  };
}

/** String variable that may be unset (undefined); use for secrets and optional endpoints. */
export function envOptionalString(
  name: string,
  doc: string,
  rules: { pattern?: RegExp; defaultText?: string } = {},
): EnvVar<string | undefined> {
  return {
    name,
    doc,
    defaultText: rules.defaultText ?? "unset",
    parse: (raw) => {
      if (isUnset(raw)) return ok(undefined);
      const text = raw.trim();
      if (rules.pattern && !rules.pattern.test(text)) {
        return fail(`${name}: value does not match ${rules.pattern}`);
      }
      return ok(text);
    },
  };
}

/** Optional absolute URL (http, https, postgres, ...); `protocols` restricts the scheme. */
export function envUrl(
  name: string,
  doc: string,
  rules: { protocols?: readonly string[]; defaultText?: string } = {},
): EnvVar<string | undefined> {
  return {
    name,
    doc,
    defaultText: rules.defaultText ?? "unset",
    parse: (raw) => {
      if (isUnset(raw)) return ok(undefined);
      const text = raw.trim();
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return fail(`${name}: not a valid absolute URL`);
      }
      const scheme = url.protocol.replace(/:$/, "");
      if (rules.protocols && !rules.protocols.includes(scheme)) {
        return fail(`${name}: scheme must be one of ${rules.protocols.join(", ")}, got "${scheme}"`);
      }
      return ok(text);
    },
  };
}

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["0", "false", "no", "off"]);

/** Boolean variable: 1/true/yes/on or 0/false/no/off (case-insensitive). */
export function envBool(name: string, def: boolean, doc: string): EnvVar<boolean> {
  return {
    name,
    doc,
    defaultText: String(def),
    parse: (raw) => {
      if (isUnset(raw)) return ok(def);
      const text = raw.trim().toLowerCase();
      if (TRUE.has(text)) return ok(true);
      if (FALSE.has(text)) return ok(false);
      return fail(`${name}: expected true/false (or 1/0, yes/no, on/off), got "${raw}"`);
    },
  };
}

/** Optional boolean: undefined when unset, so the caller can derive a default from other settings. */
export function envOptionalBool(name: string, doc: string, defaultText: string): EnvVar<boolean | undefined> {
  const inner = envBool(name, false, doc);
  return {
    name,
    doc,
    defaultText,
    parse: (raw) => (isUnset(raw) ? ok(undefined) : inner.parse(raw)),
  };
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Parses "500ms", "30s", "15m", "1h30m", "14d" (or "0") into milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (t === "0") return 0;
  if (!/^(\d+(ms|s|m|h|d))+$/.test(t)) return null;
  let total = 0;
  for (const part of t.matchAll(/(\d+)(ms|s|m|h|d)/g)) {
    total += Number(part[1]) * (UNIT_MS[part[2] ?? ""] ?? Number.NaN);
  }
  return Number.isSafeInteger(total) ? total : null;
}

/** Duration variable, written with units ("15m", "1h", "500ms", "14d"); the value is in milliseconds. */
export function envDuration(
  name: string,
  def: string,
  doc: string,
  bounds: { min?: string; max?: string } = {},
): EnvVar<number> {
  const defMs = parseDuration(def);
  if (defMs === null) throw new Error(`envDuration(${name}): bad default "${def}"`);
  const minMs = bounds.min === undefined ? undefined : parseDuration(bounds.min);
  const maxMs = bounds.max === undefined ? undefined : parseDuration(bounds.max);
  return {
    name,
    doc,
    defaultText: def,
    parse: (raw) => {
      if (isUnset(raw)) return ok(defMs);
      const ms = parseDuration(raw);
      if (ms === null)
        return fail(`${name}: expected a duration like 500ms, 30s, 15m, 1h, 14d; got "${raw}"`);
      if (minMs != null && ms < minMs) return fail(`${name}: must be at least ${bounds.min}, got "${raw}"`);
      if (maxMs != null && ms > maxMs) return fail(`${name}: must be at most ${bounds.max}, got "${raw}"`);
      return ok(ms);
    },
  };
}

/** Reads every variable of a spec; never throws, returns the values plus one message per bad variable. */
export function parseEnv<S extends EnvSpec>(
  spec: S,
  env: Env = process.env,
): { values: EnvValues<S>; errors: string[] } {
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [key, variable] of Object.entries(spec)) {
    const result = variable.parse(env[variable.name]);
    if (result.ok) values[key] = result.value;
    else errors.push(result.error);
  }
  return { values: values as EnvValues<S>, errors };
}

/** Reads every variable of a spec; throws one ConfigError listing every bad variable. */
export function readEnv<S extends EnvSpec>(spec: S, env: Env = process.env): EnvValues<S> {
  const { values, errors } = parseEnv(spec, env);
  if (errors.length > 0) throw new ConfigError(errors);
  return values;
}

/** One row per variable (name, default, doc), for `--help` output and generated documentation. */
export function describeEnv(spec: EnvSpec): { name: string; default: string; doc: string }[] {
  return Object.values(spec).map((v) => ({ name: v.name, default: v.defaultText, doc: v.doc }));
}
