import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import fc from "fast-check";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { JwtError, parseEs256Jwt, verifiedClaims, verifyEs256Signature } from "./jwt.ts";

const pair = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const { publicKey, privateKey } = pair();
const other = pair();
const identity = { issuer: "bluezone-verification", audience: "bluezone-keys" };
const NOW = new Date("2026-03-01T10:00:00Z");
const nowSeconds = NOW.getTime() / 1000;

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Signs any header/payload JSON with ES256 by hand (so tests can build tokens jose would not). */
function handSigned(header: unknown, payload: unknown, key: KeyObject = privateKey): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" });
  return `${input}.${signature.toString("base64url")}`;
}

const claims = (over: Record<string, unknown> = {}) => ({
  iss: identity.issuer,
  aud: identity.audience,
  iat: nowSeconds - 60,
  exp: nowSeconds + 900,
  tekmac: "abc",
  reportType: "confirmed",
  ...over,
});
const header = { alg: "ES256", typ: "JWT", kid: "k1.1" };

/** Our verdict: the claims, or the JwtError reason. */
function ours(token: string, key: KeyObject = publicKey, now = NOW): Record<string, unknown> | string {
  try {
    const parsed = parseEs256Jwt(token);
    verifyEs256Signature(parsed, key);
    return verifiedClaims(parsed, { ...identity, now });
  } catch (error) {
    if (error instanceof JwtError) return error.reason === "expired" ? "expired" : "invalid";
    throw error;
  }
}

/** jose's verdict with the options certificate.ts used before: claims, "expired" or "invalid". */
async function joses(token: string, key: KeyObject = publicKey, now = NOW) {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["ES256"],
      ...identity,
      currentDate: now,
      requiredClaims: ["exp", "iat"],
    });
    return payload as Record<string, unknown>;
  } catch (error) {
    return error instanceof joseErrors.JWTExpired ? "expired" : "invalid";
  }
}

describe("ES256 JWT verification on node:crypto", () => {
  it("accepts a jose-signed certificate and returns its claims", async () => {
    const token = await new SignJWT(claims()).setProtectedHeader(header).sign(privateKey);
    expect(ours(token)).toEqual(claims());
    expect(parseEs256Jwt(token).header.kid).toBe("k1.1");
  });

  it("refuses a tampered payload, header or signature", async () => {
    const token = await new SignJWT(claims()).setProtectedHeader(header).sign(privateKey);
    const [h, p, s] = token.split(".") as [string, string, string];
    const otherPayload = b64url(claims({ reportType: "likely" }));
    expect(ours(`${h}.${otherPayload}.${s}`)).toBe("invalid");
    expect(ours(`${b64url({ ...header, kid: "k2.1" })}.${p}.${s}`)).toBe("invalid");
    const flipped = Buffer.from(s, "base64url");
    flipped[10]! ^= 1;
    expect(ours(`${h}.${p}.${flipped.toString("base64url")}`)).toBe("invalid");
    expect(ours(token, other.publicKey)).toBe("invalid");
  });

  it("refuses alg none, HS256 and ES384 headers, crit and unencoded payloads", () => {
    const unsigned = `${b64url({ alg: "none", kid: "k1.1" })}.${b64url(claims())}.`;
    expect(ours(unsigned)).toBe("invalid");
    expect(ours(`${unsigned}AAAA`)).toBe("invalid");
    expect(ours(handSigned({ ...header, alg: "HS256" }, claims()))).toBe("invalid");
    expect(ours(handSigned({ ...header, alg: "ES384" }, claims()))).toBe("invalid");
    expect(ours(handSigned({ ...header, crit: ["exp"] }, claims()))).toBe("invalid");
    expect(ours(handSigned({ ...header, b64: false }, claims()))).toBe("invalid");
    expect(() => parseEs256Jwt(unsigned)).toThrow(JwtError);
  });

  it("reports expiry only for otherwise valid tokens; exp equal to now is expired", () => {
    expect(ours(handSigned(header, claims({ exp: nowSeconds })))).toBe("expired");
    expect(ours(handSigned(header, claims({ exp: nowSeconds + 1 })))).not.toBe("expired");
    expect(ours(handSigned(header, claims({ exp: nowSeconds - 1, iss: "someone" })))).toBe("invalid");
  });

  it("checks iss, aud (string or array), iat, nbf and exp like jose", async () => {
    const cases: Record<string, unknown>[] = [
      claims(),
      claims({ iss: "other" }),
      claims({ aud: "other" }),
      claims({ aud: ["x", identity.audience] }),
      claims({ aud: ["x"] }),
      claims({ iat: undefined }),
      claims({ iat: "1" }),
      claims({ exp: undefined }),
      claims({ exp: "9999999999" }),
      claims({ exp: null }),
      claims({ nbf: nowSeconds + 1 }),
      claims({ nbf: nowSeconds }),
      claims({ nbf: "0" }),
      claims({ nbf: null }),
      claims({ exp: nowSeconds - 10 }),
    ];
    for (const c of cases) {
      const token = handSigned(header, c);
      expect(ours(token)).toEqual(await joses(token));
    }
    for (const payload of [[1, 2], "text", 42, null]) {
      const token = handSigned(header, payload);
      expect(ours(token)).toBe("invalid");
      expect(await joses(token)).toBe("invalid");
    }
  });

  it("agrees with jose on random claims, clocks and single-character corruptions", async () => {
    const claimValue = fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: nowSeconds - 2000, max: nowSeconds + 2000 }),
      fc.string({ maxLength: 3 }),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ iat: claimValue, exp: claimValue, nbf: claimValue }),
        fc.boolean(),
        fc.integer({ min: -1, max: 400 }),
        fc.integer({ min: 0, max: 63 }),
        async (times, rightAudience, position, replacement) => {
          const payload = claims({ ...times, aud: rightAudience ? identity.audience : "else" });
          let token = handSigned(header, payload);
          if (position >= 0 && position < token.length) {
            const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            token = token.slice(0, position) + alphabet[replacement] + token.slice(position + 1);
          }
          expect(ours(token)).toEqual(await joses(token));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("refuses malformed tokens with a JwtError, never another exception", () => {
    for (const token of [
      "",
      "a",
      "a.b",
      "a.b.c.d",
      "..",
      "a.b.c",
      "é.b.c",
      "a=.b.c",
      `${b64url(header)}.x.y`,
    ]) {
      expect(ours(token)).toBe("invalid");
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (token) => {
        expect(ours(token)).toBe("invalid");
      }),
      { numRuns: 300 },
    );
  });
});
