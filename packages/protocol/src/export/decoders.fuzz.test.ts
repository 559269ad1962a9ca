import fc from "fast-check";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { concatBytes, utf8 } from "../bytes.ts";
import { DecodeError } from "../errors.ts";
import { decodeExportBin } from "./export-bin.ts";
import { APP_RAW_BIN, CPP_BIN, ENS_ZIP, INTERNALS_ZIP, vectorBytes } from "./gaen-fixtures.testutil.ts";
import { decodeSignatureList } from "./signature-list.ts";
import { readExportZip, writeExportZip } from "./zip.ts";

const RUNS = 10_000;

/** Random garbage, truncations, byte flips, insertions and deletions of real fixtures. */
function corrupted(seeds: Uint8Array[], prefix?: Uint8Array): fc.Arbitrary<Uint8Array> {
  const seed = fc.constantFrom(...seeds);
  const arbs: fc.Arbitrary<Uint8Array>[] = [
    fc.uint8Array({ maxLength: 2048 }),
    seed.chain((s) => fc.nat({ max: s.length }).map((n) => s.subarray(0, n))),
    seed.chain((s) =>
      fc
        .array(fc.tuple(fc.nat({ max: s.length - 1 }), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        })
        .map((flips) => {
          const c = s.slice();
          for (const [p, x] of flips) c[p]! ^= x;
          return c;
        }),
    ),
    seed.chain((s) =>
      fc
        .tuple(fc.nat({ max: s.length }), fc.uint8Array({ minLength: 1, maxLength: 64 }))
        .map(([p, ins]) => concatBytes(s.subarray(0, p), ins, s.subarray(p))),
    ),
    seed.chain((s) =>
      fc
        .tuple(fc.nat({ max: s.length }), fc.integer({ min: 1, max: 64 }))
        .map(([p, n]) => concatBytes(s.subarray(0, p), s.subarray(p + n))),
    ),
  ];
  if (prefix) arbs.push(fc.uint8Array({ maxLength: 2048 }).map((b) => concatBytes(prefix, b)));
  return fc.oneof(...arbs);
}

function onlyDecodeErrors(decode: (b: Uint8Array) => unknown): (input: Uint8Array) => void {
  return (input) => {
    try {
      decode(input);
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
    }
  };
}

const ens = readExportZip(vectorBytes(ENS_ZIP));
const internals = readExportZip(vectorBytes(INTERNALS_ZIP));

describe("decoders throw DecodeError and nothing else on hostile input", () => {
  it(`decodeExportBin: ${RUNS} cases`, () => {
    const seeds = [vectorBytes(APP_RAW_BIN), vectorBytes(CPP_BIN), ens.exportBin, internals.exportBin];
    let accepted = 0;
    fc.assert(
      fc.property(corrupted(seeds, utf8("EK Export v1    ")), (input) => {
        onlyDecodeErrors((b) => {
          decodeExportBin(b);
          accepted++;
        })(input);
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(0); // some mutations (e.g. in key bytes) are still valid files
    expect(accepted).toBeLessThan(RUNS);
  });

  it(`decodeSignatureList: ${RUNS} cases`, () => {
    fc.assert(
      fc.property(corrupted([ens.exportSig, internals.exportSig]), onlyDecodeErrors(decodeSignatureList)),
      {
        numRuns: RUNS,
      },
    );
  });

  it(`readExportZip: ${RUNS} cases`, () => {
    const stored = zipSync({ "export.bin": ens.exportBin, "export.sig": ens.exportSig }, { level: 0 });
    const seeds = [vectorBytes(ENS_ZIP), vectorBytes(INTERNALS_ZIP), writeExportZip(internals), stored];
    fc.assert(fc.property(corrupted(seeds), onlyDecodeErrors(readExportZip)), { numRuns: RUNS });
  });
});
