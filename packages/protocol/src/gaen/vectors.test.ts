import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../bytes.ts";
import { decryptAem, encryptAem } from "./aem.ts";
import {
  advertisementServiceData,
  bleMetadata,
  parseAdvertisementServiceData,
  parseBleMetadata,
} from "./ble.ts";
import { deriveAemk, deriveRpik, rpiFor, rpisForKey } from "./derive.ts";
import { enIntervalNumber, rollingStartIntervalNumber } from "./intervals.ts";
import { generateTek } from "./tek.ts";

interface CryptoVectors {
  key_generation_unix_seconds: number;
  en_interval_number_of_generated_key: number;
  tek_rolling_period: number;
  tek: string;
  rpik: string;
  aemk: string;
  ble_metadata: string;
  advertised: { interval_number: number; rpi: string; aem: string }[];
}

const vectors = JSON.parse(
  readFileSync(
    new URL("../../../../../shared/gaen-vectors/en_crypto_test_vectors_v1.2.json", import.meta.url),
    "utf8",
  ),
) as CryptoVectors;

describe("GAEN crypto spec v1.2 test vectors", () => {
  const tek = hexToBytes(vectors.tek);
  const rpik = deriveRpik(tek);
  const aemk = deriveAemk(tek);
  const metadata = bleMetadata({ txPowerDbm: 8 });

  it("has the full day of 144 advertised intervals", () => {
    expect(vectors.advertised).toHaveLength(144);
    expect(vectors.tek_rolling_period).toBe(144);
  });

  it("computes the interval numbers of the generated key", () => {
    expect(enIntervalNumber(vectors.key_generation_unix_seconds)).toBe(
      vectors.en_interval_number_of_generated_key,
    );
    expect(rollingStartIntervalNumber(vectors.key_generation_unix_seconds)).toBe(
      vectors.en_interval_number_of_generated_key,
    );
    const key = generateTek(tek, vectors.key_generation_unix_seconds);
    expect(key.rollingStartIntervalNumber).toBe(vectors.en_interval_number_of_generated_key);
    expect(key.rollingPeriod).toBe(144);
    expect(bytesToHex(key.keyData)).toBe(vectors.tek);
  });

  it("derives the RPIK and AEMK", () => {
    expect(bytesToHex(rpik)).toBe(vectors.rpik);
    expect(bytesToHex(aemk)).toBe(vectors.aemk);
  });

  it("encodes the BLE metadata (version 1.0, +8 dBm)", () => {
    expect(bytesToHex(metadata)).toBe(vectors.ble_metadata);
    expect(parseBleMetadata(metadata)).toEqual({ versionMajor: 1, versionMinor: 0, txPowerDbm: 8 });
  });

  it("reproduces every RPI one interval at a time", () => {
    for (const v of vectors.advertised) expect(bytesToHex(rpiFor(rpik, v.interval_number))).toBe(v.rpi);
  });

  it("reproduces all 144 RPIs in one batch", () => {
    const all = rpisForKey(rpik, vectors.en_interval_number_of_generated_key);
    expect(all).toHaveLength(144 * 16);
    vectors.advertised.forEach((v, i) => {
      expect(v.interval_number).toBe(vectors.en_interval_number_of_generated_key + i);
      expect(bytesToHex(all.subarray(i * 16, i * 16 + 16))).toBe(v.rpi);
    });
  });

  it("reproduces every AEM and decrypts it back to the metadata", () => {
    for (const v of vectors.advertised) {
      const rpi = hexToBytes(v.rpi);
      const aem = encryptAem(aemk, rpi, metadata);
      expect(bytesToHex(aem)).toBe(v.aem);
      expect(bytesToHex(decryptAem(aemk, rpi, aem))).toBe(vectors.ble_metadata);
    }
  });

  it("round-trips the advertised service data", () => {
    const v = vectors.advertised[5]!;
    const data = advertisementServiceData(hexToBytes(v.rpi), hexToBytes(v.aem));
    expect(bytesToHex(data)).toBe(v.rpi + v.aem);
    const parsed = parseAdvertisementServiceData(data);
    expect(bytesToHex(parsed.rpi)).toBe(v.rpi);
    expect(bytesToHex(parsed.aem)).toBe(v.aem);
  });
});
