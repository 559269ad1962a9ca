/**
 * IndexedDbStore: the Store port for browsers (and the PWA), written against the standard IndexedDB API.
 * One object store of out-of-line string keys; list(prefix) is a key-range scan. Minimal structural IDB
 * types are declared here because the project compiles without the DOM lib.
 */
import type { Store } from "../adapters.ts";

/* Minimal structural slice of the IndexedDB API that this module uses. */
interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: ((ev: unknown) => void) | null;
  onblocked?: ((ev: unknown) => void) | null;
}
interface IdbObjectStore {
  get(key: string): IdbRequest<unknown>;
  put(value: unknown, key: string): IdbRequest<unknown>;
  delete(key: string): IdbRequest<unknown>;
  getAllKeys(range?: unknown): IdbRequest<unknown[]>;
}
interface IdbTransaction {
  objectStore(name: string): IdbObjectStore;
  oncomplete: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onabort: ((ev: unknown) => void) | null;
  error: unknown;
}
interface IdbDatabase {
  objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string): unknown;
  transaction(store: string, mode: "readonly" | "readwrite"): IdbTransaction;
  close(): void;
}
/** The `indexedDB` global (IDBFactory). */
export interface IdbFactoryLike {
  open(name: string, version?: number): IdbOpenRequest;
}
/** The `IDBKeyRange` global. */
export interface IdbKeyRangeLike {
  bound(lower: string, upper: string, lowerOpen?: boolean, upperOpen?: boolean): unknown;
}

const OBJECT_STORE = "kv";

function promisify<T>(req: IdbRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export interface IndexedDbStoreOptions {
  /** Defaults to globalThis.indexedDB. */
  indexedDB?: IdbFactoryLike;
  /** Defaults to globalThis.IDBKeyRange. */
  keyRange?: IdbKeyRangeLike;
}

export class IndexedDbStore implements Store {
  readonly #dbName: string;
  readonly #factory: IdbFactoryLike;
  readonly #keyRange: IdbKeyRangeLike;
  #db: Promise<IdbDatabase> | undefined;

  constructor(dbName: string, options: IndexedDbStoreOptions = {}) {
    const g = globalThis as { indexedDB?: IdbFactoryLike; IDBKeyRange?: IdbKeyRangeLike };
    const factory = options.indexedDB ?? g.indexedDB;
    const keyRange = options.keyRange ?? g.IDBKeyRange;
    if (!factory || !keyRange) throw new Error("IndexedDB is not available in this environment");
    this.#dbName = dbName;
    this.#factory = factory;
    this.#keyRange = keyRange;
  }

  #open(): Promise<IdbDatabase> {
    this.#db ??= new Promise((resolve, reject) => {
      const req = this.#factory.open(this.#dbName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(OBJECT_STORE)) req.result.createObjectStore(OBJECT_STORE);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return this.#db;
  }

  async #run<T>(mode: "readonly" | "readwrite", op: (s: IdbObjectStore) => IdbRequest<T>): Promise<T> {
    const db = await this.#open();
    const tx = db.transaction(OBJECT_STORE, mode);
    const result = promisify(op(tx.objectStore(OBJECT_STORE)));
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    });
    const [value] = await Promise.all([result, done]);
    return value;
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const raw = await this.#run("readonly", (s) => s.get(key));
    return raw === undefined ? undefined : (JSON.parse(raw as string) as T);
  }

  async put(key: string, value: unknown): Promise<void> {
    const raw = JSON.stringify(value);
    if (raw === undefined) throw new TypeError(`value for "${key}" is not JSON-serialisable`);
    await this.#run("readwrite", (s) => s.put(raw, key));
  }

  async delete(key: string): Promise<void> {
    await this.#run("readwrite", (s) => s.delete(key));
  }

  async list(prefix: string): Promise<string[]> {
    // Every key starting with `prefix` sorts in [prefix, prefix + U+FFFF).
    const range = this.#keyRange.bound(prefix, `${prefix}\uffff`, false, true);
    const keys = await this.#run("readonly", (s) => s.getAllKeys(range));
    return keys.map(String);
  }

  /** Closes the database connection (tests, page unload). */
  async close(): Promise<void> {
    if (this.#db) (await this.#db).close();
    this.#db = undefined;
  }
}
