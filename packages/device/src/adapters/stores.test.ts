// One contract, three Store implementations: MemoryStore, FileStore (Node) and IndexedDbStore (on fake-indexeddb).
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IDBKeyRange, indexedDB } from "fake-indexeddb";
import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../adapters.ts";
import { FileStore } from "./file-store.ts";
import { IndexedDbStore } from "./indexeddb-store.ts";
import { MemoryStore } from "./memory-store.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "bz-store-"));
  dirs.push(d);
  return d;
}

let dbCounter = 0;
const factories: [string, () => Promise<Store>][] = [
  ["MemoryStore", async () => new MemoryStore()],
  ["FileStore", async () => new FileStore(await tempDir())],
  [
    "IndexedDbStore",
    async () => new IndexedDbStore(`bz-test-${++dbCounter}`, { indexedDB, keyRange: IDBKeyRange }),
  ],
];

describe.each(factories)("%s", (_name, make) => {
  it("put/get/delete round-trips JSON values and returns copies", async () => {
    const s = await make();
    expect(await s.get("missing")).toBeUndefined();
    const value = { a: [1, 2, { b: "tiếng Việt" }], n: null, t: true };
    await s.put("x/1", value);
    const got = await s.get<typeof value>("x/1");
    expect(got).toEqual(value);
    got!.a.push(3);
    expect(await s.get("x/1")).toEqual(value);
    await s.put("x/1", 42);
    expect(await s.get("x/1")).toBe(42);
    await s.delete("x/1");
    await s.delete("x/1");
    expect(await s.get("x/1")).toBeUndefined();
  });

  it("lists keys by prefix in ascending order", async () => {
    const s = await make();
    for (const k of [
      "sighting/0000000010",
      "tek/2",
      "sighting/0000000002",
      "sighting/0000000100",
      "sightingX",
      "a/b/c",
    ]) {
      await s.put(k, k);
    }
    expect(await s.list("sighting/")).toEqual([
      "sighting/0000000002",
      "sighting/0000000010",
      "sighting/0000000100",
    ]);
    expect(await s.list("tek/")).toEqual(["tek/2"]);
    expect(await s.list("nothing/")).toEqual([]);
    expect(await s.list("")).toHaveLength(6);
  });

  it("rejects values that are not JSON-serialisable", async () => {
    const s = await make();
    await expect(s.put("u", undefined)).rejects.toThrow(TypeError);
  });
});

describe("FileStore", () => {
  it("keeps data across instances, writes atomically (no temp files left) and escapes keys", async () => {
    const dir = await tempDir();
    const a = new FileStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => a.put("same/key", { i })));
    await a.put("weird/..\\key:*?", 1);
    const b = new FileStore(dir);
    expect(((await b.get<{ i: number }>("same/key")) ?? { i: -1 }).i).toBeGreaterThanOrEqual(0);
    expect(await b.get("weird/..\\key:*?")).toBe(1);
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith(".tmp-"))).toEqual([]);
    expect(files).toHaveLength(2);
    expect(await new FileStore(join(dir, "nope")).list("")).toEqual([]);
  });
});
