// The app's services in one Preact context (API client, session, translations), created once in main.tsx
// and replaceable in tests; useServices() and useSession() read them.
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { ApiClient, type FetchLike } from "./api/client.ts";
import { type BluezoneApi, bluezoneApi } from "./api/endpoints.ts";
import type { I18n } from "./i18n/index.ts";
import { type Session, SessionStore } from "./session/session.ts";

export interface Services {
  api: BluezoneApi;
  /** The client under `api`, for feature modules with their own typed calls (e.g. declaration/api.ts). */
  client: ApiClient;
  session: SessionStore;
  i18n: I18n;
}

export const ServicesContext = createContext<Services | null>(null);

/** Wires the API client to the session: Bearer token from it, and a 401 on an authenticated call ends it. */
export function createServices(options: {
  i18n: I18n;
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem"> | undefined;
  baseUrl?: string;
  fetch?: FetchLike;
}): Services {
  const session = new SessionStore(options.storage);
  const client = new ApiClient({
    ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    token: () => session.token,
    onUnauthorized: () => session.clear(),
  });
  return { api: bluezoneApi(client), client, session, i18n: options.i18n };
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices() outside <ServicesContext.Provider>");
  return services;
}

/** The current session (null when signed out); re-renders on sign-in, sign-out and expiry. */
export function useSession(): Session | null {
  const { session } = useServices();
  const [current, setCurrent] = useState(session.current);
  useEffect(() => {
    setCurrent(session.current);
    return session.subscribe(setCurrent);
  }, [session]);
  return current;
}
