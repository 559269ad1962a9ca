// Preact glue for translations: the i18n instance in context, useI18n() (re-renders on a language change)
// and switchLanguage (changes, remembers and marks <html lang>).
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { type I18n, isLanguage, type Language, rememberLanguage } from "./index.ts";

export const I18nContext = createContext<I18n | null>(null);

/** The translation function and current language; the component re-renders when the language changes. */
export function useI18n(): { t: I18n["t"]; language: Language; i18n: I18n } {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n() outside <I18nContext.Provider>");
  const [, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const onChange = (language: string) => setLanguage(language);
    i18n.on("languageChanged", onChange);
    return () => i18n.off("languageChanged", onChange);
  }, [i18n]);
  const language = isLanguage(i18n.language) ? i18n.language : "vi";
  return { t: i18n.t, language, i18n };
}

/** Switches the UI language, remembers it in localStorage and sets <html lang> for screen readers. */
export async function switchLanguage(i18n: I18n, language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  rememberLanguage(globalThis.localStorage, language);
  if (typeof document !== "undefined") document.documentElement.lang = language;
}
