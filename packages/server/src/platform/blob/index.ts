// Blob storage: the BlobStore interface, the filesystem and S3 implementations, the factory that picks one
// from the platform config, and the /blobs/* route for serving without a CDN.
import type { BlobConfig } from "../config.ts";
import { FsBlobStore } from "./fs-store.ts";
import { S3BlobStore } from "./s3-store.ts";
import type { BlobStore } from "./store.ts";

export { FsBlobStore } from "./fs-store.ts";
export { type BlobRoutesOptions, registerBlobRoutes } from "./routes.ts";
export { S3BlobStore, type S3BlobStoreOptions } from "./s3-store.ts";
export * from "./store.ts";

/** The blob store the configuration asks for. */
export function createBlobStore(config: BlobConfig): BlobStore {
  return config.kind === "s3" ? new S3BlobStore(config) : new FsBlobStore(config.dir);
}
