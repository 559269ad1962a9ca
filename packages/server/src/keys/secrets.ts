// Server secrets (code HMAC key, revision token key, ...): the configured value, or one generated on first use
// and shared through the database by every process (only when generating missing secrets is allowed).
import { base64ToBytes, bytesToBase64 } from "@bluezone/protocol";
import type { Db } from "../platform/db/database.ts";
import { ConfigError } from "../platform/env.ts";
import type { RandomBytes } from "../platform/feature.ts";
import { insertOrGetSecret } from "./store.ts";

export interface ServerSecretOptions {
  /** The configured secret, if any: returned as is, nothing is stored. */
  configured: Uint8Array | undefined;
  /** The variable that configures it (named in the error when it is missing and may not be generated). */
  variable: string;
  /** Whether a missing secret may be generated (KeysConfig.generateMissing). */
  generate: boolean;
  random: RandomBytes;
  /** Length of a generated secret (default 32 bytes). */
  length?: number;
}

/** Returns the secret `name`: configured, or generated once and stored (every process gets the same). */
export async function ensureServerSecret(
  db: Db,
  name: string,
  options: ServerSecretOptions,
): Promise<Uint8Array> {
  if (options.configured) return options.configured;
  if (!options.generate) throw new ConfigError([`${options.variable}: required (secret ${name} is not set)`]);
  const stored = await insertOrGetSecret(db, name, bytesToBase64(options.random(options.length ?? 32)));
  return base64ToBytes(stored);
}
