import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, bytesToHex } from "../bytes.ts";
import { ProtocolError } from "../errors.ts";
import { bytesToBase32 } from "./base32.ts";
import { CWA, payloadFromExpected } from "./cwa-vectors.testutil.ts";
import {
  CWA_QR_CODE_DESCRIPTORS,
  checkInUrlDescriptor,
  PayloadEncoding,
  type QrCodeDescriptor,
} from "./descriptors.ts";
import { locationId } from "./location-id.ts";
import { traceLocationTypeFromName } from "./location-type.ts";
import { encodeCwaLocationData, encodeQrCodePayload } from "./qr-payload.ts";
import {
  buildCheckInUrl,
  CheckInUrlError,
  MAX_CHECK_IN_URL_LENGTH,
  parseCheckInUrl,
  verifyCheckInUrl,
} from "./qr-url.ts";
import { TraceLocationValidationError } from "./validation.ts";

const ANDROID_DESCRIPTORS: Record<string, QrCodeDescriptor[]> = Object.fromEntries(
  ["BASE64", "BASE32"].map((name) => [
    name,
    CWA.qrCodeDescriptors.androidUnitTest.descriptors
      .filter((d) => d.payloadEncodingName === name)
      .map((d) => ({
        regexPattern: d.regexPattern,
        versionGroupIndex: d.versionGroupIndex,
        encodedPayloadGroupIndex: d.encodedPayloadGroupIndex,
        payloadEncoding: PayloadEncoding[name as keyof typeof PayloadEncoding],
      })),
  ]),
);
const OUR_BASE = "https://bluezone.example/c/";

/** Android's exception name for a URL no descriptor matches is iOS's codeNotFound. */
function ourCode(appError: string): string {
  return appError === "InvalidQrCodeUriException" ? "codeNotFound" : appError;
}

function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    return (e as ProtocolError).code;
  }
  return undefined;
}

describe("CWA production descriptors", () => {
  it("are the ones of the server configuration", () => {
    expect(CWA_QR_CODE_DESCRIPTORS).toEqual(CWA.qrCodeDescriptors.production.descriptors);
  });
});

describe("qrUrlDecodeCases", () => {
  for (const c of CWA.qrUrlDecodeCases) {
    it(`${c.id}: decodes every field`, () => {
      const sets =
        c.payloadEncoding === "BASE64"
          ? [undefined, ANDROID_DESCRIPTORS.BASE64]
          : [ANDROID_DESCRIPTORS.BASE32];
      for (const descriptors of sets) {
        const parsed = parseCheckInUrl(c.url, descriptors);
        const e = c.expected;
        expect(parsed.version).toBe(1);
        expect(parsed.payload).toEqual(payloadFromExpected(e.qrCodePayload));
        expect(bytesToBase64(parsed.payload.vendorData)).toBe(e.qrCodePayload.vendorDataBase64);
        expect(parsed.cwaLocationData).toEqual({
          version: e.cwaLocationData.version,
          type: traceLocationTypeFromName(e.cwaLocationData.type),
          defaultCheckInLengthInMinutes: e.cwaLocationData.defaultCheckInLengthInMinutes ?? 0,
        });
        // payloadBytes are the raw bytes of the URL's fragment
        const fragment = c.url.slice(c.url.indexOf("#") + 1);
        const rawText = c.payloadEncoding === "BASE32" ? bytesToBase32(parsed.payloadBytes) : null;
        if (rawText !== null) expect(rawText).toBe(fragment);
        else expect(parsed.payloadBytes).toEqual(base64ToBytes(fragment));
      }
    });

    if (c.encodeMustMatchUrl) {
      it(`${c.id}: re-encoding the expected fields gives the exact URL`, () => {
        const e = c.expected;
        const vendorData = encodeCwaLocationData({
          version: e.cwaLocationData.version,
          type: traceLocationTypeFromName(e.cwaLocationData.type)!,
          defaultCheckInLengthInMinutes: e.cwaLocationData.defaultCheckInLengthInMinutes ?? 0,
        });
        expect(bytesToBase64(vendorData)).toBe(e.qrCodePayload.vendorDataBase64);
        const bytes = encodeQrCodePayload({ ...payloadFromExpected(e.qrCodePayload), vendorData });
        expect(buildCheckInUrl("https://e.coronawarn.app", bytes)).toBe(c.url);
      });
    }
  }

  it("base32 and base64 forms of the same venue decode to the same fields", () => {
    const [b64, , b32] = CWA.qrUrlDecodeCases;
    const a = parseCheckInUrl(b64!.url).payload;
    const b = parseCheckInUrl(b32!.url, ANDROID_DESCRIPTORS.BASE32).payload;
    expect(b.locationData).toEqual(a.locationData);
    expect(b.vendorData).toEqual(a.vendorData);
  });
});

describe("qrUrlValidityCases", () => {
  for (const c of CWA.qrUrlValidityCases) {
    const name = `${c.source} ${c.test ?? ""} ${c.input.slice(0, 40)}: ${c.expected} ${c.expectedError ?? ""}`;
    it(name, () => {
      for (const descriptors of [CWA_QR_CODE_DESCRIPTORS, ANDROID_DESCRIPTORS.BASE64!]) {
        if (c.expected === "valid") {
          const parsed = verifyCheckInUrl(c.input, descriptors);
          expect(parsed.payload.locationData.description).toBe(
            "Burlington Coat Factory Warehouse Corporation",
          );
        } else {
          const code = errorCode(() => verifyCheckInUrl(c.input, descriptors));
          expect(code).toBe(ourCode(c.expectedError!));
        }
      }
    });
  }

  it("the iOS valid URL (standard alphabet, explicit zero timestamps) keeps its raw bytes for the locationId", () => {
    const c = CWA.qrUrlValidityCases.find((x) => x.test === "testValidURL")!;
    const parsed = parseCheckInUrl(c.input);
    const raw = base64ToBytes(c.input.split("#")[1]!);
    expect(parsed.payloadBytes).toEqual(raw);
    expect(bytesToHex(locationId(parsed.payloadBytes))).toBe(bytesToHex(locationId(raw)));
  });
});

describe("our own check-in URLs", () => {
  const ours = checkInUrlDescriptor(OUR_BASE);
  const bytes = base64ToBytes(CWA.locationIdCases.cases[2]!.qrCodePayloadBase64);

  it("builds baseUrl?v=1#<base64url without padding>", () => {
    const url = buildCheckInUrl(OUR_BASE, bytes);
    expect(url.startsWith(`${OUR_BASE}?v=1#`)).toBe(true);
    expect(url.split("#")[1]).toBe(
      bytesToBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""),
    );
    expect(url.split("#")[1]).not.toMatch(/[+/=]/);
  });

  it("parses what it builds, with our descriptor alongside CWA's, returning the same raw bytes", () => {
    const url = buildCheckInUrl(OUR_BASE, bytes);
    const parsed = verifyCheckInUrl(url, [ours, ...CWA_QR_CODE_DESCRIPTORS]);
    expect(parsed.payloadBytes).toEqual(bytes);
    expect(parsed.payload.locationData.description).toBe("Apple Computer, Inc.");
    const [head, fragment] = url.split("#");
    // matching is case-insensitive, like the apps
    expect(parseCheckInUrl(`${head!.toUpperCase()}#${fragment}`, [ours]).payloadBytes).toEqual(bytes);
    expect(
      parseCheckInUrl(CWA.qrUrlDecodeCases[0]!.url, [ours, ...CWA_QR_CODE_DESCRIPTORS]).payload.version,
    ).toBe(1);
  });

  it("accepts the standard base64 alphabet and padding in the fragment", () => {
    const url = `${OUR_BASE}?v=1#${bytesToBase64(bytes)}`;
    expect(parseCheckInUrl(url, [ours]).payloadBytes).toEqual(bytes);
  });

  it("does not match another host, a missing version or a prefix/suffix around the URL", () => {
    const url = buildCheckInUrl(OUR_BASE, bytes);
    for (const bad of [
      url.replace("bluezone.example", "bluezone.evil"),
      url.replace("?v=1", ""),
      `x${url}`,
      url.replace("https://", "http://"),
      "https://bluezoneXexample/c/?v=1#CAES",
    ]) {
      expect(errorCode(() => parseCheckInUrl(bad, [ours]))).toBe("codeNotFound");
    }
    expect(errorCode(() => parseCheckInUrl(url))).toBe("codeNotFound"); // not in CWA's descriptors
  });

  it("reports undecodable payloads as invalidVendorData", () => {
    for (const fragment of ["Wrong_payload", "AAAA", "CAESIAgB", "%%%"]) {
      expect(errorCode(() => parseCheckInUrl(`${OUR_BASE}?v=1#${fragment}`, [ours]))).toBe(
        "invalidVendorData",
      );
    }
  });

  it("reports a descriptor whose payload group does not exist as invalidPayload", () => {
    const broken = { ...ours, encodedPayloadGroupIndex: 5 };
    expect(errorCode(() => parseCheckInUrl(buildCheckInUrl(OUR_BASE, bytes), [broken]))).toBe(
      "invalidPayload",
    );
  });

  it("skips descriptors whose pattern does not compile", () => {
    const broken = { ...ours, regexPattern: "https://(unclosed" };
    const url = buildCheckInUrl(OUR_BASE, bytes);
    expect(parseCheckInUrl(url, [broken, ours]).payloadBytes).toEqual(bytes);
  });

  it("refuses overlong input and non-strings as codeNotFound", () => {
    const long = `${OUR_BASE}?v=1#${"A".repeat(MAX_CHECK_IN_URL_LENGTH)}`;
    expect(errorCode(() => parseCheckInUrl(long, [ours]))).toBe("codeNotFound");
    expect(errorCode(() => parseCheckInUrl(42 as unknown as string))).toBe("codeNotFound");
  });

  it("verifyCheckInUrl applies the field checks after decoding", () => {
    // Android's vector has a 4-byte seed: it decodes, but fails the 16-byte seed rule
    const url = CWA.qrUrlDecodeCases[0]!.url;
    expect(() => parseCheckInUrl(url)).not.toThrow();
    expect(() => verifyCheckInUrl(url)).toThrow(TraceLocationValidationError);
    expect(errorCode(() => verifyCheckInUrl(url))).toBe("invalidCryptoSeed");
  });

  it("reads luca-app URLs through CWA's second descriptor", () => {
    const url = `https://app.luca-app.de/webapp/setup#e30/CWA1/${buildCheckInUrl(OUR_BASE, bytes).split("#")[1]}`;
    expect(parseCheckInUrl(url).payloadBytes).toEqual(bytes);
  });

  it("rejects base URLs with a query, a fragment or no scheme", () => {
    for (const bad of [
      "bluezone.example/c/",
      "https://bluezone.example/c/?x=1",
      "https://bluezone.example/#c",
      "ftp://x/",
    ]) {
      expect(() => buildCheckInUrl(bad, bytes)).toThrow(ProtocolError);
      expect(() => checkInUrlDescriptor(bad)).toThrow(ProtocolError);
    }
    expect(() => buildCheckInUrl(OUR_BASE, new Uint8Array())).toThrow(ProtocolError);
  });
});

describe("CheckInUrlError", () => {
  it("is a DecodeError with the app's code", () => {
    const e = new CheckInUrlError("codeNotFound", "x");
    expect(e).toBeInstanceOf(ProtocolError);
    expect(e.code).toBe("codeNotFound");
    expect(e.name).toBe("CheckInUrlError");
  });
});
