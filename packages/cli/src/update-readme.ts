/** `npm run docs:readme`: rewrites the configuration table in README.md from the code's env specs. */
import { readFile, writeFile } from "node:fs/promises";
import { configCommand, withConfigTable } from "./commands/config.ts";

const path = new URL("../../../README.md", import.meta.url);
const readme = await readFile(path, "utf8");
const updated = withConfigTable(readme, configCommand({ markdown: true }).stdout);
if (updated !== readme) await writeFile(path, updated);
console.log(updated === readme ? "README.md is up to date" : "README.md configuration table updated");
