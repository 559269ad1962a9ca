import { describe, expect, it } from "vitest";
import { INSTALL_SOURCE_KEY, parseSource, rememberedSource, rememberSource } from "./source.ts";

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe("install source (the server's outreach/source.ts parser)", () => {
  it("accepts the same forms", () => {
    expect(parseSource("WIFI-hanoi-station ")).toBe("wifi-hanoi-station");
    expect(parseSource("zalo-dot1")).toBe("zalo-dot1");
    // The links outreach campaigns and arrival messages carry.
    expect(parseSource("email-12")).toBe("email-12");
    expect(parseSource("arrival-01")).toBe("arrival-01");
    for (const bad of ["", "wifi-", "tv-x", "wifi-hà-nội", "sms-<b>", `sms-${"a".repeat(57)}`, null]) {
      expect(parseSource(bad), String(bad)).toBeNull();
    }
  });

  it("remembers a valid source for the install registration and ignores a missing one", () => {
    const storage = memoryStorage();
    rememberSource(storage, "bus-giap-bat");
    rememberSource(storage, null);
    expect(storage.getItem(INSTALL_SOURCE_KEY)).toBe("bus-giap-bat");
    expect(rememberedSource(storage)).toBe("bus-giap-bat");
    expect(rememberedSource(undefined)).toBeUndefined();
  });
});
