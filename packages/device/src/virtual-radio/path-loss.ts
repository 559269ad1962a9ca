/**
 * Log-distance path-loss model of BLE signal strength for the VirtualRadio:
 *
 *   RSSI(d) = txPower - calibration - 10 * n * log10(d / 1 m) + noise,   noise ~ Normal(0, sigma^2)
 *
 * txPower is the sender's advertised calibrated TX power (GAEN metadata); calibration is the loss at the 1 m
 * reference distance (referenceLossDb, ~40 dB free-space at 2.4 GHz plus antenna/body losses) plus the
 * receiver's hardware offset (rssiCorrectionDb in the GAEN calibration table: the receiver reads that many dB
 * low and the phone adds it back, so attenuation = txPower - (rssi + correction) = referenceLoss + 10 n log10 d
 * - noise). n is the path-loss exponent: 2 in free space, ~2..3 indoors near people. Walls, crowds (body
 * shadowing), multipath fading and phone orientation are left out: noise is the only randomness.
 */

export interface PathLossModel {
  /** Loss (dB) at the 1 m reference distance. Default 45. */
  referenceLossDb: number;
  /** Path-loss exponent n (2 = free space). Default 2.5. */
  exponent: number;
  /** Standard deviation (dB) of the Gaussian noise on each reading. Default 4. */
  noiseSigmaDb: number;
  /** Distances below this (m) are treated as this (avoids log10(0)). Default 0.1. */
  minDistanceM: number;
}

export const DEFAULT_PATH_LOSS: PathLossModel = Object.freeze({
  referenceLossDb: 45,
  exponent: 2.5,
  noiseSigmaDb: 4,
  minDistanceM: 0.1,
});

/** Mean path loss (dB) at distance d metres: referenceLoss + 10 n log10(d / 1 m). */
export function pathLossDb(distanceM: number, model: PathLossModel): number {
  const d = Math.max(distanceM, model.minDistanceM);
  return model.referenceLossDb + 10 * model.exponent * Math.log10(d);
}

/**
 * RSSI (dBm) the receiver measures for one advertisement, before its RSSI correction.
 * `gaussian` is a standard-normal sample (pass 0 for the noise-free mean).
 */
export function rssiAt(
  distanceM: number,
  sender: { txPowerDbm: number },
  receiver: { rssiCorrectionDb: number; calibrationErrorDb?: number },
  model: PathLossModel,
  gaussian: number,
): number {
  return (
    sender.txPowerDbm -
    pathLossDb(distanceM, model) -
    receiver.rssiCorrectionDb +
    (receiver.calibrationErrorDb ?? 0) +
    model.noiseSigmaDb * gaussian
  );
}

/** The distance (m) at which the mean attenuation equals `attenuationDb` (inverse of pathLossDb). */
export function distanceForAttenuation(attenuationDb: number, model: PathLossModel): number {
  return 10 ** ((attenuationDb - model.referenceLossDb) / (10 * model.exponent));
}
