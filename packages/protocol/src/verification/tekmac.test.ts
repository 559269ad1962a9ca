import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, bytesToBase64Url, bytesToHex } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import {
  computeAllowedTekMacs,
  computeTekMac,
  computeTekMacBase64,
  type TekMacKey,
  tekMacCleartext,
  verifyTekMac,
} from "./tekmac.ts";

const secret = Uint8Array.from({ length: 32 }, (_, i) => i);

/** The two keys of google/exposure-notifications-server examples/export/keys.json, in reverse order. */
const exampleKeys: TekMacKey[] = [
  {
    keyData: base64ToBytes("K2MFOsSDI43hdhaehh89zQ=="),
    rollingStartIntervalNumber: 2649866,
    rollingPeriod: 114,
    transmissionRiskLevel: 1,
  },
  {
    keyData: base64ToBytes("Fy/EgOWYSQw0F3YEM5sVQw=="),
    rollingStartIntervalNumber: 2649980,
    rollingPeriod: 1,
    transmissionRiskLevel: 8,
  },
];

/** A key whose standard base64 starts with the given first byte, all other bytes zero. */
const keyStarting = (b0: number): TekMacKey => {
  const keyData = new Uint8Array(16);
  keyData[0] = b0;
  return { keyData, rollingStartIntervalNumber: 2700000, rollingPeriod: 144 };
};

const keyArb: fc.Arbitrary<TekMacKey> = fc.record(
  {
    keyData: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    rollingStartIntervalNumber: fc.integer({ min: 0, max: 0x7fffffff }),
    rollingPeriod: fc.integer({ min: 1, max: 144 }),
    transmissionRiskLevel: fc.integer({ min: 0, max: 8 }),
  },
  { noNullPrototype: true },
);

describe("tekmac (verification-server CalculateExposureKeyHMAC)", () => {
  it("builds the canonical cleartext: base64.start.period.risk, sorted by key, joined by commas", () => {
    expect(tekMacCleartext(exampleKeys)).toBe(
      "Fy/EgOWYSQw0F3YEM5sVQw==.2649980.1.8,K2MFOsSDI43hdhaehh89zQ==.2649866.114.1",
    );
    expect(tekMacCleartext(exampleKeys, false)).toBe(
      "Fy/EgOWYSQw0F3YEM5sVQw==.2649980.1,K2MFOsSDI43hdhaehh89zQ==.2649866.114",
    );
  });

  it("sorts by the base64 text in byte order ('+' < '/' < digits < upper < lower), missing risk = 0", () => {
    // First bytes 0x68, 0x00, 0xd0, 0xfc, 0xf8 give base64 first chars a, A, 0, /, +.
    const keys = [0x68, 0x00, 0xd0, 0xfc, 0xf8].map(keyStarting);
    const rest = "AAAAAAAAAAAAAAAAAAAAA==.2700000.144.0";
    expect(tekMacCleartext(keys)).toBe(["+", "/", "0", "A", "a"].map((c) => c + rest).join(","));
  });

  it("matches HMAC-SHA256 values computed by hand with openssl", () => {
    // printf '%s' "<cleartext above>" | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f
    expect(bytesToHex(computeTekMac(exampleKeys, secret))).toBe(
      "416f936d626f7a5d89c42e65e5fae8e87ccea8c602abcc37d9f68dc66f7eec1e",
    );
    expect(bytesToHex(computeTekMac([0x68, 0x00, 0xd0, 0xfc, 0xf8].map(keyStarting), secret))).toBe(
      "bee241869fcad3467bc42d95f44bf2179df6467c9d1ff3d86aa6d00980269580",
    );
    expect(computeTekMacBase64(exampleKeys, secret)).toBe("QW+TbWJvel2JxC5l5fro6HzOqMYCq8w32faNxm9+7B4=");
  });

  it("agrees with node:crypto HMAC over the cleartext (property)", () => {
    fc.assert(
      fc.property(
        fc.array(keyArb, { minLength: 1, maxLength: 14 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        (keys, key) => {
          const expected = createHmac("sha256", key).update(tekMacCleartext(keys)).digest("hex");
          expect(bytesToHex(computeTekMac(keys, key))).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of the keys (property)", () => {
    fc.assert(
      fc.property(
        fc
          .array(keyArb, { minLength: 1, maxLength: 14 })
          .chain((keys) =>
            fc.tuple(
              fc.constant(keys),
              fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }),
            ),
          ),
        ([keys, shuffled]) => {
          expect(computeTekMac(shuffled, secret)).toEqual(computeTekMac(keys, secret));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("changes when any field of any key changes (property)", () => {
    fc.assert(
      fc.property(
        fc.array(keyArb, { minLength: 1, maxLength: 14 }),
        fc.nat(),
        fc.constantFrom("keyData", "rollingStartIntervalNumber", "rollingPeriod", "transmissionRiskLevel"),
        (keys, which, field) => {
          const i = which % keys.length;
          const k = keys[i]!;
          const changed: TekMacKey =
            field === "keyData"
              ? { ...k, keyData: k.keyData.map((b, j) => (j === 0 ? b ^ 1 : b)) }
              : { ...k, [field]: (k[field] ?? 0) + 1 };
          const other = keys.map((x, j) => (j === i ? changed : x));
          expect(verifyTekMac(other, secret, computeTekMac(keys, secret))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accepts the alternative MAC without risk only when every risk is 0, like the key server", () => {
    const zeroRisk = exampleKeys.map((k) => ({ ...k, transmissionRiskLevel: 0 }));
    const [main, alt] = computeAllowedTekMacs(zeroRisk, secret);
    expect(alt).toBeDefined();
    expect(bytesToHex(alt!)).toBe(
      createHmac("sha256", secret).update(tekMacCleartext(zeroRisk, false)).digest("hex"),
    );
    expect(verifyTekMac(zeroRisk, secret, main!)).toBe(true);
    expect(verifyTekMac(zeroRisk, secret, bytesToBase64Url(alt!))).toBe(true);
    expect(computeAllowedTekMacs(exampleKeys, secret)).toHaveLength(1);
    const altOfRisky = computeTekMac(
      exampleKeys.map((k) => ({ ...k, transmissionRiskLevel: 0 })),
      secret,
    );
    expect(verifyTekMac(exampleKeys, secret, altOfRisky)).toBe(false);
  });

  it("verifies base64 in either alphabet and rejects garbage or another secret", () => {
    const mac = computeTekMac(exampleKeys, secret);
    expect(verifyTekMac(exampleKeys, secret, bytesToBase64(mac))).toBe(true);
    expect(verifyTekMac(exampleKeys, secret, bytesToBase64Url(mac))).toBe(true);
    expect(verifyTekMac(exampleKeys, secret, "not base64!")).toBe(false);
    expect(
      verifyTekMac(
        exampleKeys,
        secret.map((b) => b ^ 1),
        mac,
      ),
    ).toBe(false);
  });

  it("refuses an empty key list or an empty secret", () => {
    expect(() => computeTekMac([], secret)).toThrow(ProtocolError);
    expect(() => computeTekMac(exampleKeys, new Uint8Array(0))).toThrow(/HMAC key/);
    expect(() => tekMacCleartext([{ ...exampleKeys[0]!, rollingPeriod: 1.5 }])).toThrow(/non-integer/);
  });
});
