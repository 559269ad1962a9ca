// End-to-end exposure notification WITHOUT a server: phones meet on a VirtualRadio, A uploads with consent
// to a fake key server that packages its keys into a locally signed export zip; B, C, D check and score.
import { generateSigningKeyPair, ReportType } from "@bluezone/protocol";
import { beforeAll, describe, expect, it } from "vitest";
import { SimulatedClock } from "./adapters/clocks.ts";
import type { MemoryStore } from "./adapters/memory-store.ts";
import { ExportRejectedError } from "./errors.ts";
import { FakeKeyServer, makeSignedZip, REGION } from "./testing/fake-key-server.testutil.ts";
import { PhoneSimulation } from "./virtual-radio/simulation.ts";
import { visitPath, type Waypoint } from "./virtual-radio/trajectory.ts";

const DAY0 = Date.UTC(2021, 7, 2); // 2021-08-02 00:00 UTC
const at = (h: number, m = 0) => DAY0 + (h * 60 + m) * 60_000;
const FAR = 2_000; // metres: out of radio range

/** Away at (FAR + offset, 0), at `p` from `from` to `to`, away again. */
function visit(p: { x: number; y: number }, from: number, to: number, offset: number): Waypoint[] {
  return visitPath(p, from, to, { x: FAR + offset, y: 0 });
}

interface Scene {
  sim: PhoneSimulation;
  server: FakeKeyServer;
}

/**
 * 09:00-09:20  A and B 1.5 m apart (B stays at the origin all day)
 * 09:05-09:07  D passes 10 m from A (and ~10 m from B)
 * 12:00-12:40  C sits 1.5 m from B
 */
async function buildScene(seed: number): Promise<Scene> {
  const clock = new SimulatedClock(at(8));
  const server = await FakeKeyServer.create(clock);
  const config = { exposureSource: server.exposureSource, keyServer: server.keyServer };
  const scene = new PhoneSimulation({ startMs: at(8), seed, http: server, config, clock });
  await scene.addPhone({ id: "B", path: [{ tMs: 0, x: 0, y: 0 }] });
  await scene.addPhone({ id: "A", path: visit({ x: 1.5, y: 0 }, at(9), at(9, 20), 0) });
  await scene.addPhone({ id: "D", path: visit({ x: 1.5, y: 10 }, at(9, 5), at(9, 7), 500) });
  await scene.addPhone({ id: "C", path: visit({ x: 0, y: 1.5 }, at(12), at(12, 40), 1000) });
  await scene.runUntil(at(14));
  return { sim: scene, server };
}

describe("F0 -> F1 -> F2 on a virtual radio (no server)", () => {
  let scene: Scene;
  beforeAll(async () => {
    scene = await buildScene(42);
  });

  it("B heard A several times; nobody heard anybody before meeting", () => {
    const { sim } = scene;
    expect(sim.phone("B").engine.diagnostics().sightings).toBeGreaterThan(4);
    expect(sim.phone("A").engine.diagnostics().sightings).toBeGreaterThan(0);
  });

  it("before any upload, everybody is not exposed", async () => {
    for (const p of scene.sim.phones) {
      const r = await p.engine.checkForExposures();
      expect(r.status.level).toBe("not_exposed");
      expect(r.newFiles).toBe(0);
    }
  });

  it("A uploads with consent and a confirmed code; the export makes B F1, while C and D stay not exposed", async () => {
    const { sim, server } = scene;
    const code = server.issueCode("confirmed", "2021-08-02");
    const outcome = await sim.phone("A").engine.uploadKeys({ code, consent: true });
    expect(outcome).toMatchObject({ testType: "confirmed", keyCount: 1, insertedExposures: 1 });
    expect((await sim.phone("A").engine.status()).level).toBe("F0");
    expect(await server.exportBatch()).toBeDefined();

    const b = await sim.phone("B").engine.checkForExposures();
    expect(b).toMatchObject({ newFiles: 1, keysChecked: 1, newExposures: 1 });
    expect(b.status.level).toBe("F1");
    expect(b.status.exposureDateMs).toBe(DAY0);
    expect(b.status.score).toBeGreaterThanOrEqual(900);
    expect(b.status.advice.vi).toContain("02/08/2021");
    expect(b.status.advice.en).toContain("2021-08-02");

    // D heard A's key in one scan at 10 m: a match, but far below 15 weighted minutes.
    const d = await sim.phone("D").engine.checkForExposures();
    expect(d.newExposures).toBe(1);
    expect(d.status.level).toBe("not_exposed");
    const c = await sim.phone("C").engine.checkForExposures();
    expect(c.status.level).toBe("not_exposed");
  });

  it("a second check downloads nothing new", async () => {
    const before = scene.server.requests.length;
    const again = await scene.sim.phone("B").engine.checkForExposures();
    expect(again.newFiles).toBe(0);
    expect(again.status.level).toBe("F1");
    expect(scene.server.requests.slice(before).map((r) => r.url)).toEqual([
      `https://cdn.test/exports/${REGION}/index.txt`,
    ]);
  });

  it("B (F1) uploads with a close_contact code: its keys go out RECURSIVE and C becomes F2; D does not", async () => {
    const { sim, server } = scene;
    const code = server.issueCode("close_contact");
    const outcome = await sim.phone("B").engine.uploadKeys({ code, consent: true });
    expect(outcome.testType).toBe("close_contact");
    expect(server.published.filter((k) => k.reportType === ReportType.RECURSIVE)).toHaveLength(1);
    await server.exportBatch();
    expect((await sim.phone("B").engine.status()).level).toBe("F1"); // a close contact is not an F0

    const c = await sim.phone("C").engine.checkForExposures();
    expect(c.status.level).toBe("F2");
    expect(c.status.exposureDateMs).toBe(DAY0);
    expect(c.status.advice.vi).toContain("F1");
    const d = await sim.phone("D").engine.checkForExposures();
    expect(d.status.level).toBe("not_exposed");
    // A met B 20 min, but A is an F0: its own status stays F0.
    expect((await sim.phone("A").engine.checkForExposures()).status.level).toBe("F0");
  });
});

describe("export verification", () => {
  it("a file signed with a foreign key is rejected with a clear error and changes nothing", async () => {
    const { sim, server } = await buildScene(7);
    const a = sim.phone("A");
    const code = server.issueCode("confirmed", "2021-08-02");
    await a.engine.uploadKeys({ code, consent: true });
    const keys = [...server.published];
    const foreign = await generateSigningKeyPair();
    server.putBlob(`${REGION}/foreign.zip`, await makeSignedZip(keys, foreign.privateKey, 1_627_900_000));

    const b = sim.phone("B");
    const store = b.store as MemoryStore;
    const snapshot = await dumpStore(store);
    const err = await b.engine.checkForExposures().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportRejectedError);
    expect((err as ExportRejectedError).code).toBe("bad_signature");
    expect((err as ExportRejectedError).file).toBe(`${REGION}/foreign.zip`);
    expect((err as Error).message).toMatch(/foreign\.zip.*signature/);
    expect(await dumpStore(store)).toEqual(snapshot);
    expect((await b.engine.status()).level).toBe("not_exposed");

    // An unsigned file (empty export.sig) is rejected the same way.
    const fresh = await buildScene(8);
    await fresh.sim
      .phone("A")
      .engine.uploadKeys({ code: fresh.server.issueCode("confirmed", "2021-08-02"), consent: true });
    const { writeExportZip, readExportZip } = await import("@bluezone/protocol");
    const signed = readExportZip(
      await makeSignedZip(fresh.server.published, fresh.server.signing.privateKey, 1_627_900_000),
    );
    fresh.server.putBlob(
      `${REGION}/unsigned.zip`,
      writeExportZip({ exportBin: signed.exportBin, exportSig: new Uint8Array() }),
    );
    const err2 = await fresh.sim
      .phone("B")
      .engine.checkForExposures()
      .catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(ExportRejectedError);
    expect((await fresh.sim.phone("B").engine.status()).level).toBe("not_exposed");

    // The correctly signed file alone is accepted.
    const ok = await buildScene(9);
    await ok.sim
      .phone("A")
      .engine.uploadKeys({ code: ok.server.issueCode("confirmed", "2021-08-02"), consent: true });
    await ok.server.exportBatch();
    expect((await ok.sim.phone("B").engine.checkForExposures()).status.level).toBe("F1");
  });

  it("RECURSIVE keys in a signed export make the phone that met them F2, not F1", async () => {
    const { sim, server } = await buildScene(11);
    await sim
      .phone("A")
      .engine.uploadKeys({ code: server.issueCode("close_contact", "2021-08-02"), consent: true });
    expect(server.published.every((k) => k.reportType === ReportType.RECURSIVE)).toBe(true);
    await server.exportBatch();
    const b = await sim.phone("B").engine.checkForExposures();
    expect(b.status.level).toBe("F2");
    expect(b.newExposures).toBe(1);
  });
});

async function dumpStore(store: MemoryStore): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const k of await store.list("")) out[k] = await store.get(k);
  return out;
}
