// The CrowdNotifier public key written into every venue's QR payload. We do not run CrowdNotifier's
// identity-based encryption (warnings use CWA's locationId scheme), so this is a fixed, documented value.
import { createHash } from "node:crypto";

/** SHA-256("bluezone-crowdnotifier-public-key-v1"): part of the payload, hence of each venue's locationId. */
export const CROWD_NOTIFIER_PUBLIC_KEY: Uint8Array = new Uint8Array(
  createHash("sha256").update("bluezone-crowdnotifier-public-key-v1").digest(),
);
