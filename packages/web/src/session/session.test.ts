import { describe, expect, it } from "vitest";
import type { LoginResponse } from "../api/types.ts";
import { SESSION_STORAGE_KEY, type Session, SessionStore } from "./session.ts";

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const T0 = Date.parse("2025-08-20T08:00:00Z");
const login: LoginResponse = {
  token: "tok-abcdefghijklmnop",
  tokenType: "Bearer",
  expiresAt: "2025-08-20T20:00:00Z",
  account: { username: "health", role: "health_authority", unitCode: "01" },
};

describe("SessionStore", () => {
  it("signs in, keeps the session in sessionStorage, and a new store (page reload) restores it", () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage, () => T0);
    expect(store.current).toBeNull();
    store.signIn(login);
    expect(store.token).toBe("tok-abcdefghijklmnop");
    expect(JSON.parse(storage.map.get(SESSION_STORAGE_KEY) ?? "null")).toEqual({
      token: login.token,
      expiresAt: login.expiresAt,
      account: login.account,
    });
    const reloaded = new SessionStore(storage, () => T0 + 60_000);
    expect(reloaded.current?.account.username).toBe("health");
  });

  it("drops an expired session, from memory and storage", () => {
    const storage = memoryStorage();
    let now = T0;
    const store = new SessionStore(storage, () => now);
    store.signIn(login);
    now = Date.parse(login.expiresAt);
    expect(store.current).toBeNull();
    expect(storage.map.has(SESSION_STORAGE_KEY)).toBe(false);
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ ...login, tokenType: undefined }));
    expect(new SessionStore(storage, () => now).current).toBeNull();
  });

  it("ignores malformed stored sessions", () => {
    const storage = memoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, "{not json");
    expect(new SessionStore(storage, () => T0).current).toBeNull();
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: 1, account: null }));
    expect(new SessionStore(storage, () => T0).current).toBeNull();
    expect(storage.map.has(SESSION_STORAGE_KEY)).toBe(false);
  });

  it("notifies listeners on sign-in, account update and sign-out", () => {
    const store = new SessionStore(memoryStorage(), () => T0);
    const seen: (Session | null)[] = [];
    const unsubscribe = store.subscribe((s) => seen.push(s));
    store.signIn(login);
    store.updateAccount({ ...login.account, unitCode: "79" });
    store.clear();
    store.clear();
    unsubscribe();
    store.signIn(login);
    expect(seen.map((s) => s?.account.unitCode ?? null)).toEqual(["01", "79", null]);
  });

  it("works in memory when storage is unavailable or refuses writes", () => {
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    for (const storage of [undefined, refusing]) {
      const store = new SessionStore(storage, () => T0);
      store.signIn(login);
      expect(store.token).toBe(login.token);
      store.clear();
      expect(store.token).toBeNull();
    }
  });
});
