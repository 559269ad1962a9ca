/** `bluezone config`: every environment variable the server reads (platform and features), with defaults. */
import { describeEnv, features, platformEnv } from "@bluezone/server";
import type { CommandResult } from "./verify-export.ts";

export interface EnvVariableDoc {
  scope: string;
  name: string;
  default: string;
  doc: string;
}

/**
 * All variables: the platform's first, then each feature's in registration order. A variable several
 * features read (e.g. the signing keys) is listed once, with every feature that reads it as its scope.
 */
export function listEnvVariables(): EnvVariableDoc[] {
  const rows = new Map<string, EnvVariableDoc>();
  const add = (scope: string, spec: Parameters<typeof describeEnv>[0]) => {
    for (const v of describeEnv(spec)) {
      const seen = rows.get(v.name);
      if (!seen) rows.set(v.name, { scope, ...v });
      else if (!seen.scope.split(", ").includes(scope)) seen.scope = `${seen.scope}, ${scope}`;
    }
  };
  add("platform", platformEnv);
  for (const feature of features) if (feature.env) add(feature.name, feature.env);
  return [...rows.values()];
}

/** Prints the variables as a Markdown table (`--markdown`) or as aligned text. */
export function configCommand(options: { markdown?: boolean } = {}): CommandResult {
  const rows = listEnvVariables();
  if (options.markdown) {
    const cell = (s: string) => s.replaceAll("|", "\\|");
    const lines = ["| variable | default | scope | meaning |", "|---|---|---|---|"];
    for (const r of rows) {
      lines.push(`| \`${r.name}\` | ${cell(r.default || "—")} | ${r.scope} | ${cell(r.doc)} |`);
    }
    return { exitCode: 0, stdout: lines.join("\n"), stderr: "" };
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  const text = rows.map(
    (r) =>
      `${r.name.padEnd(width)}  [${r.scope}] default: ${r.default || "(unset)"}\n${" ".repeat(width + 2)}${r.doc}`,
  );
  return { exitCode: 0, stdout: text.join("\n"), stderr: "" };
}

const TABLE_START = "<!-- config-table:start";
const TABLE_END = "<!-- config-table:end -->";

/** README.md with the text between the config-table markers replaced by `table`. */
export function withConfigTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error("README.md has no config-table markers");
  const startLineEnd = readme.indexOf("\n", start) + 1;
  return `${readme.slice(0, startLineEnd)}${table}\n${readme.slice(end)}`;
}
