// Guards an officials' page: signed-out visitors get a sign-in link (back to this page after), officials
// without one of the page's roles get a "not allowed" message.
import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import type { Role } from "../api/types.ts";
import { useI18n } from "../i18n/context.ts";
import type { NavLabelKey } from "../nav.ts";
import { useSession } from "../services.ts";

export function RequireRole({
  roles,
  title,
  children,
}: {
  roles: readonly Role[] | undefined;
  /** The page's nav label, shown as the heading of the prompts. */
  title: NavLabelKey;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const session = useSession();
  const { url } = useLocation();
  if (!session) {
    return (
      <section class="page narrow">
        <h1>{t(title)}</h1>
        <p class="alert alert-info" role="status">
          {t("auth.required")}
        </p>
        <a class="button" href={`/login?next=${encodeURIComponent(url)}`}>
          {t("nav.login")}
        </a>
      </section>
    );
  }
  if (roles && !roles.includes(session.account.role)) {
    return (
      <section class="page narrow">
        <h1>{t(title)}</h1>
        <p class="alert alert-error" role="alert">
          {t("auth.forbidden")}
        </p>
      </section>
    );
  }
  return <>{children}</>;
}
