// The install page's outreach source on the web side: the server's own parser (outreach/source.ts, through
// @bluezone/server/api) and where the page keeps the source for the app's install registration.
import { parseOutreachSource } from "@bluezone/server/api";

/** localStorage key the web app (and its install registration, `source` of POST /v1/installs) reads. */
export const INSTALL_SOURCE_KEY = "bluezone.installSource";

/** The normalized source of a `src` query value, or null when it is not an allowed form. */
export function parseSource(raw: string | null | undefined): string | null {
  return parseOutreachSource(raw)?.source ?? null;
}

/** Keeps the source (first touch wins for a day's visits: a later page without src does not erase it). */
export function rememberSource(
  storage: Pick<Storage, "getItem" | "setItem"> | undefined,
  source: string | null,
): void {
  if (!storage || !source) return;
  try {
    storage.setItem(INSTALL_SOURCE_KEY, source);
  } catch {
    // Private mode or storage full: attribution is best effort.
  }
}

/** The remembered source for the install registration, or undefined. */
export function rememberedSource(storage: Pick<Storage, "getItem"> | undefined): string | undefined {
  try {
    return parseSource(storage?.getItem(INSTALL_SOURCE_KEY)) ?? undefined;
  } catch {
    return undefined;
  }
}

export interface Attribution {
  unitCode: string;
  total: number;
  measures: { measure: string; installs: number }[];
  places: { measure: string; place: string; source: string; installs: number }[];
}
