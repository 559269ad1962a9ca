/**
 * MemoryStore: the Store port kept in a Map. Values are copied through JSON on put and get, so tests catch
 * non-serialisable values and callers can never mutate stored state by reference.
 */
import type { Store } from "../adapters.ts";

export class MemoryStore implements Store {
  readonly #data = new Map<string, string>();

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const raw = this.#data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async put(key: string, value: unknown): Promise<void> {
    const raw = JSON.stringify(value);
    if (raw === undefined) throw new TypeError(`value for "${key}" is not JSON-serialisable`);
    this.#data.set(key, raw);
  }

  async delete(key: string): Promise<void> {
    this.#data.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.#data.keys()].filter((k) => k.startsWith(prefix)).sort(compareKeys);
  }

  /** Number of stored keys (for tests and diagnostics). */
  get size(): number {
    return this.#data.size;
  }
}

/** Ascending code-unit order, the order every Store's list() uses. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
