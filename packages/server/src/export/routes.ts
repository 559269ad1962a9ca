// HTTP routes of the export feature: GET /v1/export-keys, the public keys that verify export files, as JSON
// or, for `Accept: application/x-pem-file` or `text/plain`, as PEM text.
import { ECDSA_P256_SHA256_OID } from "@bluezone/protocol";
import { listPublicKeys, type PublicSigningKey } from "../keys/index.ts";
import type { App, FeatureDeps } from "../platform/feature.ts";
import { ExportKeysPem, ExportKeysResponse } from "./schemas.ts";

const PEM_TYPES = ["application/x-pem-file", "text/plain"] as const;

/** The media type to answer with: PEM when the client prefers it over JSON, else JSON. Pure. */
export function preferredKeysFormat(accept: string | undefined): "pem" | "json" {
  if (!accept) return "json";
  let best: { format: "pem" | "json"; q: number } = { format: "json", q: -1 };
  for (const part of accept.split(",")) {
    const [type = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const format = (PEM_TYPES as readonly string[]).includes(type.trim())
      ? "pem"
      : ["application/json", "application/*", "*/*"].includes(type.trim())
        ? "json"
        : undefined;
    if (format && q > best.q) best = { format, q };
  }
  return best.format;
}

/** Active key first, then retired ones (newest first). */
function orderKeys(keys: readonly PublicSigningKey[]): PublicSigningKey[] {
  return [...keys].sort((a, b) => {
    if ((a.notAfter === null) !== (b.notAfter === null)) return a.notAfter === null ? -1 : 1;
    return (b.notAfter?.getTime() ?? 0) - (a.notAfter?.getTime() ?? 0);
  });
}

export function registerExportRoutes(app: App, deps: Pick<FeatureDeps, "db" | "clock">): void {
  app.get(
    "/v1/export-keys",
    {
      schema: {
        tags: ["export"],
        summary: "Public keys verifying export.sig of published key batches (JSON, or PEM with Accept)",
        response: {
          200: {
            content: {
              "application/json": { schema: ExportKeysResponse },
              "application/x-pem-file": { schema: ExportKeysPem },
              "text/plain": { schema: ExportKeysPem },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const keys = orderKeys(await listPublicKeys(deps.db, "export", { now: deps.clock() }));
      reply.header("cache-control", "public, max-age=300").header("vary", "accept");
      if (preferredKeysFormat(request.headers.accept) === "pem") {
        const type = request.headers.accept?.toLowerCase().includes("application/x-pem-file")
          ? "application/x-pem-file"
          : "text/plain; charset=utf-8";
        return reply.type(type).send(
          keys
            .map((k) => k.publicPem.trimEnd())
            .join("\n")
            .concat("\n"),
        );
      }
      return reply.type("application/json").send({
        keys: keys.map((k) => ({
          keyId: k.kid,
          version: k.version,
          algorithm: ECDSA_P256_SHA256_OID,
          publicKeyPem: k.publicPem,
        })),
      });
    },
  );
}
