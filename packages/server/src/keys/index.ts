// Keys module (no routes): ECDSA P-256 signing keys for verification certificates and export files, with
// rotation and public key lists, plus server secrets. Used by verification/ and export/.
export {
  type ConfiguredSigningKey,
  envSecret,
  envSigningKeyPem,
  type KeysConfig,
  keysConfigFrom,
  keysEnv,
  loadKeysConfig,
} from "./config.ts";
export { jwtKeyId, SIGNING_KEY_PURPOSES, type SigningKeyPurpose } from "./model.ts";
export { ensureServerSecret, type ServerSecretOptions } from "./secrets.ts";
export {
  type ActiveSigningKey,
  ensureSigningKey,
  getActiveSigningKey,
  listPublicKeys,
  type PublicSigningKey,
  rotateSigningKey,
  type SigningKeyOptions,
} from "./signing-keys.ts";
export {
  findVerificationKey,
  invalidateVerificationKeys,
  VERIFICATION_KEY_TTL_MS,
} from "./verification-keys.ts";
