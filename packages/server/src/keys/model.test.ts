import { describe, expect, it } from "vitest";
import { decodeSecret, isPublished, jwtKeyId, nextKeyVersion, pemSetting } from "./model.ts";

describe("signing key rules", () => {
  it("numbers versions v1, v2, ... after the highest vN, ignoring other labels", () => {
    expect(nextKeyVersion([])).toBe("v1");
    expect(nextKeyVersion(["v1", "v3", "v2"])).toBe("v4");
    expect(nextKeyVersion(["2024-01", "v9", "vx"])).toBe("v10");
  });

  it("names a key in JWTs by family and version", () => {
    expect(jwtKeyId({ kid: "bluezone-certificate", version: "v2" })).toBe("bluezone-certificate.v2");
  });

  it("publishes the active key always and a retired key only until not_after", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(isPublished({ active: true, notAfter: null }, now)).toBe(true);
    expect(isPublished({ active: false, notAfter: new Date("2026-01-01T00:00:01Z") }, now)).toBe(true);
    expect(isPublished({ active: false, notAfter: now }, now)).toBe(false);
    expect(isPublished({ active: false, notAfter: null }, now)).toBe(false);
  });

  it("reads PEM text with escaped newlines, or a file path", () => {
    expect(pemSetting("-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----")).toEqual({
      kind: "pem",
      text: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    });
    expect(pemSetting(" /etc/bluezone/cert.pem ")).toEqual({ kind: "file", path: "/etc/bluezone/cert.pem" });
  });

  it("decodes base64 secrets of a minimum length in either alphabet", () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 250 - i);
    expect(decodeSecret(Buffer.from(bytes).toString("base64"), 32)).toEqual(bytes);
    expect(decodeSecret(Buffer.from(bytes).toString("base64url"), 32)).toEqual(bytes);
    expect(decodeSecret(Buffer.from(bytes.slice(0, 31)).toString("base64"), 32)).toBeNull();
    expect(decodeSecret("not base64 at all!", 1)).toBeNull();
  });
});
