import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery", 10);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts every hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password", 10), hashPassword("same password", 10)]);
    expect(a).not.toBe(b);
  });

  it("treats Unicode-equivalent passwords as equal (NFC)", async () => {
    const composed = "mật khẩu".normalize("NFC");
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const hash = await hashPassword(composed, 10);
    expect(await verifyPassword(decomposed, hash)).toBe(true);
  });

  it("rejects malformed or unreasonable stored hashes without throwing", async () => {
    for (const stored of [
      "",
      "bcrypt$x",
      "scrypt$10$8$1$salt",
      "scrypt$99$8$1$c2FsdA$aGFzaA",
      "scrypt$10$8$1$c2FsdA$short",
    ]) {
      expect(await verifyPassword("x", stored), stored).toBe(false);
    }
  });
});
