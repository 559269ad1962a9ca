// Shown for any path no page claims.
import { useI18n } from "../i18n/context.ts";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section class="page narrow">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <a class="button" href="/">
        {t("notFound.home")}
      </a>
    </section>
  );
}
