// The header's language switch: two buttons (Tiếng Việt / English), the current one pressed.
import { switchLanguage, useI18n } from "../i18n/context.ts";
import { LANGUAGES } from "../i18n/index.ts";

export function LanguageToggle() {
  const { t, language, i18n } = useI18n();
  return (
    <fieldset class="lang-toggle">
      <legend class="visually-hidden">{t("lang.label")}</legend>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={language === code}
          data-lang={code}
          onClick={() => void switchLanguage(i18n, code)}
        >
          {t(`lang.${code}`)}
        </button>
      ))}
    </fieldset>
  );
}
