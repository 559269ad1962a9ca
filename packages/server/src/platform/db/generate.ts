// `npm run db:generate -w @bluezone/server [-- --name <tag>]`: runs drizzle-kit generate, removes the
// "public". qualifier drizzle-kit writes in foreign keys (so migrations apply inside any schema, e.g. test
// schemas), then formats the meta JSON with Biome so `biome check .` stays clean.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MIGRATIONS_DIR } from "./migrate.ts";

const PUBLIC_QUALIFIER = /"public"\./g;

/** Drops explicit `"public".` schema qualifiers so objects resolve through search_path. Pure. */
export function unqualifyPublicSchema(sqlText: string): string {
  return sqlText.replace(PUBLIC_QUALIFIER, "");
}

/** Rewrites every migration file in `dir` in place; returns the names of the files it changed. */
export function unqualifyMigrationFiles(dir = MIGRATIONS_DIR): string[] {
  const changed: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".sql"))) {
    const path = join(dir, name);
    const before = readFileSync(path, "utf8");
    const after = unqualifyPublicSchema(before);
    if (after !== before) {
      writeFileSync(path, after);
      changed.push(name);
    }
  }
  return changed;
}

function main(): void {
  const serverDir = fileURLToPath(new URL("../../..", import.meta.url));
  const result = spawnSync("npx", ["drizzle-kit", "generate", ...process.argv.slice(2)], {
    cwd: serverDir,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  for (const name of unqualifyMigrationFiles()) console.log(`unqualified "public". in ${name}`);
  const format = spawnSync("npx", ["biome", "format", "--write", MIGRATIONS_DIR], {
    cwd: serverDir,
    stdio: "inherit",
  });
  if (format.status !== 0) process.exit(format.status ?? 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
