/**
 * Errors of the device engine: each has a stable machine-readable `code` (like the protocol's errors) and a
 * message that is safe to show or log (never key material, never a phone number).
 */

export class DeviceError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DeviceError";
    this.code = code;
  }
}

/** The device configuration is invalid (bad number, missing server URL, ...). */
export class DeviceConfigError extends DeviceError {
  constructor(message: string) {
    super("bad_device_config", message);
    this.name = "DeviceConfigError";
  }
}

/** An upload was attempted without the user's explicit consent (`consent: true`). Nothing was sent. */
export class ConsentRequiredError extends DeviceError {
  constructor() {
    super("consent_required", "uploading keys needs the user's explicit consent ({ consent: true })");
    this.name = "ConsentRequiredError";
  }
}

/** A step of the upload flow failed; `step` says which, `status` is the HTTP status when there was one. */
export class UploadError extends DeviceError {
  readonly step: "verify" | "certificate" | "publish" | "policy";
  readonly status: number | undefined;

  constructor(
    code: string,
    step: UploadError["step"],
    message: string,
    status?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = "UploadError";
    this.step = step;
    this.status = status;
  }
}

/**
 * A diagnosis-key export could not be used: download failed, the zip or export.bin is malformed, or its
 * signature does not verify against the configured keys. The exposure check changed nothing.
 */
export class ExportRejectedError extends DeviceError {
  /** Path of the rejected file as listed in index.txt (or the index itself). */
  readonly file: string;

  constructor(code: string, file: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "ExportRejectedError";
    this.file = file;
  }
}
