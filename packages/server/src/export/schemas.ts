// TypeBox schemas of the export routes: the export signing public keys as JSON (or PEM text).
import { Type } from "@fastify/type-provider-typebox";

export const ExportPublicKeyView = Type.Object({
  keyId: Type.String({ description: "GAEN verification_key_id phones are configured with." }),
  version: Type.String({ description: "GAEN verification_key_version (rotation), e.g. v1." }),
  algorithm: Type.Literal("1.2.840.10045.4.3.2", { description: "ECDSA P-256 with SHA-256 (OID)." }),
  publicKeyPem: Type.String({ description: "SPKI PEM of the P-256 public key." }),
});

export const ExportKeysResponse = Type.Object({
  keys: Type.Array(ExportPublicKeyView, {
    description: "The active key first, then retired keys that still verify files already published.",
  }),
});

/** PEM text: every public key, concatenated. */
export const ExportKeysPem = Type.String({ description: "Concatenated SPKI PEM blocks, active key first." });
