/**
 * The phone's GAEN key schedule as pure functions: one random TEK per UTC day (rolling start aligned to
 * 144 intervals), the RPI + AEM advertised in each 10-minute interval, and the 14-day TEK retention rule.
 */
import {
  advertisementServiceData,
  bleMetadata,
  deriveAemk,
  deriveRpik,
  EN_INTERVAL_SECONDS,
  encryptAem,
  enIntervalNumber,
  generateTek,
  rollingStartIntervalNumber,
  rpiFor,
  TEK_ROLLING_PERIOD,
  type TemporaryExposureKey,
} from "@bluezone/protocol";

/** Milliseconds in one EN interval (10 min). */
export const INTERVAL_MS = EN_INTERVAL_SECONDS * 1000;

/** The EN interval containing `ms` (Unix milliseconds). */
export function intervalAt(ms: number): number {
  return enIntervalNumber(Math.floor(ms / 1000));
}

/** True when `tek` is valid in EN interval `interval`. */
export function tekCovers(tek: TemporaryExposureKey, interval: number): boolean {
  return (
    interval >= tek.rollingStartIntervalNumber &&
    interval < tek.rollingStartIntervalNumber + tek.rollingPeriod
  );
}

/** The TEK valid at `nowMs`, if the phone has one. */
export function currentTek(
  teks: readonly TemporaryExposureKey[],
  nowMs: number,
): TemporaryExposureKey | undefined {
  const interval = intervalAt(nowMs);
  return teks.find((t) => tekCovers(t, interval));
}

/** A fresh TEK for the UTC day of `nowMs` from 16 random bytes: rolling start = the day's first interval. */
export function newDailyTek(random16: Uint8Array, nowMs: number): TemporaryExposureKey {
  return generateTek(random16, Math.floor(nowMs / 1000));
}

/**
 * First rolling start interval still retained at `nowMs`: TEKs of today and the (retentionDays - 1)
 * days before it are kept (14 TEKs with the GAEN default), older ones are deleted.
 */
export function oldestRetainedRollingStart(nowMs: number, retentionDays: number): number {
  return rollingStartIntervalNumber(Math.floor(nowMs / 1000)) - (retentionDays - 1) * TEK_ROLLING_PERIOD;
}

/** Splits TEKs into those kept and those past retention at `nowMs`. */
export function partitionByRetention(
  teks: readonly TemporaryExposureKey[],
  nowMs: number,
  retentionDays: number,
): { kept: TemporaryExposureKey[]; expired: TemporaryExposureKey[] } {
  const oldest = oldestRetainedRollingStart(nowMs, retentionDays);
  const kept: TemporaryExposureKey[] = [];
  const expired: TemporaryExposureKey[] = [];
  for (const t of teks) (t.rollingStartIntervalNumber >= oldest ? kept : expired).push(t);
  return { kept, expired };
}

/** What the phone broadcasts during one EN interval. */
export interface AdvertisementPayload {
  intervalNumber: number;
  rpi: Uint8Array;
  aem: Uint8Array;
  /** RPI || AEM, the 20 bytes of EN service data. */
  serviceData: Uint8Array;
}

/** Derived keys of a TEK, computed once per TEK instead of once per interval. */
export interface TekSecrets {
  rpik: Uint8Array;
  aemk: Uint8Array;
}

export function tekSecrets(tek: TemporaryExposureKey): TekSecrets {
  return { rpik: deriveRpik(tek.keyData), aemk: deriveAemk(tek.keyData) };
}

/** The advertisement for `intervalNumber`: RPI from the RPIK, AEM = encrypted metadata with our TX power. */
export function advertisementFor(
  secrets: TekSecrets,
  intervalNumber: number,
  txPowerDbm: number,
): AdvertisementPayload {
  const rpi = rpiFor(secrets.rpik, intervalNumber);
  const aem = encryptAem(secrets.aemk, rpi, bleMetadata({ txPowerDbm }));
  return { intervalNumber, rpi, aem, serviceData: advertisementServiceData(rpi, aem) };
}
