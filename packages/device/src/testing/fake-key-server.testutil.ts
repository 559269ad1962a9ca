/**
 * FakeKeyServer (tests only): an in-memory Http that plays the verification server (/v1/verify,
 * /v1/certificate with the tekmac), the key server (/v1/publish, report type from the "certificate") and
 * the blob store (<blobBaseUrl>/<region>/index.txt + signed export zips made with the protocol's signing).
 */
import {
  base64ToBytes,
  type ExportKey,
  encodeExportBin,
  exportPublicKeyPem,
  generateSigningKeyPair,
  ReportType,
  type SigningKeyPair,
  signExport,
  verifyTekMac,
  writeExportZip,
} from "@bluezone/protocol";
import type { Clock, Http, HttpBytesResponse, HttpJsonResponse } from "../adapters.ts";
import type { ExposureSourceConfig, KeyServerConfig } from "../config.ts";

export const SERVER_URL = "https://keys.test";
export const BLOB_URL = "https://cdn.test/exports";
export const REGION = "exposureKeyExport-VN";
const SIGNATURE_INFO = {
  verificationKeyId: "bluezone-test",
  verificationKeyVersion: "v1",
  signatureAlgorithm: "1.2.840.10045.4.3.2",
};

const REPORT_TYPE_OF: Record<string, ExportKey["reportType"]> = {
  confirmed: ReportType.CONFIRMED_TEST,
  likely: ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
  close_contact: ReportType.RECURSIVE,
};

interface PublishBody {
  temporaryExposureKeys: {
    key: string;
    rollingStartNumber: number;
    rollingPeriod: number;
    transmissionRisk: number;
  }[];
  healthAuthorityID: string;
  verificationPayload: string;
  hmacKey: string;
  symptomOnsetInterval?: number;
  padding: string;
}

export interface RecordedRequest {
  method: "GET" | "POST";
  url: string;
  body?: unknown;
}

export class FakeKeyServer implements Http {
  readonly requests: RecordedRequest[] = [];
  readonly blobs = new Map<string, Uint8Array>();
  readonly published: ExportKey[] = [];
  readonly #codes = new Map<string, { testType: string; symptomDate?: string }>();
  readonly #tokens = new Map<string, { testType: string; symptomDate?: string }>();
  readonly #certs = new Map<string, { tekmac: string; testType: string; symptomDate?: string }>();
  #pending: ExportKey[] = [];
  #files: string[] = [];
  #n = 0;

  private constructor(
    readonly signing: SigningKeyPair,
    readonly publicKeyPem: string,
    readonly clock: Clock,
  ) {}

  static async create(clock: Clock): Promise<FakeKeyServer> {
    const signing = await generateSigningKeyPair();
    return new FakeKeyServer(signing, await exportPublicKeyPem(signing.publicKey), clock);
  }

  get exposureSource(): ExposureSourceConfig {
    return {
      blobBaseUrl: BLOB_URL,
      region: REGION,
      publicKeys: [{ key: this.publicKeyPem, keyId: "bluezone-test" }],
    };
  }

  get keyServer(): KeyServerConfig {
    return { baseUrl: SERVER_URL, healthAuthorityID: "vn.bluezone.test" };
  }

  /** A health-authority officer issues a one-time code. */
  issueCode(testType: string, symptomDate?: string): string {
    const code = String(10_000_000 + ++this.#n);
    this.#codes.set(code, { testType, symptomDate });
    return code;
  }

  /** Runs the export job: every key published since the last run goes into one signed zip listed in index.txt. */
  async exportBatch(keys: ExportKey[] = this.#pending): Promise<string | undefined> {
    if (keys.length === 0) return undefined;
    const now = Math.floor(this.clock.nowMs() / 1000);
    const path = `${REGION}/${now}-${++this.#n}-1-of-1.zip`;
    this.putBlob(path, await makeSignedZip(keys, this.signing.privateKey, now));
    if (keys === this.#pending) this.#pending = [];
    return path;
  }

  /** Stores a blob and lists it in index.txt (for tests that plant foreign or broken files). */
  putBlob(path: string, bytes: Uint8Array): void {
    this.blobs.set(`${BLOB_URL}/${path}`, bytes);
    this.#files.push(path);
    this.blobs.set(
      `${BLOB_URL}/${REGION}/index.txt`,
      new TextEncoder().encode(`${this.#files.join("\n")}\n`),
    );
  }

  async get(url: string): Promise<HttpBytesResponse> {
    this.requests.push({ method: "GET", url });
    const body = this.blobs.get(url);
    return body ? { status: 200, body: Uint8Array.from(body) } : { status: 404, body: new Uint8Array() };
  }

  async postJson(url: string, body: unknown): Promise<HttpJsonResponse> {
    this.requests.push({ method: "POST", url, body });
    const b = body as Record<string, unknown>;
    if (url === `${SERVER_URL}/v1/verify`) {
      const entry = this.#codes.get(String(b.code));
      if (!entry) return { status: 400, body: { error: "code invalid", errorCode: "code_invalid" } };
      this.#codes.delete(String(b.code));
      const token = `tok-${++this.#n}`;
      this.#tokens.set(token, entry);
      return { status: 200, body: { token, testtype: entry.testType, symptomDate: entry.symptomDate ?? "" } };
    }
    if (url === `${SERVER_URL}/v1/certificate`) {
      const entry = this.#tokens.get(String(b.token));
      if (!entry) return { status: 400, body: { errorCode: "token_invalid" } };
      this.#tokens.delete(String(b.token));
      const certificate = `cert-${++this.#n}`;
      this.#certs.set(certificate, { ...entry, tekmac: String(b.ekeyhmac) });
      return { status: 200, body: { certificate } };
    }
    if (url === `${SERVER_URL}/v1/publish`) return this.#publish(body as PublishBody);
    return { status: 404, body: undefined };
  }

  #publish(body: PublishBody): HttpJsonResponse {
    const cert = this.#certs.get(body.verificationPayload);
    if (!cert) return { status: 401, body: { errorCode: "certificate_invalid" } };
    const keys = body.temporaryExposureKeys.map((k) => ({
      keyData: base64ToBytes(k.key),
      rollingStartIntervalNumber: k.rollingStartNumber,
      rollingPeriod: k.rollingPeriod,
      transmissionRiskLevel: k.transmissionRisk,
    }));
    if (!verifyTekMac(keys, base64ToBytes(body.hmacKey), cert.tekmac)) {
      return { status: 400, body: { errorCode: "hmac_mismatch" } };
    }
    this.#certs.delete(body.verificationPayload);
    const onsetDay = cert.symptomDate
      ? Math.floor(Date.parse(`${cert.symptomDate}T00:00:00Z`) / 86_400_000)
      : undefined;
    for (const k of keys) {
      const key: ExportKey = { ...k, reportType: REPORT_TYPE_OF[cert.testType] ?? ReportType.CONFIRMED_TEST };
      if (onsetDay !== undefined)
        key.daysSinceOnsetOfSymptoms = Math.floor(k.rollingStartIntervalNumber / 144) - onsetDay;
      this.published.push(key);
      this.#pending.push(key);
    }
    return { status: 200, body: { revisionToken: `rev-${++this.#n}`, insertedExposures: keys.length } };
  }
}

/** A signed export zip of `keys` (sorted by key bytes) made with the protocol's encoder and signer. */
export async function makeSignedZip(
  keys: readonly ExportKey[],
  privateKey: SigningKeyPair["privateKey"],
  nowSeconds: number,
): Promise<Uint8Array> {
  const sorted = [...keys].sort((a, b) => compareBytes(a.keyData, b.keyData));
  const exportBin = encodeExportBin({
    startTimestamp: nowSeconds - 3600,
    endTimestamp: nowSeconds,
    region: "VN",
    batchNum: 1,
    batchSize: 1,
    signatureInfos: [SIGNATURE_INFO],
    keys: sorted,
    revisedKeys: [],
  });
  const exportSig = await signExport(exportBin, privateKey, SIGNATURE_INFO, 1, 1);
  return writeExportZip({ exportBin, exportSig });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
