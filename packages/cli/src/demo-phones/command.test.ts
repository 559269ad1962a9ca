import { describe, expect, it } from "vitest";
import { demoPhonesCommand, UsageError } from "./command.ts";

// Argument errors are reported before anything starts (no server, no network).
describe("demoPhonesCommand arguments", () => {
  const run = (opts: Parameters<typeof demoPhonesCommand>[0], env: NodeJS.ProcessEnv = {}) =>
    demoPhonesCommand(opts, { out: () => undefined, env });

  it("needs a health-authority account with --url", async () => {
    await expect(run({ url: "http://127.0.0.1:8080" })).rejects.toThrow(UsageError);
    await expect(run({ url: "http://127.0.0.1:8080", user: "health" })).rejects.toThrow(
      /--user <name> and --password <pw> \(or BLUEZONE_PASSWORD\)/,
    );
  });

  it("rejects a bad seed, URL or wait", async () => {
    await expect(run({ seed: "abc" })).rejects.toThrow('--seed must be an integer >= 0, got "abc"');
    await expect(run({ seed: "-1" })).rejects.toThrow(UsageError);
    await expect(run({ url: "ftp://x", user: "u", password: "p" })).rejects.toThrow(/--url must be an http/);
    await expect(run({ url: "not a url", user: "u", password: "p" })).rejects.toThrow(
      /--url must be an http/,
    );
    await expect(run({ url: "http://x", user: "u", password: "p", wait: "0" })).rejects.toThrow(/--wait/);
  });

  it("refuses --url-only options without --url", async () => {
    await expect(run({ user: "health" })).rejects.toThrow(
      "--user, --password, --blobs and --wait only apply with --url",
    );
  });
});
