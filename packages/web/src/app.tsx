// The app shell: services in context, the header ("Bluezone", language toggle, nav with sign-in/out), the
// router over PAGES (officials' pages behind RequireRole), the footer; focus moves to <main> on navigation.
import type { ComponentType } from "preact";
import { useEffect, useMemo, useRef } from "preact/hooks";
import { LocationProvider, Route, Router, useLocation } from "preact-iso";
import { LanguageToggle } from "./components/language-toggle.tsx";
import { RequireRole } from "./components/require-role.tsx";
import { I18nContext, useI18n } from "./i18n/context.ts";
import { LOGIN_PATH, navPages, type PageEntry, PagesContext, usePages } from "./nav.ts";
import { LoginPage } from "./pages/login.tsx";
import { NotFoundPage } from "./pages/not-found.tsx";
import { PAGES } from "./pages.ts";
import { type Services, ServicesContext, useServices, useSession } from "./services.ts";

/** Paths the server answers itself (API, docs, blobs): links to them are not routed inside the app. */
const APP_SCOPE = /^\/(?!v1\/|docs|blobs\/|metrics|healthz)/;

function guarded(page: PageEntry): ComponentType {
  if (page.audience !== "official") return page.component;
  const Page = page.component;
  return () => (
    <RequireRole roles={page.roles} title={page.label}>
      <Page />
    </RequireRole>
  );
}

function Header() {
  const { t } = useI18n();
  const { api, session: sessions } = useServices();
  const session = useSession();
  const pages = usePages();
  const { path, route } = useLocation();
  const signOut = async () => {
    await api.logout().catch(() => undefined);
    sessions.clear();
    route("/");
  };
  return (
    <header class="site-header">
      <div class="header-bar">
        <a class="brand" href="/">
          <img src="/icon.svg" alt="" width="32" height="32" />
          <span>{t("app.name")}</span>
        </a>
        <LanguageToggle />
      </div>
      <nav aria-label={t("nav.label")} class="site-nav">
        <ul>
          {navPages(pages, session?.account.role).map((page) => (
            <li key={page.path}>
              <a href={page.path} aria-current={path === page.path ? "page" : undefined}>
                {t(page.label)}
              </a>
            </li>
          ))}
          <li class="nav-account">
            {session ? (
              <>
                <span class="nav-user">{t("nav.signedInAs", { username: session.account.username })}</span>
                <button type="button" class="link-button" onClick={signOut}>
                  {t("nav.logout")}
                </button>
              </>
            ) : (
              <a href={LOGIN_PATH} aria-current={path === LOGIN_PATH ? "page" : undefined}>
                {t("nav.login")}
              </a>
            )}
          </li>
        </ul>
      </nav>
    </header>
  );
}

/** Keeps document.title on the current page's label. */
function useDocumentTitle() {
  const { t, language } = useI18n();
  const pages = usePages();
  const { path } = useLocation();
  useEffect(() => {
    const page = pages.find((p) => p.path === path);
    const label = page ? t(page.label) : path === LOGIN_PATH ? t("nav.login") : undefined;
    document.title = label && page?.path !== "/" ? `${label} – ${t("app.name")}` : t("app.name");
  }, [pages, path, t, language]);
}

function Shell() {
  const { t } = useI18n();
  const { api, session } = useServices();
  const pages = usePages();
  const main = useRef<HTMLElement>(null);
  const navigated = useRef(false);
  const routes = useMemo(() => pages.map((page) => ({ path: page.path, component: guarded(page) })), [pages]);
  useDocumentTitle();
  useEffect(() => {
    // A session restored from sessionStorage: refresh the account (a 401 ends the session).
    if (session.current)
      api.me().then(
        (account) => session.updateAccount(account),
        () => undefined,
      );
  }, [api, session]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        <Router
          onRouteChange={() => {
            // Not on the first page load: only after a navigation, so screen readers start at the new page.
            if (navigated.current) main.current?.focus();
            navigated.current = true;
          }}
        >
          {[
            ...routes.map((r) => <Route key={r.path} path={r.path} component={r.component} />),
            <Route key="login" path={LOGIN_PATH} component={LoginPage} />,
            <Route key="not-found" default component={NotFoundPage} />,
          ]}
        </Router>
      </main>
      <footer class="site-footer">
        <p>{t("footer.text")}</p>
        <p>
          <a href="/docs">{t("footer.api")}</a>
        </p>
      </footer>
    </>
  );
}

export function App({ services, pages = PAGES }: { services: Services; pages?: readonly PageEntry[] }) {
  return (
    <ServicesContext.Provider value={services}>
      <I18nContext.Provider value={services.i18n}>
        <PagesContext.Provider value={pages}>
          <LocationProvider scope={APP_SCOPE}>
            <Shell />
          </LocationProvider>
        </PagesContext.Provider>
      </I18nContext.Provider>
    </ServicesContext.Provider>
  );
}
