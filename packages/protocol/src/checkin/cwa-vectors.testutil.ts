/** Test-only helpers: read the CWA check-in vectors from ../shared/cwa-checkin-vectors (never copied into the repo). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { base64ToBytes } from "../bytes.ts";
import type { QRCodePayload } from "./types.ts";

const VECTORS = new URL("../../../../../shared/cwa-checkin-vectors/", import.meta.url);

/** Absolute path of the official .proto include root. */
export const PROTO_ROOT = fileURLToPath(new URL("proto/", VECTORS));

/** Parsed JSON of a file in shared/cwa-checkin-vectors. */
export function vectorJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, VECTORS), "utf8")) as T;
}

export interface ExpectedPayload {
  version: number;
  locationData: {
    version: number;
    description: string;
    address: string;
    startTimestamp: number | null;
    endTimestamp: number | null;
  };
  crowdNotifierData: { version: number; publicKeyBase64: string; cryptographicSeedBase64: string };
  vendorDataBase64: string;
}

export interface CwaVectors {
  qrCodeDescriptors: {
    production: {
      descriptors: {
        regexPattern: string;
        versionGroupIndex: number;
        encodedPayloadGroupIndex: number;
        payloadEncoding: number;
      }[];
    };
    androidUnitTest: {
      descriptors: {
        regexPattern: string;
        versionGroupIndex: number;
        encodedPayloadGroupIndex: number;
        payloadEncodingName: string;
      }[];
    };
  };
  qrUrlDecodeCases: {
    id: string;
    url: string;
    payloadEncoding: "BASE64" | "BASE32";
    encodeMustMatchUrl: boolean;
    expected: {
      qrCodePayload: ExpectedPayload;
      cwaLocationData: { version: number; type: string; defaultCheckInLengthInMinutes: number | null };
    };
  }[];
  qrUrlValidityCases: {
    source: string;
    test?: string;
    input: string;
    expected: "valid" | "invalid";
    expectedError?: string;
  }[];
  traceLocationValidationCases: {
    cases: {
      test: string;
      description: string;
      address: string;
      cryptographicSeedLength: number;
      startDate?: string;
      endDate?: string;
      expected?: "valid";
      expectedError?: string;
    }[];
  };
  locationIdCases: {
    cases: {
      id: string;
      qrCodePayloadBase64: string;
      traceLocation: {
        type: string;
        description: string;
        address: string;
        startTimestamp: number | null;
        endTimestamp: number | null;
        defaultCheckInLengthInMinutes: number | null;
        cryptographicSeedBase64: string;
        cnPublicKeyBase64: string;
      };
      expectedLocationIdBase64: string;
      expectedLocationIdHex?: string;
    }[];
  };
  locationIdHashCases: { cases: { locationIdHex: string; expectedLocationIdHashHex: string }[] };
  checkInEncryption: {
    keyDerivationCases: {
      locationIdBase64: string;
      expectedEncryptionKeyBase64: string;
      expectedMacKeyBase64: string;
    }[];
    macCases: {
      macKeyBase64: string;
      ivBase64: string;
      encryptedCheckInRecordBase64: string;
      expectedMacBase64: string;
    }[];
    roundTripCases: {
      id: string;
      locationIdBase64: string;
      ivBase64: string;
      checkInRecord: { startIntervalNumber: number; period: number; transmissionRiskLevel: number };
      iosEncryptInput: { startInterval: number; endInterval: number; riskLevel: number };
      expectedEncryptedCheckInRecordBase64: string;
      expectedMacBase64: string;
    }[];
    androidEncryptFromCheckInTimesCases: {
      id: string;
      locationIdBase64: string;
      ivBase64: string;
      checkInStartMinutesSinceEpoch: number;
      checkInEndMinutesSinceEpoch: number;
      transmissionRiskLevel: number;
      expectedEncryptedCheckInRecordBase64: string;
      expectedMacBase64: string;
    }[];
    tamperedCases: {
      locationIdBase64: string;
      ivBase64: string;
      encryptedCheckInRecordBase64: string;
      macBase64: string;
    }[];
    serializedProtectedReportCases: {
      checkIns: { locationIdHex: string; startDate: string; endDate: string }[];
      cases: { test: string; reportsBase64: string[]; expectedWarnings: number }[];
    };
    serverLengthRules: {
      acceptedLengths: { encryptedCheckInRecord: number; iv: number; locationIdHash: number; mac: number };
      rejectedLengths: number[];
    };
  };
  overlapCases: {
    checkInLocationIdHex: string;
    checkInLocationIdHashHex: string;
    warning: { start: string; period: number; transmissionRiskLevel: number };
    cases: {
      name: string;
      checkInStart: string;
      checkInEnd: string;
      warningLocationIdHex?: string;
      checkInIsSubmitted?: boolean;
      expectedOverlapMinutes: number | null;
    }[];
  };
}

export interface TimeIntervalVectors {
  defaultConfiguration: unknown;
  testCases: {
    description: string;
    startDate: string;
    endDate: string;
    expStartDate: string | null;
    expEndDate: string | null;
  }[];
}

export const CWA = vectorJson<CwaVectors>("cwa_checkin_test_vectors.json");
export const TIME_INTERVALS = vectorJson<TimeIntervalVectors>("ios_checkin-timeinterval-derivation.json");

/** The payload the vectors describe (null timestamps are proto3 zeros). */
export function payloadFromExpected(e: ExpectedPayload): QRCodePayload {
  return {
    version: e.version,
    locationData: {
      version: e.locationData.version,
      description: e.locationData.description,
      address: e.locationData.address,
      startTimestamp: e.locationData.startTimestamp ?? 0,
      endTimestamp: e.locationData.endTimestamp ?? 0,
    },
    crowdNotifierData: {
      version: e.crowdNotifierData.version,
      publicKey: base64ToBytes(e.crowdNotifierData.publicKeyBase64),
      cryptographicSeed: base64ToBytes(e.crowdNotifierData.cryptographicSeedBase64),
    },
    vendorData: base64ToBytes(e.vendorDataBase64),
  };
}
