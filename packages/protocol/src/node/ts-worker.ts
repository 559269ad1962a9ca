/**
 * Starts worker threads that run TypeScript source (there is no build step). Node 20 does not apply
 * `--import tsx` hooks to a worker's entry module, so the worker boots from a tiny eval'd script that
 * registers tsx's ESM hooks and then imports the .ts entry. Works under tsx, vitest and plain node.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

let tsxApiUrl: string | undefined;

/** file: URL of tsx's ESM register API (`tsx/esm/api`, import condition), read from its package.json. */
function tsxEsmApiUrl(): string {
  if (tsxApiUrl === undefined) {
    const pkgPath = createRequire(import.meta.url).resolve("tsx/package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as {
      exports: Record<string, { import?: { default?: string } }>;
    };
    const rel = pkg.exports["./esm/api"]?.import?.default;
    if (rel === undefined) throw new Error("tsx/esm/api has no ESM entry");
    tsxApiUrl = pathToFileURL(join(dirname(pkgPath), rel)).href;
  }
  return tsxApiUrl;
}

/** Creates a Worker running the TypeScript module at `entry` (a file: URL). */
export function createTsWorker(entry: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const boot = `import(${JSON.stringify(tsxEsmApiUrl())})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
