// Synchronous ES256 JWT verification on node:crypto (one ECDSA verify, one JSON.parse per part), with jose's
// jwtVerify rules for what the certificate uses: alg ES256 only, no crit, iss/aud/iat/exp required, nbf, exp.
import { type KeyObject, verify } from "node:crypto";

/** Why a JWT was refused: "expired" only when everything else checked out and `exp` is past (as jose). */
export class JwtError extends Error {
  constructor(
    readonly reason: "malformed" | "algorithm" | "signature" | "claims" | "expired",
    message: string,
  ) {
    super(message);
    this.name = "JwtError";
  }
}

/** A JWS compact token split into its parts; the header already decoded. */
export interface ParsedJwt {
  header: Record<string, unknown>;
  /** base64url payload segment (decoded only after the signature checked out). */
  payloadSegment: string;
  /** The signed bytes: ASCII of `header.payload`. */
  signingInput: string;
  signature: Buffer;
}

export interface JwtClaimsOptions {
  issuer: string;
  audience: string;
  /** Seconds precision, like jose: now = floor(currentDate / 1000); no clock tolerance. */
  now: Date;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ES256_SIGNATURE_BYTES = 64;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function decodeJson(segment: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    throw new JwtError("malformed", `${what} is not base64url JSON`);
  }
}

/**
 * Splits a compact JWS and checks its header: three base64url segments, a JSON object header with
 * alg "ES256", no `crit` (nothing here understands extensions) and no unencoded payload (`b64`).
 */
export function parseEs256Jwt(token: string): ParsedJwt {
  if (typeof token !== "string") throw new JwtError("malformed", "token is not a string");
  const first = token.indexOf(".");
  const second = first < 0 ? -1 : token.indexOf(".", first + 1);
  if (second < 0 || token.indexOf(".", second + 1) >= 0) {
    throw new JwtError("malformed", "token is not three dot-separated parts");
  }
  const headerSegment = token.slice(0, first);
  const payloadSegment = token.slice(first + 1, second);
  const signatureSegment = token.slice(second + 1);
  if (
    !BASE64URL.test(headerSegment) ||
    !BASE64URL.test(payloadSegment) ||
    !BASE64URL.test(signatureSegment)
  ) {
    throw new JwtError("malformed", "token part is not base64url");
  }
  const header = decodeJson(headerSegment, "header");
  if (!isObject(header)) throw new JwtError("malformed", "header is not a JSON object");
  if (header.alg !== "ES256") throw new JwtError("algorithm", "alg is not ES256");
  if ("crit" in header) throw new JwtError("malformed", "crit header parameters are not supported");
  if ("b64" in header && header.b64 !== true)
    throw new JwtError("malformed", "unencoded payloads are refused");
  const signature = Buffer.from(signatureSegment, "base64url");
  if (signature.length !== ES256_SIGNATURE_BYTES)
    throw new JwtError("signature", "signature length is wrong");
  return { header, payloadSegment, signingInput: token.slice(0, second), signature };
}

const p256Keys = new WeakSet<KeyObject>();

/** ES256 needs an EC P-256 public key; checked once per KeyObject. */
function assertP256(key: KeyObject): void {
  if (p256Keys.has(key)) return;
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new JwtError("algorithm", "key is not an ECDSA P-256 key");
  }
  p256Keys.add(key);
}

/** Verifies the ECDSA P-256 / SHA-256 signature (raw r || s) of a parsed token under `key`. */
export function verifyEs256Signature(jwt: ParsedJwt, key: KeyObject): void {
  assertP256(key);
  const ok = verify(
    "sha256",
    Buffer.from(jwt.signingInput, "latin1"),
    { key, dsaEncoding: "ieee-p1363" },
    jwt.signature,
  );
  if (!ok) throw new JwtError("signature", "signature does not verify");
}

/**
 * Decodes the payload of a verified token and checks its claims in jose's order: a JSON object; iss, aud,
 * iat and exp present; iss equal; aud equal or an array containing it; iat a number; nbf (if any) a number
 * not after now; exp a number after now (else "expired").
 */
export function verifiedClaims(jwt: ParsedJwt, options: JwtClaimsOptions): Record<string, unknown> {
  const payload = decodeJson(jwt.payloadSegment, "payload");
  if (!isObject(payload)) throw new JwtError("claims", "claims set is not a JSON object");
  for (const claim of ["iss", "aud", "iat", "exp"]) {
    if (!(claim in payload)) throw new JwtError("claims", `missing required "${claim}" claim`);
  }
  if (payload.iss !== options.issuer) throw new JwtError("claims", 'unexpected "iss" claim value');
  const aud = payload.aud;
  const audienceOk =
    typeof aud === "string" ? aud === options.audience : Array.isArray(aud) && aud.includes(options.audience);
  if (!audienceOk) throw new JwtError("claims", 'unexpected "aud" claim value');
  const now = Math.floor(options.now.getTime() / 1000);
  if (typeof payload.iat !== "number") throw new JwtError("claims", '"iat" claim must be a number');
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== "number") throw new JwtError("claims", '"nbf" claim must be a number');
    if (payload.nbf > now) throw new JwtError("claims", '"nbf" claim timestamp check failed');
  }
  if (typeof payload.exp !== "number") throw new JwtError("claims", '"exp" claim must be a number');
  if (payload.exp <= now) throw new JwtError("expired", '"exp" claim timestamp check failed');
  return payload;
}
