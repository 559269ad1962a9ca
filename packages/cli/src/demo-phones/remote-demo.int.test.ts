// `demo-phones --url`: the phones use FetchHttp and the officer fetch against a server listening on a real
// port. Real time is injected (now/sleep) so the test does not wait an hour: each "sleep" moves the server's
// clock and runs its export job, as the hourly job worker would.
import type { AddressInfo } from "node:net";
import { createAccount, createTestApp, type TestApp } from "@bluezone/server";
import { afterEach, describe, expect, it } from "vitest";
import { SCENE_FEATURES, serverJobs } from "./local-server.ts";
import { runRemoteDemo } from "./remote-demo.ts";

const ENV = { AUTH_SCRYPT_COST: "10" };
let t: TestApp | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function listeningServer(startIso: string) {
  const clock = { ms: Date.parse(startIso) };
  t = await createTestApp({ features: SCENE_FEATURES, env: ENV, clock: () => new Date(clock.ms) });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = t.app.server.address() as AddressInfo;
  await createAccount(
    t.db,
    { username: "cdc.hanoi", password: "officer-password", role: "health_authority", unitCode: "01" },
    { scryptCost: 10 },
  );
  const jobs = serverJobs({ db: t.db, blobs: t.blobs, clock: () => new Date(clock.ms), env: ENV });
  await jobs.exportNow();
  return { clock, jobs, url: `http://127.0.0.1:${port}` };
}

describe("demo-phones --url (real server over HTTP, real time)", () => {
  it("places the meetings on the two previous days and shows F1 then F2 after the server's exports", async () => {
    const { clock, jobs, url } = await listeningServer("2026-11-04T03:10:00Z"); // 10:10 in Vietnam
    const lines: string[] = [];
    let slept = 0;
    const result = await runRemoteDemo({
      url,
      blobBaseUrl: `${url}/blobs`,
      user: "cdc.hanoi",
      password: "officer-password",
      seed: 5,
      waitMs: 75 * 60_000,
      pollMs: 5 * 60_000,
      out: (l) => lines.push(l),
      now: () => clock.ms,
      sleep: async (ms) => {
        slept += ms;
        clock.ms += ms;
        await jobs.exportNow();
      },
    });
    expect(result.complete).toBe(true);
    expect(lines.join("\n")).toContain("EXPORT_PERIOD");
    // A met B on Monday 02/11 and B met C on Tuesday 03/11: both days have ended, so no embargo applies.
    expect(lines).toContainEqual(expect.stringMatching(/^── Thứ Hai 02\/11\/2026/));
    expect(lines).toContainEqual(expect.stringMatching(/^09:00 {2}· {6}A và B ngồi cách nhau 1,5 m/));
    const f1 = lines.findIndex((l) => /^\d\d:\d\d {2}B {2}F1 .*ngày 02\/11\/2026/.test(l));
    const f2 = lines.findIndex((l) => /^\d\d:\d\d {2}C {2}F2 .*ngày 03\/11\/2026/.test(l));
    expect(f1).toBeGreaterThan(0);
    expect(f2).toBeGreaterThan(f1);
    // Uploaded at 10:10 (stored as 10:00); the window 10:00-11:00 closes at 11:05, the phones check right after.
    expect(lines[f1]).toMatch(/^11:05 /);
    expect(lines.filter((l) => /^\d\d:\d\d {2}D {2}(F0|F1|F2)/.test(l))).toEqual([]);
    expect(slept).toBeLessThanOrEqual(3 * 60 * 60_000);
  });

  it("says so honestly, and fails, when the server does not export within --wait", async () => {
    const { clock, url } = await listeningServer("2026-11-04T03:10:00Z");
    const lines: string[] = [];
    const result = await runRemoteDemo({
      url,
      blobBaseUrl: `${url}/blobs`,
      user: "cdc.hanoi",
      password: "officer-password",
      seed: 5,
      waitMs: 10 * 60_000,
      pollMs: 5 * 60_000,
      out: (l) => lines.push(l),
      now: () => clock.ms,
      sleep: async (ms) => {
        clock.ms += ms; // the server's export job never runs
      },
    });
    expect(result.complete).toBe(false);
    expect(lines.at(-2)).toMatch(/B chưa thành F1 sau 10 phút: máy chủ chưa xuất khóa/);
    expect(lines.at(-1)).toMatch(/B is not F1 after 10 min: the server has not exported the keys yet/);
  });

  it("refuses a wrong password with the server's answer", async () => {
    const { clock, url } = await listeningServer("2026-11-04T03:10:00Z");
    await expect(
      runRemoteDemo({
        url,
        blobBaseUrl: `${url}/blobs`,
        user: "cdc.hanoi",
        password: "wrong-password",
        seed: 5,
        waitMs: 60_000,
        out: () => undefined,
        now: () => clock.ms,
      }),
    ).rejects.toThrow(/login failed with HTTP 401/);
  });
});
