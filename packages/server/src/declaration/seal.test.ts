import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSealer, SealError } from "./seal.ts";

const random = (n: number) => new Uint8Array(randomBytes(n));
const key = random(32);
const answers = { fullName: "Nguyễn Văn An", phone: "0912345678", conditions: ["diabetes"] };

describe("sealer", () => {
  it("round-trips a value for the same row, and the bytes show nothing of it", () => {
    const sealer = createSealer({ key, random });
    const sealed = sealer.seal(answers, "row-1");
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + Buffer.byteLength(JSON.stringify(answers)) + 16);
    expect(Buffer.from(sealed).toString("latin1")).not.toContain("0912345678");
    expect(sealer.open(sealed, "row-1")).toEqual(answers);
  });

  it("uses a fresh IV each time", () => {
    const sealer = createSealer({ key, random });
    const a = sealer.seal(answers, "row-1");
    const b = sealer.seal(answers, "row-1");
    expect(Buffer.from(a.subarray(1, 13)).equals(Buffer.from(b.subarray(1, 13)))).toBe(false);
  });

  it("refuses another row's context, a tampered byte, a wrong key and a short value", () => {
    const sealer = createSealer({ key, random });
    const sealed = sealer.seal(answers, "row-1");
    expect(() => sealer.open(sealed, "row-2")).toThrow(SealError);
    for (const at of [0, 5, 20, sealed.length - 1]) {
      const tampered = Uint8Array.from(sealed);
      tampered[at] = (tampered[at] ?? 0) ^ 1;
      expect(() => sealer.open(tampered, "row-1"), `byte ${at}`).toThrow(SealError);
    }
    expect(() => createSealer({ key: random(32), random }).open(sealed, "row-1")).toThrow(SealError);
    expect(() => sealer.open(sealed.subarray(0, 20), "row-1")).toThrow(SealError);
  });

  it("still opens rows sealed with the previous key after a rotation, and seals with the new one", () => {
    const old = createSealer({ key, random });
    const sealedBefore = old.seal(answers, "row-1");
    const rotated = createSealer({ key: random(32), previous: [key], random });
    expect(rotated.open(sealedBefore, "row-1")).toEqual(answers);
    const sealedAfter = rotated.seal(answers, "row-1");
    expect(() => old.open(sealedAfter, "row-1")).toThrow(SealError);
  });

  it("needs 32-byte keys", () => {
    expect(() => createSealer({ key: random(16), random })).toThrow(/32 bytes/);
  });
});
