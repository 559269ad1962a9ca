// Serves a BlobStore over HTTP under /blobs/* with each blob's Content-Type, Cache-Control and ETag,
// for demo deployments without a CDN (SERVE_BLOBS).
import type { FastifyInstance } from "fastify";
import { problems } from "../errors.ts";
import { type BlobStore, blobKeyProblem } from "./store.ts";

export interface BlobRoutesOptions {
  store: BlobStore;
  /** URL prefix, default "/blobs". */
  prefix?: string;
}

/** Registers GET (and HEAD) `${prefix}/*`; unknown or invalid keys answer 404 problem+json. */
export function registerBlobRoutes(app: FastifyInstance, options: BlobRoutesOptions): void {
  const prefix = (options.prefix ?? "/blobs").replace(/\/+$/, "");
  const store = options.store;
  app.get(`${prefix}/*`, { schema: { hide: true } }, async (request, reply) => {
    const key = (request.params as { "*"?: string })["*"] ?? "";
    if (blobKeyProblem(key) !== null) throw problems.notFound("No such blob");
    const info = await store.head(key);
    if (!info) throw problems.notFound("No such blob");
    reply.header("content-type", info.contentType);
    if (info.cacheControl) reply.header("cache-control", info.cacheControl);
    if (info.etag) {
      reply.header("etag", info.etag);
      if (request.headers["if-none-match"] === info.etag) return reply.code(304).send();
    }
    const bytes = await store.get(key);
    if (!bytes) throw problems.notFound("No such blob");
    return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}
