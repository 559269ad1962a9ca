/**
 * Error hierarchy of the protocol package: every decoder and verifier throws one of these,
 * with a stable machine-readable `code`, never a bare Error or a TypeError.
 */

/** Base class of all protocol errors. `code` is a stable identifier such as "bad_hex". */
export class ProtocolError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "ProtocolError";
    this.code = code;
  }
}

/** Input could not be decoded: truncated, oversized or garbage bytes/text. */
export class DecodeError extends ProtocolError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = "DecodeError";
  }
}

/** Input decoded but failed an integrity or authenticity check (bad signature, MAC mismatch, ...). */
export class VerificationError extends ProtocolError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = "VerificationError";
  }
}
