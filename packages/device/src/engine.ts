/**
 * DeviceEngine: the phone's exposure-notification engine. Ties the key schedule, sighting log, exposure
 * checks, status and the consented upload together, talking to the world only through the adapters.
 * The server can never make it upload: uploadKeys() runs only when the app calls it with consent: true.
 * With `checkIn` configured it owns the check-in wallet (`checkIns`): an F0 upload carries its check-ins and
 * status() shows the check-in warnings.
 */
import { bytesToHex, type ExportKey, parseAdvertisementServiceData } from "@bluezone/protocol";
import type { Clock, Http, Radio, Random, ScanResult, Store } from "./adapters.ts";
import type { CheckInWarning } from "./checkin/check-in.ts";
import { CheckInWallet, type CheckInWalletConfig } from "./checkin/wallet.ts";
import { type DeviceConfig, resolveDeviceConfig } from "./config.ts";
import { ConsentRequiredError, DeviceConfigError } from "./errors.ts";
import { downloadVerifiedExport, fetchExportIndex, type VerifiedExport } from "./exposure/download.ts";
import {
  applyCheck,
  type ExposureState,
  loadExposureState,
  pruneExposureState,
  saveExposureState,
} from "./exposure/exposure-state.ts";
import { findExposures } from "./exposure/matcher.ts";
import { assessRisk } from "./exposure/risk.ts";
import { KeyRing } from "./keys/key-ring.ts";
import { PersistentSightingLog } from "./sightings/sighting-store.ts";
import { type DeviceStatus, deriveStatus } from "./status/status.ts";
import { runUploadFlow, type UploadOutcome, type UploadRequest } from "./upload/upload-flow.ts";
import {
  loadUploadHistory,
  pruneUploadHistory,
  saveUploadHistory,
  type UploadHistory,
} from "./upload/upload-history.ts";

export interface DeviceEngineDeps {
  radio: Radio;
  store: Store;
  clock: Clock;
  http: Http;
  random: Random;
  /** Overrides of DEFAULT_DEVICE_CONFIG. */
  config?: Partial<DeviceConfig>;
  /**
   * The check-in wallet's settings; omit for a phone without venue check-in. `publicKeys` defaults to
   * exposureSource.publicKeys (warning packages are signed with the export key).
   */
  checkIn?: CheckInWalletConfig;
}

/** Summary of one checkForExposures() run. */
export interface ExposureCheckResult {
  /** Export files downloaded, verified and matched in this run. */
  newFiles: number;
  /** Diagnosis keys in those files. */
  keysChecked: number;
  /** Keys newly found among this phone's sightings. */
  newExposures: number;
  status: DeviceStatus;
}

/** Counters for the simulator and diagnostics screens (no key material). */
export interface DeviceDiagnostics {
  storedKeys: number;
  sightings: number;
  matchedKeys: number;
  advertisedInterval: number | undefined;
  started: boolean;
}

export class DeviceEngine {
  readonly config: DeviceConfig;
  /** The venue check-in wallet (check in/out, signed warning download), when `checkIn` was given. */
  readonly checkIns: CheckInWallet | undefined;
  readonly #radio: Radio;
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #http: Http;
  readonly #random: Random;
  readonly #keys: KeyRing;
  readonly #sightings: PersistentSightingLog;
  #exposure: ExposureState = { processedFiles: [], exposures: [], lastCheckMs: undefined };
  #uploads: UploadHistory = { records: [], revisionToken: undefined };
  #advertisedInterval: number | undefined;
  #unsubscribe: (() => void) | undefined;
  #loaded = false;
  /** Serialises every state change (scans, ticks, checks, uploads) so writes never interleave. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: DeviceEngineDeps) {
    this.config = resolveDeviceConfig(deps.config);
    this.#radio = deps.radio;
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#http = deps.http;
    this.#random = deps.random;
    this.#keys = new KeyRing(this.#store, this.#random);
    this.checkIns = deps.checkIn
      ? new CheckInWallet(
          { store: deps.store, clock: deps.clock, http: deps.http, random: deps.random },
          {
            ...deps.checkIn,
            publicKeys: deps.checkIn.publicKeys ?? this.config.exposureSource?.publicKeys ?? [],
          },
        )
      : undefined;
    this.#sightings = new PersistentSightingLog(this.#store, {
      maxSightings: this.config.maxSightings,
      scanInstantMs: this.config.scanInstantMs,
      retentionDays: this.config.retentionDays,
    });
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #ensureLoaded(): Promise<void> {
    if (this.#loaded) return;
    await this.#keys.load();
    await this.#sightings.load();
    this.#exposure = await loadExposureState(this.#store);
    this.#uploads = await loadUploadHistory(this.#store);
    this.#loaded = true;
  }

  /** Loads stored state, starts advertising and listens to the scanner. */
  async start(): Promise<void> {
    await this.#serial(() => this.#ensureLoaded());
    if (!this.#unsubscribe)
      this.#unsubscribe = this.#radio.onScanResult((r) => this.onScan(r).then(() => undefined));
    await this.tick();
  }

  /** Stops listening and advertising (state stays in the Store). */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    await this.#serial(async () => {
      await this.#radio.stopAdvertising();
      this.#advertisedInterval = undefined;
    });
  }

  /**
   * Periodic work (call every minute or so, and at least once per 10-minute interval): new TEK at each UTC
   * day, a new RPI + AEM payload at each interval, and retention of keys, sightings, exposures and uploads.
   */
  tick(): Promise<void> {
    return this.#serial(async () => {
      await this.#ensureLoaded();
      const now = this.#clock.nowMs();
      const { retentionDays } = this.config;
      await this.#keys.rotate(now, retentionDays);
      const ad = this.#keys.advertisement(now, this.config.txPowerDbm);
      if (ad.intervalNumber !== this.#advertisedInterval) {
        await this.#radio.startAdvertising(ad.serviceData);
        this.#advertisedInterval = ad.intervalNumber;
      }
      await this.#sightings.prune(now);
      const pruned = pruneExposureState(this.#exposure, now, retentionDays);
      if (
        pruned.exposures.length !== this.#exposure.exposures.length ||
        changedWindows(pruned, this.#exposure)
      ) {
        await saveExposureState(this.#store, pruned);
        this.#exposure = pruned;
      }
      const uploads = pruneUploadHistory(this.#uploads, now, retentionDays);
      if (uploads.records.length !== this.#uploads.records.length) {
        await saveUploadHistory(this.#store, uploads);
        this.#uploads = uploads;
      }
    });
  }

  /** Records one scan result (invalid payloads are ignored). Resolves true when a sighting was stored. */
  onScan(result: ScanResult): Promise<boolean> {
    return this.#serial(async () => {
      await this.#ensureLoaded();
      let parsed: { rpi: Uint8Array; aem: Uint8Array };
      try {
        parsed = parseAdvertisementServiceData(result.serviceData);
      } catch {
        return false;
      }
      if (!Number.isFinite(result.rssi) || !Number.isFinite(result.timestampMs)) return false;
      return this.#sightings.record(
        {
          rpi: bytesToHex(parsed.rpi),
          aem: bytesToHex(parsed.aem),
          rssi: result.rssi,
          timestampMs: result.timestampMs,
        },
        this.#clock.nowMs(),
      );
    });
  }

  /**
   * Downloads the export files not processed yet, verifies every signature, matches their keys against the
   * sighting log and stores the new exposure windows. If any file fails (download, format or signature),
   * throws ExportRejectedError and changes nothing.
   */
  async checkForExposures(): Promise<ExposureCheckResult> {
    const source = this.config.exposureSource;
    if (!source) throw new DeviceConfigError("exposureSource is not configured");
    await this.#serial(() => this.#ensureLoaded());
    const indexPaths = await fetchExportIndex(this.#http, source);
    const processed = new Set(this.#exposure.processedFiles);
    const downloads: VerifiedExport[] = [];
    for (const path of indexPaths) {
      if (!processed.has(path)) downloads.push(await downloadVerifiedExport(this.#http, source, path));
    }
    return this.#serial(async () => {
      const now = this.#clock.nowMs();
      const known = new Set(this.#exposure.exposures.map((e) => e.keyHex));
      const keys: ExportKey[] = downloads.flatMap((d) => d.file.keys);
      const revisedKeys = downloads.flatMap((d) => d.file.revisedKeys);
      const candidates = keys.filter((k) => !known.has(bytesToHex(k.keyData)));
      const exposures = findExposures(this.#sightings.all(), candidates, this.config);
      const next = pruneExposureState(
        applyCheck(this.#exposure, {
          indexPaths,
          newFiles: downloads.map((d) => d.path),
          exposures,
          revisedKeys,
          nowMs: now,
        }),
        now,
        this.config.retentionDays,
      );
      await saveExposureState(this.#store, next);
      this.#exposure = next;
      return {
        newFiles: downloads.length,
        keysChecked: keys.length,
        newExposures: exposures.length,
        status: this.#status(this.checkIns ? await this.checkIns.warnings() : []),
      };
    });
  }

  /** The current exposure status with its advice (vi/en), and the check-in warnings raised so far. */
  status(): Promise<DeviceStatus> {
    return this.#serial(async () => {
      await this.#ensureLoaded();
      return this.#status(this.checkIns ? await this.checkIns.warnings() : []);
    });
  }

  #status(checkInWarnings: readonly CheckInWarning[] = []): DeviceStatus {
    const windows = this.#exposure.exposures.flatMap((e) => e.windows);
    const risk = assessRisk(
      windows,
      this.config.scoring,
      this.config.riskThresholdSeconds,
      this.#clock.nowMs(),
    );
    return deriveStatus({
      risk,
      uploads: this.#uploads.records,
      lastCheckMs: this.#exposure.lastCheckMs,
      checkInWarnings,
    });
  }

  /**
   * The ONLY way keys leave the phone: on an explicit user action, with `consent: true` and the health
   * authority's code. Verifies the code, binds the keys with a tekmac, gets a certificate and publishes the
   * last 14 days of keys, and for a confirmed/likely code the check-ins not reported before (unless
   * `shareCheckIns: false`). Throws ConsentRequiredError (nothing sent) without consent, UploadError on failure.
   */
  uploadKeys(request: UploadRequest): Promise<UploadOutcome> {
    if (request?.consent !== true) return Promise.reject(new ConsentRequiredError());
    const keyServer = this.config.keyServer;
    if (!keyServer) return Promise.reject(new DeviceConfigError("keyServer is not configured"));
    const wallet = this.checkIns;
    return this.#serial(async () => {
      await this.#ensureLoaded();
      const now = this.#clock.nowMs();
      await this.#keys.rotate(now, this.config.retentionDays);
      const outcome = await runUploadFlow(
        {
          http: this.#http,
          random: this.#random,
          keyServer,
          transmissionRisk: this.config.transmissionRisk,
          keys: this.#keys.keys(),
          revisionToken: this.#uploads.revisionToken,
          checkInReports: wallet ? () => wallet.pendingReports() : undefined,
        },
        request,
      );
      await this.checkIns?.markReported(outcome.reportedCheckInIds);
      const history: UploadHistory = {
        records: [
          ...this.#uploads.records,
          { testType: outcome.testType, uploadedAtMs: now, keyCount: outcome.keyCount },
        ],
        revisionToken: outcome.revisionToken ?? this.#uploads.revisionToken,
      };
      await saveUploadHistory(this.#store, history);
      this.#uploads = history;
      return outcome;
    });
  }

  /** Counters only (no keys, no RPIs). */
  diagnostics(): DeviceDiagnostics {
    return {
      storedKeys: this.#keys.keys().length,
      sightings: this.#sightings.size,
      matchedKeys: this.#exposure.exposures.length,
      advertisedInterval: this.#advertisedInterval,
      started: this.#unsubscribe !== undefined,
    };
  }

  /** Resolves when every queued state change has been written. */
  idle(): Promise<void> {
    return this.#serial(async () => undefined);
  }
}

function changedWindows(a: ExposureState, b: ExposureState): boolean {
  let na = 0;
  let nb = 0;
  for (const e of a.exposures) na += e.windows.length;
  for (const e of b.exposures) nb += e.windows.length;
  return na !== nb;
}
