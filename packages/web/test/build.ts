// Builds packages/web into dist when the build is missing or older than any source file it bundles (vitest globalSetup
// of the browser project, and usable alone: `tsx packages/web/test/build.ts`).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

export const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
export const DIST_DIR = join(WEB_DIR, "dist");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether dist/index.html is missing or older than the sources, public files or build config. */
export function buildIsStale(): boolean {
  const built = join(DIST_DIR, "index.html");
  if (!existsSync(built)) return true;
  // The app bundles the protocol and device packages and the server's pure api.ts lists too.
  const sources = [
    "src",
    "public",
    "index.html",
    "vite.config.ts",
    "package.json",
    "../protocol/src",
    "../device/src",
    "../server/src",
  ].map((p) => join(WEB_DIR, p));
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/** Runs `vite build` when the build is stale; returns whether it built. */
export async function buildWebIfStale(): Promise<boolean> {
  if (!buildIsStale()) return false;
  await build({ configFile: join(WEB_DIR, "vite.config.ts"), logLevel: "warn" });
  return true;
}

/** vitest globalSetup: build once before the browser tests. */
export default async function setup(): Promise<void> {
  const built = await buildWebIfStale();
  console.log(built ? "web: built packages/web/dist" : "web: packages/web/dist is up to date");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await setup();
