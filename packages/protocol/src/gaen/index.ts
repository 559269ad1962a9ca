/** GAEN cryptography (spec v1.2) and BLE payload: public surface of the gaen/ folder. */
export { AEM_LENGTH, decryptAem, encryptAem } from "./aem.ts";
export {
  advertisementServiceData,
  type BleMetadata,
  bleMetadata,
  EN_SERVICE_UUID,
  parseAdvertisementServiceData,
  parseBleMetadata,
  SERVICE_DATA_LENGTH,
} from "./ble.ts";
export { deriveAemk, deriveRpik, RPI_LENGTH, rpiFor, rpisForKey, writeRpiPaddedData } from "./derive.ts";
export { createEnKdf, type EnKdf } from "./en-hkdf.ts";
export {
  EN_INTERVAL_SECONDS,
  enIntervalNumber,
  intervalStartSeconds,
  rollingStartIntervalNumber,
  TEK_ROLLING_PERIOD,
} from "./intervals.ts";
export { generateTek, TEK_LENGTH, type TemporaryExposureKey } from "./tek.ts";
