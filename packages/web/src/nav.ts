// Page entries and the pure rules of navigation: which pages the home page links to, which tools an
// official's role opens, and a safe `next` path after sign-in. The list itself is in pages.ts.

import type { ComponentType } from "preact";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Role } from "./api/types.ts";
import type vi from "./i18n/vi.json";

/** A nav label: a key under "nav" in vi.json / en.json. */
export type NavLabelKey = `nav.${keyof typeof vi.nav}`;

export interface PageEntry {
  path: string;
  label: NavLabelKey;
  component: ComponentType;
  /** Citizen pages are public; officials' pages need a signed-in account with one of `roles`. */
  audience: "citizen" | "official";
  /** Roles allowed on an officials' page (any signed-in official when absent). */
  roles?: readonly Role[];
  /** Routed but not listed (pages reached by a link: a poster's check-in page, a venue's detail). */
  hidden?: boolean;
}

/** The path of the officials' sign-in page (not a PageEntry: the header shows it as sign-in / sign-out). */
export const LOGIN_PATH = "/login";

/** Citizen pages other than the home page (the home page links to them). */
export const citizenServices = (pages: readonly PageEntry[]): PageEntry[] =>
  pages.filter((p) => p.audience === "citizen" && p.path !== "/" && !p.hidden);

/** Officials' pages an account with `role` may open (none when signed out). */
export const officialPagesFor = (pages: readonly PageEntry[], role: Role | undefined): PageEntry[] =>
  role === undefined
    ? []
    : pages.filter(
        (p) => p.audience === "official" && !p.hidden && (p.roles === undefined || p.roles.includes(role)),
      );

/** Pages shown in the header nav for a visitor with `role` (undefined: signed out). */
export const navPages = (pages: readonly PageEntry[], role: Role | undefined): PageEntry[] => [
  ...pages.filter((p) => p.audience === "citizen" && !p.hidden),
  ...officialPagesFor(pages, role),
];

/** A `next` query parameter that is safe to navigate to: a local path, else the home page. */
export function safeNextPath(next: string | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

/** The page list the app runs with (provided by app.tsx from pages.ts). */
export const PagesContext = createContext<readonly PageEntry[]>([]);
export const usePages = (): readonly PageEntry[] => useContext(PagesContext);
