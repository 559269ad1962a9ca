/**
 * FileStore (Node only, exported from "@bluezone/device/node"): the Store port as one JSON file per key in a
 * directory. Writes are atomic (write a temp file, fsync, rename), so a crash never leaves a half-written value.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Store } from "../adapters.ts";
import { compareKeys } from "./memory-store.ts";

const SUFFIX = ".json";

export class FileStore implements Store {
  readonly #dir: string;
  #ready: Promise<void> | undefined;

  constructor(directory: string) {
    this.#dir = directory;
  }

  #ensureDir(): Promise<void> {
    this.#ready ??= mkdir(this.#dir, { recursive: true }).then(() => undefined);
    return this.#ready;
  }

  #path(key: string): string {
    return join(this.#dir, encodeURIComponent(key) + SUFFIX);
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(this.#path(key), "utf8")) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  }

  async put(key: string, value: unknown): Promise<void> {
    const raw = JSON.stringify(value);
    if (raw === undefined) throw new TypeError(`value for "${key}" is not JSON-serialisable`);
    await this.#ensureDir();
    const tmp = join(this.#dir, `.tmp-${randomBytes(8).toString("hex")}`);
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(raw, "utf8");
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, this.#path(key));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const keys: string[] = [];
    for (const name of names) {
      if (!name.endsWith(SUFFIX) || name.startsWith(".tmp-")) continue;
      const key = decodeURIComponent(name.slice(0, -SUFFIX.length));
      if (key.startsWith(prefix)) keys.push(key);
    }
    return keys.sort(compareKeys);
  }
}
