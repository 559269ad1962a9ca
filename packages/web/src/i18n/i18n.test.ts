import { describe, expect, it } from "vitest";
import en from "./en.json";
import {
  createI18n,
  DEFAULT_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  lookup,
  rememberLanguage,
  storedLanguage,
} from "./index.ts";
import vi from "./vi.json";

/** Every leaf of a translation tree as "a.b.c" -> text. */
function leaves(tree: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof tree !== "object" || tree === null || Array.isArray(tree)) {
    out.set(prefix, tree);
    return out;
  }
  for (const [key, value] of Object.entries(tree)) {
    for (const [k, v] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const viLeaves = leaves(vi);
const enLeaves = leaves(en);

describe("translations", () => {
  it("has every Vietnamese key in English and every English key in Vietnamese", () => {
    const missingInEn = [...viLeaves.keys()].filter((k) => !enLeaves.has(k));
    const missingInVi = [...enLeaves.keys()].filter((k) => !viLeaves.has(k));
    expect(missingInEn).toEqual([]);
    expect(missingInVi).toEqual([]);
    expect(viLeaves.size).toBeGreaterThan(50);
  });

  it("has only non-empty strings, with the same {{placeholders}} in both languages", () => {
    for (const [key, text] of viLeaves) {
      expect(typeof text, key).toBe("string");
      expect((text as string).trim(), key).not.toBe("");
      expect(placeholders(text as string), key).toEqual(placeholders(String(enLeaves.get(key))));
    }
  });

  it("writes Vietnamese with its diacritics (precomposed, NFC)", () => {
    const all = [...viLeaves.values()].join(" ");
    expect(all).toContain("Đăng nhập");
    expect(all).toContain("Cấp mã xác nhận");
    expect(all).toContain("Xét nghiệm khẳng định");
    expect(all).toContain("Tiếp xúc gần");
    expect(all.normalize("NFC")).toBe(all);
    // Text a translator forgot to translate would show up as identical English sentences.
    const same = [...viLeaves].filter(([k, v]) => v === enLeaves.get(k) && String(v).includes(" "));
    expect(same.map(([k]) => k)).toEqual(["lang.vi"]);
  });
});

describe("createI18n", () => {
  it("starts in the given language, switches, and interpolates", async () => {
    const i18n = createI18n("vi");
    expect(i18n.t("nav.login")).toBe("Đăng nhập cán bộ");
    expect(i18n.t("codes.expiresIn", { time: "14:59" })).toBe("Hết hạn sau 14:59");
    await i18n.changeLanguage("en");
    expect(i18n.t("nav.login")).toBe("Officials' sign-in");
    expect(i18n.t("codes.expiresIn", { time: "14:59" })).toBe("Expires in 14:59");
  });

  it("looks up keys known only at run time, undefined when absent", () => {
    const i18n = createI18n("en");
    expect(lookup(i18n, "problem.invalid-credentials.title")).toBe("Sign-in failed");
    expect(lookup(i18n, "problem.no-such-problem.title")).toBeUndefined();
    expect(lookup(i18n, "problem")).toBeUndefined();
  });
});

describe("remembered language", () => {
  const memory = () => {
    const map = new Map<string, string>();
    return {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
    };
  };

  it("defaults to Vietnamese and remembers a choice", () => {
    const storage = memory();
    expect(storedLanguage(storage)).toBe(DEFAULT_LANGUAGE);
    rememberLanguage(storage, "en");
    expect(storage.getItem(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(storedLanguage(storage)).toBe("en");
  });

  it("ignores unknown values and storages that throw", () => {
    const storage = memory();
    storage.setItem(LANGUAGE_STORAGE_KEY, "fr");
    expect(storedLanguage(storage)).toBe("vi");
    const broken = {
      getItem: (): string | null => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(storedLanguage(broken)).toBe("vi");
    expect(() => rememberLanguage(broken, "en")).not.toThrow();
    expect(storedLanguage(undefined)).toBe("vi");
  });
});
