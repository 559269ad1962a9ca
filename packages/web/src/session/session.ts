// The official's login session on this tab: token and account kept in memory and in sessionStorage (so a
// reload keeps you signed in, closing the tab ends it), dropped when expired; listeners hear every change.
import type { AccountView, LoginResponse } from "../api/types.ts";

export const SESSION_STORAGE_KEY = "bluezone.session";

export interface Session {
  token: string;
  /** ISO 8601 date-time. */
  expiresAt: string;
  account: AccountView;
}

type SessionStorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function isSession(value: unknown): value is Session {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Partial<Session>;
  return (
    typeof s.token === "string" &&
    typeof s.expiresAt === "string" &&
    typeof s.account === "object" &&
    s.account !== null &&
    typeof s.account.username === "string" &&
    typeof s.account.role === "string"
  );
}

export class SessionStore {
  readonly #storage: SessionStorageLike | undefined;
  readonly #now: () => number;
  readonly #listeners = new Set<(session: Session | null) => void>();
  #session: Session | null;

  constructor(storage: SessionStorageLike | undefined, now: () => number = Date.now) {
    this.#storage = storage;
    this.#now = now;
    this.#session = this.#read();
  }

  /** The session, or null when signed out or expired. */
  get current(): Session | null {
    if (this.#session && Date.parse(this.#session.expiresAt) <= this.#now()) this.clear();
    return this.#session;
  }

  get token(): string | null {
    return this.current?.token ?? null;
  }

  /** Starts a session from a login response. */
  signIn(login: LoginResponse): void {
    this.#set({ token: login.token, expiresAt: login.expiresAt, account: login.account });
  }

  /** Replaces the account (e.g. from GET /v1/auth/me) and keeps the token. */
  updateAccount(account: AccountView): void {
    if (this.#session) this.#set({ ...this.#session, account });
  }

  clear(): void {
    if (this.#session === null) return;
    this.#session = null;
    try {
      this.#storage?.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // storage unavailable: memory is cleared anyway
    }
    this.#emit();
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (session: Session | null) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(session: Session): void {
    this.#session = session;
    try {
      this.#storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    } catch {
      // storage unavailable (private mode, quota): the session lives in memory only
    }
    this.#emit();
  }

  #read(): Session | null {
    try {
      const raw = this.#storage?.getItem(SESSION_STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      if (isSession(parsed) && Date.parse(parsed.expiresAt) > this.#now()) return parsed;
      if (raw) this.#storage?.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // unreadable: treat as signed out
    }
    return null;
  }

  #emit(): void {
    for (const listener of this.#listeners) listener(this.#session);
  }
}
