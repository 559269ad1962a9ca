// The declarant key on this device: created by the server with the first declaration, kept in localStorage
// (so the history survives closing the browser), sent as Bearer to read, follow up and delete declarations.

/** localStorage key holding the declarant key. */
export const DECLARANT_KEY_STORAGE_KEY = "bluezone.declarantKey";

type KeyStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Reads and writes the declarant key; a storage that refuses (private mode, quota) only loses the memory. */
export class DeclarantKeyStore {
  readonly #storage: KeyStorage | undefined;
  #memory: string | null = null;

  constructor(storage: KeyStorage | undefined) {
    this.#storage = storage;
  }

  get(): string | null {
    try {
      const stored = this.#storage?.getItem(DECLARANT_KEY_STORAGE_KEY);
      if (stored && /^[A-Za-z0-9_-]{43}$/.test(stored)) return stored;
    } catch {
      // fall back to memory
    }
    return this.#memory;
  }

  set(key: string): void {
    this.#memory = key;
    try {
      this.#storage?.setItem(DECLARANT_KEY_STORAGE_KEY, key);
    } catch {
      // kept in memory for this page only
    }
  }

  clear(): void {
    this.#memory = null;
    try {
      this.#storage?.removeItem(DECLARANT_KEY_STORAGE_KEY);
    } catch {
      // nothing stored
    }
  }
}

/** The device's store (window.localStorage, or memory only where the browser refuses it). */
export function deviceKeyStore(): DeclarantKeyStore {
  let storage: KeyStorage | undefined;
  try {
    storage = globalThis.localStorage;
  } catch {
    storage = undefined;
  }
  return new DeclarantKeyStore(storage);
}
