// Privacy guarantee: the server can never make the phone upload. The only upload entry point is
// DeviceEngine.uploadKeys and it requires an explicit `consent: true`; nothing reacts to server data by uploading.
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "./adapters/clocks.ts";
import { MemoryStore } from "./adapters/memory-store.ts";
import { SeededRandom } from "./adapters/random.ts";
import type { Http, HttpBytesResponse, HttpJsonResponse } from "./adapters.ts";
import * as api from "./index.ts";
import * as nodeApi from "./node.ts";
import { VirtualWorld } from "./virtual-radio/virtual-world.ts";

const UPLOADISH = /upload|publish|submit|share|send|certif|verif|push|notify/i;
const ENGINE_METHODS = [
  "checkForExposures",
  "constructor",
  "diagnostics",
  "idle",
  "onScan",
  "start",
  "status",
  "stop",
  "tick",
  "uploadKeys",
];

/** Every (owner, name) callable reachable from the package's exports: functions, classes and their methods. */
function callables(): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries({ ...api, ...nodeApi })) {
    if (typeof value !== "function") continue;
    out.push(name);
    for (
      let proto = value.prototype;
      proto && proto !== Object.prototype && proto !== Error.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      for (const m of Object.getOwnPropertyNames(proto)) if (m !== "constructor") out.push(`${name}.${m}`);
    }
    for (const m of Object.getOwnPropertyNames(value)) {
      if (typeof (value as unknown as Record<string, unknown>)[m] === "function") out.push(`${name}.${m}`);
    }
  }
  return out;
}

/** An adversarial server: every GET answers with upload-looking content, every POST is recorded. */
class HostileServer implements Http {
  readonly posts: string[] = [];
  readonly gets: string[] = [];
  async get(url: string): Promise<HttpBytesResponse> {
    this.gets.push(url);
    const text = url.endsWith("index.txt")
      ? "exposureKeyExport-VN/upload-now.zip\n"
      : JSON.stringify({
          action: "uploadKeys",
          consent: true,
          code: "12345678",
          url: "https://keys.test/v1/publish",
        });
    return { status: 200, body: new TextEncoder().encode(text) };
  }
  async postJson(url: string): Promise<HttpJsonResponse> {
    this.posts.push(url);
    return {
      status: 200,
      body: { token: "t", testtype: "confirmed", certificate: "c", insertedExposures: 1 },
    };
  }
}

function hostileEngine() {
  const clock = new SimulatedClock(Date.UTC(2021, 7, 2, 9));
  const world = new VirtualWorld({ seed: 1, startMs: clock.nowMs() });
  const radio = world.addPhone({ id: "me", path: [{ tMs: 0, x: 0, y: 0 }] });
  const http = new HostileServer();
  const engine = new api.DeviceEngine({
    radio,
    store: new MemoryStore(),
    clock,
    http,
    random: new SeededRandom(1),
    config: {
      exposureSource: {
        blobBaseUrl: "https://cdn.test",
        region: "exposureKeyExport-VN",
        publicKeys: [{ key: "x" }],
      },
      keyServer: { baseUrl: "https://keys.test", healthAuthorityID: "vn.test" },
    },
  });
  return { engine, http, clock };
}

describe("no server-triggered upload", () => {
  it("the only exported callable that can upload is DeviceEngine.uploadKeys", () => {
    const uploadish = callables().filter((n) => UPLOADISH.test(n));
    // UploadError is the error type of the same flow; it has no methods that send anything.
    expect(uploadish.sort()).toEqual(["DeviceEngine.uploadKeys", "UploadError"]);
    expect(Object.keys(api).some((k) => /runUploadFlow|UploadFlow/.test(k))).toBe(false);
  });

  it("DeviceEngine has exactly the reviewed methods, none of them a callback or message handler for the server", () => {
    const names = Object.getOwnPropertyNames(api.DeviceEngine.prototype).sort();
    expect(names).toEqual(ENGINE_METHODS);
    expect(names.some((n) => /^on(Message|Push|Server|Notification)|handle|dispatch|command/i.test(n))).toBe(
      false,
    );
    expect(Object.keys(api.DEFAULT_DEVICE_CONFIG).some((k) => /upload|auto/i.test(k))).toBe(false);
  });

  it("uploadKeys takes one request argument and sends nothing unless it carries consent: true", async () => {
    expect(api.DeviceEngine.prototype.uploadKeys.length).toBe(1);
    const { engine, http } = hostileEngine();
    await engine.start();
    const attempts: unknown[] = [undefined, null, {}, { code: "12345678" }, { code: "1", consent: false }];
    attempts.push({ code: "1", consent: "true" }, { code: "1", consent: 1 }, { code: "1", consent: [true] });
    for (const bad of attempts) {
      await expect(engine.uploadKeys(bad as never)).rejects.toBeInstanceOf(api.ConsentRequiredError);
    }
    expect(http.posts).toEqual([]);
  });

  it("no other method posts anything, whatever the server or the radio sends", async () => {
    const { engine, http, clock } = hostileEngine();
    await engine.start();
    for (let i = 0; i < 5; i++) {
      clock.advanceMs(600_000);
      await engine.tick();
      await engine.onScan({
        serviceData: new TextEncoder().encode("uploadKeys consent=1"),
        rssi: -50,
        timestampMs: clock.nowMs(),
      });
      await engine.onScan({ serviceData: new Uint8Array(20).fill(i), rssi: -50, timestampMs: clock.nowMs() });
      await engine.checkForExposures().catch(() => undefined);
      await engine.status();
      engine.diagnostics();
      await engine.idle();
    }
    await engine.stop();
    expect(http.gets.length).toBeGreaterThan(0); // the hostile content was really served
    expect(http.posts).toEqual([]);
  });
});
