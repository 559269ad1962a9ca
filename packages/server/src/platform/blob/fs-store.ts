// Filesystem BlobStore: each blob is a plain file under the root (so any static server or CDN origin can
// serve the tree) with its metadata in a hidden sidecar; writes go to a temp file and are renamed into place.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import {
  assertBlobKey,
  assertBlobPrefix,
  type BlobInfo,
  type BlobPutOptions,
  type BlobStore,
} from "./store.ts";

const META_DIR = ".meta";

const isNotFound = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: string }).code === "ENOENT";

interface Meta {
  contentType: string;
  cacheControl?: string;
}

export class FsBlobStore implements BlobStore {
  readonly kind = "fs" as const;
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /** Absolute path of the file holding `key` (the /blobs route and tests use it). */
  pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, ...key.split("/"));
  }

  private metaPathOf(key: string): string {
    return `${join(this.root, META_DIR, ...key.split("/"))}.json`;
  }

  async put(key: string, bytes: Uint8Array, options: BlobPutOptions): Promise<void> {
    const path = this.pathOf(key);
    const meta: Meta = { contentType: options.contentType };
    if (options.cacheControl !== undefined) meta.cacheControl = options.cacheControl;
    await writeAtomically(this.metaPathOf(key), new TextEncoder().encode(JSON.stringify(meta)));
    await writeAtomically(path, bytes);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const buffer = await readFile(this.pathOf(key));
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<BlobInfo | null> {
    let size: number;
    let mtimeMs: number;
    try {
      const s = await stat(this.pathOf(key));
      if (!s.isFile()) return null;
      size = s.size;
      mtimeMs = s.mtimeMs;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    let meta: Meta = { contentType: "application/octet-stream" };
    try {
      meta = JSON.parse(await readFile(this.metaPathOf(key), "utf8")) as Meta;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    return {
      key,
      size,
      contentType: meta.contentType,
      cacheControl: meta.cacheControl,
      etag: `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`,
    };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  async list(prefix: string): Promise<string[]> {
    assertBlobPrefix(prefix);
    // Walk only the deepest directory the prefix fully names.
    const slash = prefix.lastIndexOf("/");
    const baseKey = slash >= 0 ? prefix.slice(0, slash) : "";
    const baseDir = baseKey ? join(this.root, ...baseKey.split("/")) : this.root;
    const keys: string[] = [];
    await walk(baseDir, baseKey, keys);
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
    await rm(this.metaPathOf(key), { force: true });
  }
}

async function walk(dir: string, keyPrefix: string, out: string[]): Promise<void> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error) || (error as { code?: string }).code === "ENOTDIR") return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue; // metadata, temp files
    const key = keyPrefix ? `${keyPrefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await walk(join(dir, entry.name), key, out);
    else if (entry.isFile()) out.push(key);
  }
}

/** Writes to a hidden temp file in the same directory, then renames it over the target (atomic on POSIX). */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = `${dir}${sep}.${randomBytes(8).toString("hex")}.tmp`;
  try {
    await writeFile(temp, bytes, { flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
