// "Cài đặt Bluezone" (/cai-dat): store links, the QR code of this page, three steps and the privacy promise.
// The `src` query (wifi-<place>, bus-<station>, poster-<id>, ...) is kept for the app's install registration,
// and the visit is counted anonymously per source (POST /v1/outreach/landing-visits).
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useI18n } from "../i18n/context.ts";
import { parseSource, rememberSource } from "../outreach/source.ts";
import { useServices } from "../services.ts";
import "../materials/materials.css";

interface LandingInfo {
  source: { source: string; measure: string; place: string } | null;
  iosUrl: string;
  androidUrl: string;
  pageUrl: string;
}

export function InstallPage() {
  const { t } = useI18n();
  const { client } = useServices();
  const { query } = useLocation();
  const source = parseSource(query.src);
  const [info, setInfo] = useState<LandingInfo | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    rememberSource(globalThis.localStorage, source);
    const params = source ? `?src=${encodeURIComponent(source)}` : "";
    client.get<LandingInfo>(`/v1/outreach/landing${params}`).then(setInfo, setError);
    // Counting is best effort: a refused or failed count never disturbs the page.
    client.post<void>("/v1/outreach/landing-visits", source ? { src: source } : {}).catch(() => undefined);
  }, [source]);

  const steps = [t("install.step1"), t("install.step2"), t("install.step3")];
  const qrSrc = `/v1/outreach/landing/qr.svg${source ? `?src=${encodeURIComponent(source)}` : ""}`;
  return (
    <div class="page install">
      <h1>{t("install.title")}</h1>
      <p class="lead">{t("install.intro")}</p>
      {error ? <ProblemAlert error={error} /> : null}
      {info ? (
        <div class="install-stores">
          <a class="store-link android" href={info.androidUrl} data-testid="store-android">
            {t("install.android")}
          </a>
          <a class="store-link ios" href={info.iosUrl} data-testid="store-ios">
            {t("install.ios")}
          </a>
        </div>
      ) : (
        !error && <p role="status">{t("app.loading")}</p>
      )}
      <section aria-labelledby="install-steps">
        <h2 id="install-steps">{t("install.stepsTitle")}</h2>
        <ol>
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </section>
      <p class="privacy-promise">
        <strong>{t("install.privacyTitle")}</strong> {t("install.privacy")}
      </p>
      <figure class="install-qr">
        <img src={qrSrc} alt={t("install.qrAlt")} width={200} height={200} data-testid="install-qr" />
        <figcaption class="hint">{t("install.qrHint")}</figcaption>
      </figure>
    </div>
  );
}
