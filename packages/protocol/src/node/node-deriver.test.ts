import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equalBytes } from "../bytes.ts";
import { deriveRpik, rpisForKey } from "../gaen/derive.ts";
import { createNodeRpiDeriver, createNodeRpiEncryptor } from "./node-deriver.ts";

describe("node:crypto RPI derivation", () => {
  it("equals the portable rpisForKey for both KDF choices, counts and start intervals", () => {
    const js = createNodeRpiDeriver();
    const node = createNodeRpiDeriver({ kdf: "node" });
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 2_600_000, max: 2_600_100 }),
        fc.integer({ min: 1, max: 144 }),
        (tek, start, count) => {
          const expected = rpisForKey(deriveRpik(tek), start, count);
          expect(equalBytes(js(tek, start, count), expected)).toBe(true);
          expect(equalBytes(node(tek, start, count), expected)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("serves longer periods than its cached padded data and many distinct start intervals", () => {
    const encrypt = createNodeRpiEncryptor();
    const rpik = new Uint8Array(16).fill(3);
    for (let start = 1000; start < 1100; start++) {
      expect(equalBytes(encrypt(rpik, start, 3), rpisForKey(rpik, start, 3))).toBe(true);
    }
    expect(equalBytes(encrypt(rpik, 1000, 200), rpisForKey(rpik, 1000, 200))).toBe(true);
    expect(equalBytes(encrypt(rpik, 1000, 144), rpisForKey(rpik, 1000, 144))).toBe(true);
  });
});
