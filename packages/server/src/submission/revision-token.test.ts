import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  openRevisionToken,
  type RevisableKey,
  revisionTokenLength,
  sealRevisionToken,
} from "./revision-token.ts";

const secret = new Uint8Array(32).fill(5);
const nonce = new Uint8Array(12).fill(9);
const now = new Date("2026-05-10T09:00:00Z");
const DAY = 86_400_000;
const keyArb: fc.Arbitrary<RevisableKey> = fc.record(
  {
    keyData: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    rollingStartIntervalNumber: fc.integer({ min: 0, max: 0xffffffff }),
    rollingPeriod: fc.integer({ min: 1, max: 144 }),
  },
  { noNullPrototype: true },
);

describe("revision tokens", () => {
  it("round-trip the keys and have the predicted length (property)", () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 30 }), (keys) => {
        const token = sealRevisionToken(keys, now, secret, nonce);
        expect(token).toHaveLength(revisionTokenLength(keys.length));
        expect(openRevisionToken(token, secret, now, DAY)).toEqual(keys);
      }),
    );
  });

  it("refuse tampered tokens, other secrets, expired tokens and garbage", () => {
    const keys = [
      { keyData: new Uint8Array(16).fill(1), rollingStartIntervalNumber: 2_963_000, rollingPeriod: 144 },
    ];
    const token = sealRevisionToken(keys, now, secret, nonce);
    const bytes = Buffer.from(token, "base64url");
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes);
      tampered[i]! ^= 1;
      expect(openRevisionToken(tampered.toString("base64url"), secret, now, DAY)).toBeNull();
    }
    expect(openRevisionToken(token, new Uint8Array(32).fill(6), now, DAY)).toBeNull();
    expect(openRevisionToken(token, secret, new Date(now.getTime() + DAY), DAY)).toEqual(keys);
    expect(openRevisionToken(token, secret, new Date(now.getTime() + DAY + 1000), DAY)).toBeNull();
    expect(openRevisionToken("", secret, now, DAY)).toBeNull();
    expect(openRevisionToken("not base64!", secret, now, DAY)).toBeNull();
    expect(openRevisionToken("AAAA", secret, now, DAY)).toBeNull();
  });

  it("differ for every nonce, so equal key lists are not linkable", () => {
    const keys = [{ keyData: new Uint8Array(16), rollingStartIntervalNumber: 1, rollingPeriod: 1 }];
    expect(sealRevisionToken(keys, now, secret, nonce)).not.toBe(
      sealRevisionToken(keys, now, secret, new Uint8Array(12).fill(8)),
    );
  });
});
