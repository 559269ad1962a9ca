import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FsBlobStore } from "./fs-store.ts";
import { S3BlobStore } from "./s3-store.ts";
import { type BlobStore, blobKeyProblem } from "./store.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data === null ? null : new TextDecoder().decode(data));

/** The behaviour every BlobStore must have; run against each implementation below. */
function blobStoreContract(
  name: string,
  open: () => Promise<{ store: BlobStore; close: () => Promise<void> }>,
) {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(async () => {
      await close();
    });

    it("returns what was put, with its metadata", async () => {
      await store.put("exports/v1/index.txt", bytes("a.zip\nb.zip\n"), {
        contentType: "text/plain; charset=utf-8",
        cacheControl: "public, max-age=300",
      });
      expect(text(await store.get("exports/v1/index.txt"))).toBe("a.zip\nb.zip\n");
      const info = await store.head("exports/v1/index.txt");
      expect(info).toMatchObject({
        key: "exports/v1/index.txt",
        size: 12,
        contentType: "text/plain; charset=utf-8",
        cacheControl: "public, max-age=300",
      });
      expect(info?.etag).toBeTruthy();
      expect(await store.exists("exports/v1/index.txt")).toBe(true);
    });

    it("keeps binary content byte for byte", async () => {
      const data = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) & 0xff);
      await store.put("bin/blob.zip", data, { contentType: "application/zip" });
      expect(await store.get("bin/blob.zip")).toEqual(data);
      expect((await store.head("bin/blob.zip"))?.cacheControl).toBeUndefined();
    });

    it("answers null / false for a missing key", async () => {
      expect(await store.get("nope/missing.bin")).toBeNull();
      expect(await store.head("nope/missing.bin")).toBeNull();
      expect(await store.exists("nope/missing.bin")).toBe(false);
    });

    it("overwrites a key", async () => {
      await store.put("over/write.txt", bytes("first"), { contentType: "text/plain" });
      await store.put("over/write.txt", bytes("second!"), { contentType: "text/csv" });
      expect(text(await store.get("over/write.txt"))).toBe("second!");
      expect(await store.head("over/write.txt")).toMatchObject({ size: 7, contentType: "text/csv" });
    });

    it("lists keys by string prefix, sorted", async () => {
      for (const key of ["list/b/2.zip", "list/a/1.zip", "list/a/0.zip", "list/ab.txt", "lists/x.txt"]) {
        await store.put(key, bytes(key), { contentType: "application/octet-stream" });
      }
      expect(await store.list("list/")).toEqual([
        "list/a/0.zip",
        "list/a/1.zip",
        "list/ab.txt",
        "list/b/2.zip",
      ]);
      expect(await store.list("list/a")).toEqual(["list/a/0.zip", "list/a/1.zip", "list/ab.txt"]);
      expect(await store.list("list/a/")).toEqual(["list/a/0.zip", "list/a/1.zip"]);
      expect(await store.list("list")).toEqual([
        "list/a/0.zip",
        "list/a/1.zip",
        "list/ab.txt",
        "list/b/2.zip",
        "lists/x.txt",
      ]);
      expect(await store.list("nothing-here/")).toEqual([]);
      expect(await store.list("")).toEqual(expect.arrayContaining(["exports/v1/index.txt", "lists/x.txt"]));
    });

    it("deletes a key, and deleting a missing key is not an error", async () => {
      await store.put("del/me.txt", bytes("x"), { contentType: "text/plain" });
      await store.delete("del/me.txt");
      expect(await store.exists("del/me.txt")).toBe(false);
      expect(await store.get("del/me.txt")).toBeNull();
      await expect(store.delete("del/me.txt")).resolves.toBeUndefined();
      expect(await store.list("del/")).toEqual([]);
    });

    it("rejects keys that could escape the store", async () => {
      for (const key of [
        "../etc/passwd",
        "/abs",
        "a//b",
        "a/./b",
        "a/../b",
        "trailing/",
        ".hidden",
        "a\\b",
        "",
      ]) {
        await expect(store.put(key, bytes("x"), { contentType: "text/plain" }), key).rejects.toThrow(
          /invalid blob key/,
        );
      }
    });
  });
}

blobStoreContract("FsBlobStore", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bz-blobs-"));
  return { store: new FsBlobStore(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
});

blobStoreContract("S3BlobStore on s3rver", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bz-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: "bluezone-test" }],
  });
  const address = await server.run();
  const store = new S3BlobStore({
    bucket: "bluezone-test",
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${address.port}`,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  });
  return {
    store,
    close: async () => {
      store.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe("FsBlobStore atomic writes", () => {
  it("never exposes a partial file to a concurrent reader and leaves no temp files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bz-blobs-atomic-"));
    try {
      const store = new FsBlobStore(dir);
      const versions = [0, 1, 2, 3, 4, 5].map((v) => new Uint8Array(256 * 1024).fill(v + 1));
      await store.put("race/file.bin", versions[0]!, { contentType: "application/octet-stream" });
      const seen: number[] = [];
      const reader = (async () => {
        for (let i = 0; i < 60; i++) {
          const data = await store.get("race/file.bin");
          expect(data).not.toBeNull();
          expect(data!.length).toBe(256 * 1024);
          // Every byte equal: a whole version, never a mix or a truncated file.
          expect(data!.every((b) => b === data![0])).toBe(true);
          seen.push(data![0]!);
        }
      })();
      for (const version of versions.slice(1)) {
        await store.put("race/file.bin", version, { contentType: "application/octet-stream" });
      }
      await reader;
      expect(seen.length).toBe(60);
      expect(readdirSync(join(dir, "race"))).toEqual(["file.bin"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("blobKeyProblem", () => {
  it("accepts export-style keys and rejects traversal", () => {
    expect(blobKeyProblem("exposure-keys/2026-11-23/1700000000-00001.zip")).toBeNull();
    expect(blobKeyProblem("a/../b")).toMatch(/invalid path segment/);
    expect(blobKeyProblem("x".repeat(513))).toMatch(/longer/);
  });
});
