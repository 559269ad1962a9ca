/**
 * The device engine's ports to the outside world: Radio (BLE), Store (persistence), Clock, Http and Random.
 * The engine talks to nothing else; implementations live in ./adapters/ (and ./node.ts for Node-only ones).
 */

/** One advertisement heard by the phone's scanner. */
export interface ScanResult {
  /** The 20-byte Exposure Notification service data (RPI || AEM), as received. */
  serviceData: Uint8Array;
  /** Received signal strength in dBm, as measured by this phone's radio (before RSSI correction). */
  rssi: number;
  /** When it was heard (Unix milliseconds). */
  timestampMs: number;
}

/** Called for every advertisement heard; may return a promise the radio waits for. */
export type ScanListener = (result: ScanResult) => void | Promise<void>;

/** BLE: advertise our payload, report what the scanner hears. The OS decides when to scan. */
export interface Radio {
  /** Starts (or replaces) the advertised Exposure Notification service data. */
  startAdvertising(serviceData: Uint8Array): void | Promise<void>;
  stopAdvertising(): void | Promise<void>;
  /** Subscribes to scan results; returns an unsubscribe function. */
  onScanResult(listener: ScanListener): () => void;
}

/**
 * Key-value persistence. Values must be JSON-serialisable (implementations may copy them through JSON).
 * Keys are strings; `list(prefix)` returns the matching keys in ascending (code-unit) order.
 */
export interface Store {
  get<T = unknown>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
}

/** Wall clock (Unix milliseconds). Injected so tests and the simulator can run days in milliseconds. */
export interface Clock {
  nowMs(): number;
}

/** Response of an HTTP GET: status and raw body bytes. */
export interface HttpBytesResponse {
  status: number;
  body: Uint8Array;
}

/** Response of a JSON POST: status and the parsed JSON body (undefined when the body is empty or not JSON). */
export interface HttpJsonResponse {
  status: number;
  body: unknown;
}

/** The two HTTP verbs the phone needs. Implementations must not throw on HTTP error statuses. */
export interface Http {
  get(url: string): Promise<HttpBytesResponse>;
  postJson(url: string, body: unknown): Promise<HttpJsonResponse>;
}

/** Source of random bytes (cryptographically secure on a real phone). */
export interface Random {
  bytes(n: number): Uint8Array;
}
