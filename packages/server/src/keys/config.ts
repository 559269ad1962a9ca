// Environment of the signing keys and server secrets. Production: the private keys come from the environment
// (or files), demo/dev: missing keys and secrets are generated on first use and kept in the database.
//
//   CERTIFICATE_SIGNING_KEY_PEM      ECDSA P-256 private key (PKCS#8 or SEC1 PEM text, "\n" escapes allowed,
//                                    or the path of a PEM file) signing verification certificates (ES256 JWT).
//   CERTIFICATE_SIGNING_KEY_KID      its key id (JWT kid = "<kid>.<version>"); default: the caller's kidPrefix.
//   CERTIFICATE_SIGNING_KEY_VERSION  its version, default v1. Rotate: set a new PEM + VERSION and restart;
//                                    the previous key stays published for CERTIFICATE_SIGNING_KEY_RETIRE_AFTER.
//   EXPORT_SIGNING_KEY_PEM / _KID / _VERSION / _RETIRE_AFTER   the same for export files (export.sig);
//                                    KID is the GAEN verification_key_id phones are configured with.
//   KEYS_GENERATE_MISSING            generate missing keys and secrets (default: yes unless NODE_ENV=production
//                                    without DEMO_MODE=true, where an unset key or secret is a start-up error).
// Only the public half of an environment key is stored (private_pem stays null); nothing here is ever logged.
import { readFileSync } from "node:fs";
import { platformEnv } from "../platform/config.ts";
import {
  type Env,
  type EnvValues,
  type EnvVar,
  envDuration,
  envOptionalBool,
  envOptionalString,
  envString,
  readEnv,
} from "../platform/env.ts";
import { importP256PrivateKey, pkcs8PemOf } from "./crypto.ts";
import { decodeSecret, KEY_LABEL, pemSetting, type SigningKeyPurpose } from "./model.ts";

/**
 * A private signing key given as PEM text or a PEM file path; validated (P-256) at start.
 * The value is the normalized PKCS#8 PEM. Error messages never repeat the value.
 */
export function envSigningKeyPem(name: string, doc: string): EnvVar<string | undefined> {
  return {
    name,
    doc,
    defaultText: "unset",
    parse: (raw) => {
      if (raw === undefined || raw.trim() === "") return { ok: true, value: undefined };
      const setting = pemSetting(raw);
      let text: string;
      if (setting.kind === "pem") text = setting.text;
      else {
        try {
          text = readFileSync(setting.path, "utf8");
        } catch {
          return { ok: false, error: `${name}: neither PEM text nor a readable PEM file` };
        }
      }
      try {
        return { ok: true, value: pkcs8PemOf(importP256PrivateKey(text)) };
      } catch (error) {
        return { ok: false, error: `${name}: ${(error as Error).message}` };
      }
    },
  };
}

/** A secret given as base64 (either alphabet) of at least `minBytes` bytes. Errors never repeat the value. */
export function envSecret(name: string, doc: string, minBytes = 32): EnvVar<Uint8Array | undefined> {
  return {
    name,
    doc,
    defaultText: "unset (generated and stored in the database unless production)",
    parse: (raw) => {
      if (raw === undefined || raw.trim() === "") return { ok: true, value: undefined };
      const bytes = decodeSecret(raw, minBytes);
      return bytes
        ? { ok: true, value: bytes }
        : { ok: false, error: `${name}: expected base64 of at least ${minBytes} bytes` };
    },
  };
}

const kidVar = (name: string, what: string) =>
  envOptionalString(name, `Key id of ${what} (JWT kid prefix / GAEN verification_key_id).`, {
    pattern: KEY_LABEL,
    defaultText: "the feature's kid prefix",
  });
const versionVar = (name: string, what: string) =>
  envString(name, "v1", `Version of ${what}; change it together with the PEM to rotate.`, {
    pattern: KEY_LABEL,
  });

export const keysEnv = {
  certificateKeyPem: envSigningKeyPem(
    "CERTIFICATE_SIGNING_KEY_PEM",
    "ECDSA P-256 private key signing verification certificates: PEM text or a PEM file path.",
  ),
  certificateKeyKid: kidVar("CERTIFICATE_SIGNING_KEY_KID", "the certificate signing key"),
  certificateKeyVersion: versionVar("CERTIFICATE_SIGNING_KEY_VERSION", "the certificate signing key"),
  certificateKeyRetireAfter: envDuration(
    "CERTIFICATE_SIGNING_KEY_RETIRE_AFTER",
    "1d",
    "How long a replaced certificate key still verifies (certificates live 15 minutes).",
    { min: "15m" },
  ),
  exportKeyPem: envSigningKeyPem(
    "EXPORT_SIGNING_KEY_PEM",
    "ECDSA P-256 private key signing export files: PEM text or a PEM file path.",
  ),
  exportKeyKid: kidVar("EXPORT_SIGNING_KEY_KID", "the export signing key"),
  exportKeyVersion: versionVar("EXPORT_SIGNING_KEY_VERSION", "the export signing key"),
  exportKeyRetireAfter: envDuration(
    "EXPORT_SIGNING_KEY_RETIRE_AFTER",
    "30d",
    "How long a replaced export key is still listed as a public key.",
    { min: "1h" },
  ),
  generateMissing: envOptionalBool(
    "KEYS_GENERATE_MISSING",
    "Generate missing signing keys and secrets on first use and keep them in the database.",
    "true unless NODE_ENV=production without DEMO_MODE",
  ),
} as const;

/** A private key configured in the environment. */
export interface ConfiguredSigningKey {
  /** PKCS#8 PEM. */
  privatePem: string;
  /** Undefined: use the caller's kidPrefix. */
  kid: string | undefined;
  version: string;
}

export interface KeysConfig {
  configured: Record<SigningKeyPurpose, ConfiguredSigningKey | undefined>;
  retireAfterMs: Record<SigningKeyPurpose, number>;
  /** Whether missing keys and secrets may be generated (demo/dev) instead of failing. */
  generateMissing: boolean;
}

/** Builds the keys config from parsed variables and the platform mode (NODE_ENV, DEMO_MODE). */
export function keysConfigFrom(
  v: EnvValues<typeof keysEnv>,
  mode: { nodeEnv: string; demoMode: boolean },
): KeysConfig {
  const configured = (pem: string | undefined, kid: string | undefined, version: string) =>
    pem === undefined ? undefined : { privatePem: pem, kid, version };
  return {
    configured: {
      certificate: configured(v.certificateKeyPem, v.certificateKeyKid, v.certificateKeyVersion),
      export: configured(v.exportKeyPem, v.exportKeyKid, v.exportKeyVersion),
    },
    retireAfterMs: { certificate: v.certificateKeyRetireAfter, export: v.exportKeyRetireAfter },
    generateMissing: v.generateMissing ?? (mode.nodeEnv !== "production" || mode.demoMode),
  };
}

/** Reads the keys config (and NODE_ENV / DEMO_MODE) from `env`; throws ConfigError on bad variables. */
export function loadKeysConfig(env: Env = process.env): KeysConfig {
  const mode = readEnv({ nodeEnv: platformEnv.nodeEnv, demoMode: platformEnv.demoMode }, env);
  return keysConfigFrom(readEnv(keysEnv, env), mode);
}
