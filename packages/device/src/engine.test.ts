import { parseAdvertisementServiceData } from "@bluezone/protocol";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "./adapters/clocks.ts";
import { MemoryStore } from "./adapters/memory-store.ts";
import { SeededRandom } from "./adapters/random.ts";
import type { Http } from "./adapters.ts";
import { DeviceEngine } from "./engine.ts";
import { DeviceConfigError } from "./errors.ts";
import { PhoneSimulation } from "./virtual-radio/simulation.ts";
import { VirtualWorld } from "./virtual-radio/virtual-world.ts";

const DAY = 86_400_000;
const DAY0 = Date.UTC(2021, 7, 2);
const noHttp: Http = {
  get: () => Promise.reject(new Error("no network in this test")),
  postJson: () => Promise.reject(new Error("no network in this test")),
};

function engineOnWorld(startMs: number) {
  const clock = new SimulatedClock(startMs);
  const world = new VirtualWorld({ seed: 1, startMs });
  const radio = world.addPhone({ id: "me", path: [{ tMs: 0, x: 0, y: 0 }] });
  const store = new MemoryStore();
  const engine = new DeviceEngine({ radio, store, clock, http: noHttp, random: new SeededRandom(1) });
  return { clock, radio, store, engine };
}

describe("DeviceEngine", () => {
  it("advertises a new RPI + AEM every 10-minute interval and a new TEK every UTC day", async () => {
    const { clock, radio, engine } = engineOnWorld(DAY0 + 23 * 3_600_000);
    await engine.start();
    const rpis: string[] = [];
    for (let i = 0; i < 12; i++) {
      rpis.push(Buffer.from(parseAdvertisementServiceData(radio.advertising!).rpi).toString("hex"));
      clock.advanceMs(60_000);
      await engine.tick();
      clock.advanceMs(540_000);
      await engine.tick();
    }
    expect(new Set(rpis).size).toBe(12);
    expect(engine.diagnostics().storedKeys).toBe(2); // crossed midnight: yesterday's and today's TEK
    const interval = engine.diagnostics().advertisedInterval!;
    expect(interval).toBe(Math.floor(clock.nowMs() / 600_000));
    await engine.stop();
    expect(radio.advertising).toBeUndefined();
  });

  it("ignores malformed scan payloads and records well-formed ones", async () => {
    const { clock, engine } = engineOnWorld(DAY0);
    await engine.start();
    const t = clock.nowMs();
    expect(await engine.onScan({ serviceData: new Uint8Array(19), rssi: -60, timestampMs: t })).toBe(false);
    expect(await engine.onScan({ serviceData: new Uint8Array(20), rssi: Number.NaN, timestampMs: t })).toBe(
      false,
    );
    expect(await engine.onScan({ serviceData: new Uint8Array(20).fill(1), rssi: -60, timestampMs: t })).toBe(
      true,
    );
    expect(engine.diagnostics().sightings).toBe(1);
  });

  it("checkForExposures and uploadKeys need their server configured", async () => {
    const { engine } = engineOnWorld(DAY0);
    await expect(engine.checkForExposures()).rejects.toBeInstanceOf(DeviceConfigError);
    await expect(engine.uploadKeys({ code: "1", consent: true })).rejects.toBeInstanceOf(DeviceConfigError);
  });

  it("retention: after 15 simulated days of meetings nothing older than 14 days remains in the store", async () => {
    const sim = new PhoneSimulation({ startMs: DAY0, seed: 5, http: noHttp, tickMs: 600_000 });
    const a = await sim.addPhone({ id: "a", path: [{ tMs: 0, x: 0, y: 0 }] });
    await sim.addPhone({ id: "b", path: [{ tMs: 0, x: 2, y: 0 }] });
    await sim.runUntil(DAY0 + 15 * DAY + 3_600_000);
    const now = sim.clock.nowMs();
    const store = a.store as MemoryStore;
    const teks = await store.list("tek/");
    expect(teks).toHaveLength(14);
    for (const k of teks) expect(now - Number(k.slice(4)) * 600_000).toBeLessThan(14 * DAY);
    const buckets = await store.list("sighting/");
    expect(buckets.length).toBeGreaterThan(0);
    let oldest = Number.POSITIVE_INFINITY;
    for (const k of buckets) {
      for (const s of (await store.get<{ timestampMs: number }[]>(k))!)
        oldest = Math.min(oldest, s.timestampMs);
    }
    expect(now - oldest).toBeLessThanOrEqual(14 * DAY);
    expect(now - oldest).toBeGreaterThan(13.9 * DAY); // the 14th day is still there
    // A restarted engine on the same store sees the same retained state.
    const again = new DeviceEngine({
      radio: sim.world.addPhone({ id: "a2", path: [{ tMs: 0, x: 0, y: 0 }] }),
      store,
      clock: sim.clock,
      http: noHttp,
      random: new SeededRandom(9),
    });
    await again.start();
    expect(again.diagnostics()).toMatchObject({
      storedKeys: 14,
      sightings: a.engine.diagnostics().sightings,
    });
  });
});
