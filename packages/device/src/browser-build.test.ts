// The browser entry must bundle for platform "browser" without Node builtins; the Node-only entry must not.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const entry = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

async function bundle(file: string) {
  return build({
    entryPoints: [file],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
}

describe("browser build", () => {
  it("src/index.ts bundles for the browser with no Node builtins and without FileStore", async () => {
    const result = await bundle(entry("index.ts"));
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.startsWith("node:") || p.includes("file-store"))).toBe(false);
    expect(inputs.some((p) => p.includes("protocol/src"))).toBe(true);
    const code = result.outputFiles[0]!.text;
    expect(code).toContain("DeviceEngine");
    expect(code).not.toMatch(/from\s*["']node:|require\(["'](node:)?(fs|path|crypto|os)["']\)/);
  });

  it("the Node-only entry (./node) is rightly rejected by a browser build", async () => {
    await expect(bundle(entry("node.ts"))).rejects.toThrow(/node:/);
  });
});
