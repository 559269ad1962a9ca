/**
 * `bluezone demo-phones [--url <server>] [--seed N]`: watch F0 -> F1 -> F2 happen on four virtual phones,
 * against the real server in-process (simulated clock) or a running server (real time).
 */
import { runLocalDemo } from "./local-demo.ts";
import { runRemoteDemo } from "./remote-demo.ts";

export interface DemoPhonesOptions {
  url?: string;
  seed?: string;
  user?: string;
  password?: string;
  /** Minutes to wait for each export in --url mode. */
  wait?: string;
  /** Blob base URL in --url mode (default <url>/blobs). */
  blobs?: string;
}

export interface DemoPhonesDeps {
  out?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** Thrown for bad arguments (exit code 2). */
export class UsageError extends Error {
  override name = "UsageError";
}

function parseIntOption(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} must be an integer >= ${min}, got "${value}"`);
  return n;
}

function parseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${name} must be an http(s) URL, got "${value}"`);
  }
  return url.toString().replace(/\/+$/, "");
}

/** Runs the demo; resolves with the process exit code (0: F0 -> F1 -> F2 shown, 1: not reached). */
export async function demoPhonesCommand(
  options: DemoPhonesOptions,
  deps: DemoPhonesDeps = {},
): Promise<number> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = deps.env ?? process.env;
  const seed = parseIntOption("--seed", options.seed, 42, 0);
  if (options.url === undefined) {
    if (options.user || options.password || options.blobs || options.wait) {
      throw new UsageError("--user, --password, --blobs and --wait only apply with --url");
    }
    return (await runLocalDemo({ seed, out })).complete ? 0 : 1;
  }
  const url = parseUrl("--url", options.url);
  const password = options.password ?? env.BLUEZONE_PASSWORD;
  if (!options.user || !password) {
    throw new UsageError(
      "--url needs a health-authority account to issue codes: --user <name> and --password <pw> (or BLUEZONE_PASSWORD). " +
        'With `bluezone start`, use the demo account "health" printed at start.',
    );
  }
  const result = await runRemoteDemo({
    url,
    blobBaseUrl: options.blobs ? parseUrl("--blobs", options.blobs) : `${url}/blobs`,
    user: options.user,
    password,
    seed,
    waitMs: parseIntOption("--wait", options.wait, 75, 1) * 60_000,
    out,
  });
  return result.complete ? 0 : 1;
}
