/**
 * Errors of the risk-scoring module: a rejected DailySummariesConfig or ExposureWindow, both
 * ProtocolErrors with a stable `code`.
 */
import { ProtocolError } from "../errors.ts";

/** A DailySummariesConfig (or a scoring argument such as a threshold) outside the EN v2 limits. */
export class ScoringConfigError extends ProtocolError {
  constructor(message: string) {
    super("bad_scoring_config", message);
    this.name = "ScoringConfigError";
  }
}

export type ExposureWindowErrorCode = "window_too_long" | "bad_exposure_window";

/** An ExposureWindow that breaks the EN v2 rules: code "window_too_long" or "bad_exposure_window". */
export class ExposureWindowError extends ProtocolError {
  declare readonly code: ExposureWindowErrorCode;

  constructor(code: ExposureWindowErrorCode, message: string) {
    super(code, message);
    this.name = "ExposureWindowError";
  }
}
