// Translations: an i18next instance with Vietnamese (default) and English, the reader's choice remembered in
// localStorage, and typed keys (a misspelt key in t("...") is a compile error).
import { createInstance, type i18n as I18n } from "i18next";
import en from "./en.json";
import vi from "./vi.json";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "vi";
/** localStorage key holding the chosen language. */
export const LANGUAGE_STORAGE_KEY = "bluezone.lang";

/** The translation resources, Vietnamese first; en.json must have exactly the same keys (i18n.test.ts). */
export const resources = { vi: { translation: vi }, en: { translation: en } } as const;

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof vi };
  }
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);

/** The remembered language, or Vietnamese when none (or storage is unavailable, e.g. private mode). */
export function storedLanguage(storage: Pick<Storage, "getItem"> | undefined): Language {
  try {
    const value = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Remembers the language; a storage that refuses (quota, private mode) only loses the memory. */
export function rememberLanguage(storage: Pick<Storage, "setItem"> | undefined, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // not remembered; the choice still applies to this page
  }
}

/** A ready (synchronously initialised) i18next instance in `language`. */
export function createI18n(language: Language = DEFAULT_LANGUAGE): I18n {
  const instance = createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    returnNull: false,
    // Preact escapes text itself.
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** Looks up a key that is only known at run time (e.g. a problem type); undefined when it has no text. */
export function lookup(i18n: I18n, key: string): string | undefined {
  const text = [i18n.language, DEFAULT_LANGUAGE]
    .map((language) => i18n.getResource(language, "translation", key) as unknown)
    .find((value) => value !== undefined);
  return typeof text === "string" ? (i18n.t as unknown as (k: string) => string)(key) : undefined;
}

export type { I18n };
