/**
 * @bluezone/device: the phone's exposure-notification engine (browser/React Native safe). Node-only pieces
 * (FileStore) are in "@bluezone/device/node".
 */

export { SimulatedClock, SystemClock } from "./adapters/clocks.ts";
export { type FetchFn, FetchHttp } from "./adapters/fetch-http.ts";
export {
  type IdbFactoryLike,
  type IdbKeyRangeLike,
  IndexedDbStore,
  type IndexedDbStoreOptions,
} from "./adapters/indexeddb-store.ts";
export { MemoryStore } from "./adapters/memory-store.ts";
export { cryptoRandom, SeededRandom } from "./adapters/random.ts";
export type {
  Clock,
  Http,
  HttpBytesResponse,
  HttpJsonResponse,
  Radio,
  Random,
  ScanListener,
  ScanResult,
  Store,
} from "./adapters.ts";
export {
  CHECK_IN_RETENTION_DAYS,
  type CheckInUploadReports,
  CheckInWallet,
  type CheckInWalletConfig,
  type CheckInWarning,
  checkInFromUrl,
  DEFAULT_WARNING_MINUTES,
  effectiveEndMs,
  encryptedCheckInReports,
  OVERLAP_WARNING_TEXT,
  type StoredCheckIn,
  WarningPackageRejectedError,
  warningsFor,
} from "./checkin/index.ts";
export {
  DEFAULT_DEVICE_CONFIG,
  type DeviceConfig,
  type ExposureSourceConfig,
  type KeyServerConfig,
  resolveDeviceConfig,
  validateDeviceConfig,
} from "./config.ts";
export {
  type DeviceDiagnostics,
  DeviceEngine,
  type DeviceEngineDeps,
  type ExposureCheckResult,
} from "./engine.ts";
export {
  ConsentRequiredError,
  DeviceConfigError,
  DeviceError,
  ExportRejectedError,
  UploadError,
} from "./errors.ts";
export { exportFileUrl, indexUrl, parseIndex } from "./exposure/download.ts";
export { findExposures, type KeyExposure } from "./exposure/matcher.ts";
export { assessRisk, type RiskAssessment, type RiskLevel } from "./exposure/risk.ts";
export {
  attenuationDb,
  buildExposureWindows,
  type KeySighting,
  MAX_WINDOW_SECONDS,
  scanInstantStarts,
  type WindowOptions,
} from "./exposure/windows.ts";
export {
  type AdvertisementPayload,
  advertisementFor,
  currentTek,
  INTERVAL_MS,
  intervalAt,
  newDailyTek,
  oldestRetainedRollingStart,
  partitionByRetention,
  tekSecrets,
} from "./keys/key-schedule.ts";
export { type Sighting, SightingLog, type SightingReading } from "./sightings/sighting-log.ts";
export {
  adviceF0,
  adviceF1,
  adviceF2,
  adviceNotExposed,
  formatDateEn,
  formatDateVi,
  HEALTH_HOTLINE,
  type LocalizedText,
} from "./status/advice.ts";
export { type DeviceStatus, type ExposureLevel, F0_TEST_TYPES, type UploadRecord } from "./status/status.ts";
export type { UploadOutcome, UploadRequest } from "./upload/upload-flow.ts";
export {
  DEFAULT_PATH_LOSS,
  distanceForAttenuation,
  type PathLossModel,
  pathLossDb,
  rssiAt,
} from "./virtual-radio/path-loss.ts";
export {
  PhoneSimulation,
  type PhoneSimulationOptions,
  type SimulatedPhone,
  type SimulatedPhoneSpec,
} from "./virtual-radio/simulation.ts";
export {
  distance,
  type Path,
  type Point,
  positionAt,
  stayAt,
  visitPath,
  type Waypoint,
} from "./virtual-radio/trajectory.ts";
export {
  type VirtualPhoneOptions,
  VirtualRadio,
  VirtualWorld,
  type VirtualWorldOptions,
} from "./virtual-radio/virtual-world.ts";
