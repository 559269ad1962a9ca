/**
 * KeyRing: the phone's stored TEKs (one Store entry per day under "tek/") with daily rotation, 14-day
 * retention and the current advertisement payload. The rules themselves are in key-schedule.ts.
 */
import { bytesToHex, hexToBytes, type TemporaryExposureKey } from "@bluezone/protocol";
import type { Random, Store } from "../adapters.ts";
import {
  type AdvertisementPayload,
  advertisementFor,
  currentTek,
  intervalAt,
  newDailyTek,
  partitionByRetention,
  type TekSecrets,
  tekSecrets,
} from "./key-schedule.ts";

const PREFIX = "tek/";

interface StoredTek {
  keyData: string;
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
}

const storeKey = (t: TemporaryExposureKey) => PREFIX + String(t.rollingStartIntervalNumber).padStart(10, "0");

/** Result of a rotation: the TEK created (if a new day began) and the TEKs deleted by retention. */
export interface KeyRotation {
  created: TemporaryExposureKey | undefined;
  deleted: TemporaryExposureKey[];
}

export class KeyRing {
  readonly #store: Store;
  readonly #random: Random;
  #teks: TemporaryExposureKey[] = [];
  #secrets: { tek: TemporaryExposureKey; secrets: TekSecrets } | undefined;

  constructor(store: Store, random: Random) {
    this.#store = store;
    this.#random = random;
  }

  async load(): Promise<void> {
    const teks: TemporaryExposureKey[] = [];
    for (const key of await this.#store.list(PREFIX)) {
      const s = await this.#store.get<StoredTek>(key);
      if (s) teks.push({ ...s, keyData: hexToBytes(s.keyData) });
    }
    this.#teks = teks.sort((a, b) => a.rollingStartIntervalNumber - b.rollingStartIntervalNumber);
  }

  /** Makes sure a TEK covers `nowMs` (new random TEK at the start of each UTC day) and deletes expired TEKs. */
  async rotate(nowMs: number, retentionDays: number): Promise<KeyRotation> {
    let created: TemporaryExposureKey | undefined;
    if (!currentTek(this.#teks, nowMs)) {
      created = newDailyTek(this.#random.bytes(16), nowMs);
      await this.#store.put(storeKey(created), {
        keyData: bytesToHex(created.keyData),
        rollingStartIntervalNumber: created.rollingStartIntervalNumber,
        rollingPeriod: created.rollingPeriod,
      } satisfies StoredTek);
      this.#teks.push(created);
      this.#teks.sort((a, b) => a.rollingStartIntervalNumber - b.rollingStartIntervalNumber);
    }
    const { kept, expired } = partitionByRetention(this.#teks, nowMs, retentionDays);
    for (const t of expired) await this.#store.delete(storeKey(t));
    this.#teks = kept;
    return { created, deleted: expired };
  }

  /** The advertisement for the interval containing `nowMs` (rotate() first so a TEK exists). */
  advertisement(nowMs: number, txPowerDbm: number): AdvertisementPayload {
    const tek = currentTek(this.#teks, nowMs);
    if (!tek) throw new Error("no TEK covers the current interval; call rotate() first");
    if (this.#secrets?.tek !== tek) this.#secrets = { tek, secrets: tekSecrets(tek) };
    return advertisementFor(this.#secrets.secrets, intervalAt(nowMs), txPowerDbm);
  }

  /** Copies of the retained TEKs, oldest first (what an upload would share). */
  keys(): TemporaryExposureKey[] {
    return this.#teks.map((t) => ({ ...t, keyData: Uint8Array.from(t.keyData) }));
  }
}
