// Citizen landing page: what Bluezone is, links to the citizen services that exist, how it works, the
// privacy promises, and the way in for officials.
import { useI18n } from "../i18n/context.ts";
import { citizenServices, LOGIN_PATH, officialPagesFor, usePages } from "../nav.ts";
import { useSession } from "../services.ts";

function StepIcon({ kind }: { kind: "bluetooth" | "qr" | "bell" }) {
  const paths = {
    bluetooth: "M7 7l10 10-5 5V2l5 5L7 17",
    qr: "M3 3h7v7H3zM14 3h7v7h-7zM3 14h7v7H3zM14 14h3v3h-3zM18 18h3v3h-3zM14 19h2M19 14h2",
    bell: "M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 21h4",
  };
  return (
    <svg class="step-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false">
      <path d={paths[kind]} fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
    </svg>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const pages = usePages();
  const session = useSession();
  const services = citizenServices(pages);
  const tools = officialPagesFor(pages, session?.account.role);
  const steps = [
    { icon: "bluetooth", title: t("home.how1Title"), text: t("home.how1Text") },
    { icon: "qr", title: t("home.how2Title"), text: t("home.how2Text") },
    { icon: "bell", title: t("home.how3Title"), text: t("home.how3Text") },
  ] as const;

  return (
    <div class="page">
      <section class="hero">
        <h1>{t("home.title")}</h1>
        <p class="tagline">{t("app.tagline")}</p>
        <p class="lead">{t("home.intro")}</p>
      </section>

      {services.length > 0 ? (
        <section aria-labelledby="services-title">
          <h2 id="services-title">{t("home.servicesTitle")}</h2>
          <ul class="cards">
            {services.map((page) => (
              <li key={page.path}>
                <a class="card" href={page.path}>
                  {t(page.label)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="how-title">
        <h2 id="how-title">{t("home.howTitle")}</h2>
        <ol class="steps">
          {steps.map((step) => (
            <li key={step.icon} class="step">
              <StepIcon kind={step.icon} />
              <h3>{step.title}</h3>
              <p>{step.text}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="privacy-title" class="privacy">
        <h2 id="privacy-title">{t("home.privacyTitle")}</h2>
        <ul>
          <li>{t("home.privacy1")}</li>
          <li>{t("home.privacy2")}</li>
          <li>{t("home.privacy3")}</li>
        </ul>
      </section>

      <section aria-labelledby="officials-title" class="officials">
        <h2 id="officials-title">{t("home.officialsTitle")}</h2>
        <p>{t("home.officialsText")}</p>
        {tools.length > 0 ? (
          <ul class="link-list">
            {tools.map((page) => (
              <li key={page.path}>
                <a href={page.path}>{t(page.label)}</a>
              </li>
            ))}
          </ul>
        ) : (
          <a class="button secondary" href={LOGIN_PATH}>
            {t("nav.login")}
          </a>
        )}
      </section>
    </div>
  );
}
