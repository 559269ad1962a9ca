// Officials' sign-in: POST /v1/auth/login, the session kept in memory and sessionStorage, then on to the
// page that asked for it (?next=) or the account's first tool. Signed in, it lists the account's tools.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useI18n } from "../i18n/context.ts";
import { officialPagesFor, safeNextPath, usePages } from "../nav.ts";
import { useServices, useSession } from "../services.ts";

export function LoginPage() {
  const { t } = useI18n();
  const { api, session: sessions } = useServices();
  const session = useSession();
  const pages = usePages();
  const { query, route } = useLocation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (session) {
    const tools = officialPagesFor(pages, session.account.role);
    return (
      <section class="page narrow">
        <h1>{t("login.title")}</h1>
        <p>
          {t("login.signedIn", {
            username: session.account.username,
            role: t(`role.${session.account.role}`),
          })}
        </p>
        {tools.length > 0 ? (
          <>
            <p>{t("login.yourPages")}</p>
            <ul class="link-list">
              {tools.map((page) => (
                <li key={page.path}>
                  <a href={page.path}>{t(page.label)}</a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("login.noPages")}</p>
        )}
      </section>
    );
  }

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const login = await api.login({ username: username.trim(), password });
      setPassword("");
      sessions.signIn(login);
      // On to the page that asked for sign-in, else the first tool; without tools, this page lists none.
      const next = query.next
        ? safeNextPath(query.next)
        : officialPagesFor(pages, login.account.role)[0]?.path;
      if (next) route(next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page narrow">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      {error ? <ProblemAlert error={error} /> : null}
      <form class="form" onSubmit={onSubmit} aria-busy={busy}>
        <div class="field">
          <label for="login-username">{t("login.username")}</label>
          <input
            id="login-username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            maxLength={64}
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="login-password">{t("login.password")}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={256}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <button class="button" type="submit" disabled={busy}>
          {busy ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
    </section>
  );
}
