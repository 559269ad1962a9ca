// The BlobStore interface (exports, warning packages, posters, reports) and the key rules every
// implementation enforces, so a key is a safe relative path on disk and a plain S3 object key.

export interface BlobPutOptions {
  contentType: string;
  /** Sent to clients and CDNs as Cache-Control, e.g. "public, max-age=3600". */
  cacheControl?: string;
}

export interface BlobInfo {
  key: string;
  size: number;
  contentType: string;
  cacheControl: string | undefined;
  /** Entity tag for conditional GETs (quoted, as in HTTP). */
  etag: string | undefined;
}

/** Where published files live: the filesystem (default) or an S3-compatible bucket. */
export interface BlobStore {
  readonly kind: "fs" | "s3";
  /** Writes atomically: a concurrent reader sees the old bytes or the new ones, never a partial file. */
  put(key: string, bytes: Uint8Array, options: BlobPutOptions): Promise<void>;
  /** The bytes, or null when there is no such key. */
  get(key: string): Promise<Uint8Array | null>;
  /** Size and metadata, or null when there is no such key. */
  head(key: string): Promise<BlobInfo | null>;
  exists(key: string): Promise<boolean>;
  /** Every key starting with `prefix` (plain string prefix, "" for all), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes the key; no error when it does not exist. */
  delete(key: string): Promise<void>;
}

const SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/** Why `key` is not a valid blob key, or null when it is. Segments: [A-Za-z0-9._~-], not starting with ".". */
export function blobKeyProblem(key: string): string | null {
  if (key.length === 0) return "empty key";
  if (key.length > 512) return "key longer than 512 characters";
  for (const segment of key.split("/")) {
    if (segment === "") return "empty path segment (leading, trailing or double slash)";
    if (!SEGMENT.test(segment)) return `invalid path segment "${segment}"`;
  }
  return null;
}

/** Throws when `key` is not a valid blob key (keeps "..", absolute paths and hidden files out). */
export function assertBlobKey(key: string): void {
  const problem = blobKeyProblem(key);
  if (problem) throw new Error(`invalid blob key: ${problem}`);
}

/** Validates a list prefix: "" or a valid key, optionally followed by "/". */
export function assertBlobPrefix(prefix: string): void {
  if (prefix === "") return;
  assertBlobKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
}
