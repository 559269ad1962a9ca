import { describe, expect, it } from "vitest";
import { configCommand, listEnvVariables, withConfigTable } from "./config.ts";

describe("bluezone config", () => {
  it("lists the platform variables with their defaults", () => {
    const rows = listEnvVariables();
    const port = rows.find((r) => r.name === "PORT");
    expect(port).toMatchObject({ scope: "platform", default: "8080" });
    expect(rows.some((r) => r.name === "DATABASE_URL")).toBe(true);
    // Every name appears once, so the README table generated from it has no duplicates.
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  it("prints a Markdown table with one row per variable", () => {
    const { stdout, exitCode } = configCommand({ markdown: true });
    expect(exitCode).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("| variable | default | scope | meaning |");
    expect(lines.length).toBe(listEnvVariables().length + 2);
    expect(stdout).toContain("| `PORT` | 8080 | platform |");
  });
});

describe("README.md configuration table", () => {
  it("matches the variables the code reads (run `npm run docs:readme` after adding one)", async () => {
    const { readFile } = await import("node:fs/promises");
    const readme = await readFile(new URL("../../../../README.md", import.meta.url), "utf8");
    expect(withConfigTable(readme, configCommand({ markdown: true }).stdout)).toBe(readme);
  });
});
