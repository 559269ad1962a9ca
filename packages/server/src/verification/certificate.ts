// The verification certificate: an ES256 JWT (kid header) carrying the tekmac, the report type and the
// symptom onset interval. Signed here; verified by the key server (submission/) against the published keys.
import { createPublicKey } from "node:crypto";
import { SignJWT } from "jose";
import { type ActiveSigningKey, findVerificationKey, jwtKeyId, listPublicKeys } from "../keys/index.ts";
import type { Db } from "../platform/db/database.ts";
import { JwtError, parseEs256Jwt, verifiedClaims, verifyEs256Signature } from "./jwt.ts";
import { isTestType, type TestType } from "./model.ts";

/** Claims beyond iss/aud/iat/exp, named as in the verification server's VerificationClaims. */
export interface CertificateClaims {
  /** The diagnosis the health authority certified; the key server maps it to a GAEN report type. */
  reportType: TestType;
  /** EN interval of the symptom onset day (UTC midnight); absent when unknown. */
  symptomOnsetInterval?: number;
  /** Base64 HMAC-SHA256 of the keys the app will publish (the `ekeyhmac` it sent). */
  tekmac: string;
  /** Transmission risk overrides (unused: always empty). */
  trisk: never[];
}

export interface CertificateIdentity {
  issuer: string;
  audience: string;
}

/** Signs a certificate with the active certificate key, valid from `now` for `ttlMs`. */
export async function signCertificate(
  key: ActiveSigningKey,
  claims: CertificateClaims,
  options: CertificateIdentity & { now: Date; ttlMs: number },
): Promise<string> {
  const iat = Math.floor(options.now.getTime() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: jwtKeyId(key) })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + Math.floor(options.ttlMs / 1000))
    .sign(key.privateKey);
}

/** A certificate whose signature, issuer, audience, lifetime and claims checked out. */
export interface VerifiedCertificate {
  reportType: TestType;
  symptomOnsetInterval: number | undefined;
  tekmac: string;
  /** The JWT kid that signed it. */
  kid: string;
  expiresAt: Date;
}

/** Why a certificate was refused: unknown key / bad signature / wrong claims, or past its `exp`. */
export class CertificateError extends Error {
  constructor(
    readonly code: "certificate_invalid" | "certificate_expired",
    message: string,
  ) {
    super(message);
    this.name = "CertificateError";
  }
}

/**
 * Verifies a certificate against the published certificate keys (active and retired-but-unexpired, by kid),
 * ES256 only, with the expected issuer and audience, at time `now`. Keys come from the keys/ cache; the
 * signature is checked synchronously with node:crypto (jwt.ts), with the claim rules of jose's jwtVerify.
 */
export async function verifyCertificate(
  db: Db,
  jwt: string,
  options: CertificateIdentity & { now: Date },
): Promise<VerifiedCertificate> {
  let payload: Record<string, unknown>;
  let kid: string;
  try {
    const parsed = parseEs256Jwt(jwt);
    kid = typeof parsed.header.kid === "string" ? parsed.header.kid : "";
    const key = kid === "" ? undefined : await findVerificationKey(db, "certificate", kid, options.now);
    if (!key) throw new CertificateError("certificate_invalid", "certificate signed by an unknown key");
    verifyEs256Signature(parsed, key);
    payload = verifiedClaims(parsed, options);
  } catch (error) {
    if (error instanceof CertificateError) throw error;
    if (error instanceof JwtError && error.reason === "expired") {
      throw new CertificateError("certificate_expired", "certificate expired");
    }
    throw new CertificateError("certificate_invalid", "certificate signature or claims invalid");
  }
  const { reportType, symptomOnsetInterval, tekmac, exp } = payload;
  const onsetOk =
    symptomOnsetInterval === undefined ||
    (Number.isSafeInteger(symptomOnsetInterval) && (symptomOnsetInterval as number) >= 0);
  if (!isTestType(reportType) || typeof tekmac !== "string" || tekmac === "" || !onsetOk) {
    throw new CertificateError("certificate_invalid", "certificate claims malformed");
  }
  return {
    reportType,
    symptomOnsetInterval: symptomOnsetInterval as number | undefined,
    tekmac,
    kid,
    expiresAt: new Date((exp as number) * 1000),
  };
}

/** JSON Web Key Set of the published certificate keys (what GET /v1/certificate-keys serves). */
export async function certificateJwks(
  db: Db,
  now: Date,
): Promise<{
  keys: { kty: string; crv: string; x: string; y: string; kid: string; alg: "ES256"; use: "sig" }[];
}> {
  const keys = await listPublicKeys(db, "certificate", { now });
  return {
    keys: keys.map((k) => {
      const jwk = createPublicKey(k.publicPem).export({ format: "jwk" });
      return {
        kty: String(jwk.kty),
        crv: String(jwk.crv),
        x: String(jwk.x),
        y: String(jwk.y),
        kid: jwtKeyId(k),
        alg: "ES256" as const,
        use: "sig" as const,
      };
    }),
  };
}
