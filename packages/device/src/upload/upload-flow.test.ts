import { base64ToBytes, generateTek, verifyTekMac } from "@bluezone/protocol";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../adapters/random.ts";
import type { Http, HttpJsonResponse } from "../adapters.ts";
import { ConsentRequiredError, UploadError } from "../errors.ts";
import type { PublishRequest } from "./key-server-api.ts";
import {
  PUBLISH_PADDED_CHARS,
  runUploadFlow,
  symptomOnsetInterval,
  type UploadFlowDeps,
} from "./upload-flow.ts";

const DAY0 = Date.UTC(2021, 7, 2);
const keys = Array.from({ length: 3 }, (_, d) =>
  generateTek(new Uint8Array(16).fill(d + 1), DAY0 / 1000 + d * 86_400),
);

/** Scripted server: answers each POST from a table and records the bodies. */
function server(
  answers: Record<string, HttpJsonResponse>,
): Http & { posts: { url: string; body: unknown }[] } {
  const posts: { url: string; body: unknown }[] = [];
  return {
    posts,
    async get() {
      throw new Error("the upload flow never GETs");
    },
    async postJson(url, body) {
      posts.push({ url, body });
      const path = new URL(url).pathname;
      return answers[path] ?? { status: 404, body: undefined };
    },
  };
}

const ok = {
  "/v1/verify": {
    status: 200,
    body: { token: "t1", testtype: "confirmed", symptomDate: "2021-08-03", padding: "xx" },
  },
  "/v1/certificate": { status: 200, body: { certificate: "jwt" } },
  "/v1/publish": { status: 200, body: { revisionToken: "rev", insertedExposures: 3 } },
};

const deps = (http: Http): UploadFlowDeps => ({
  http,
  random: new SeededRandom(3),
  keyServer: { baseUrl: "https://keys.test", healthAuthorityID: "vn.test" },
  transmissionRisk: 0,
  keys,
  revisionToken: "old-rev",
});

describe("upload flow", () => {
  it("verify -> certificate with the tekmac of the keys -> publish with the same keys, HMAC key and certificate", async () => {
    const http = server(ok);
    const out = await runUploadFlow(deps(http), { code: " 12345678 ", consent: true });
    expect(out).toEqual({
      testType: "confirmed",
      keyCount: 3,
      insertedExposures: 3,
      revisionToken: "rev",
      checkInReportCount: 0,
      insertedCheckInReports: 0,
      reportedCheckInIds: [],
    });
    expect(http.posts.map((p) => p.url)).toEqual([
      "https://keys.test/v1/verify",
      "https://keys.test/v1/certificate",
      "https://keys.test/v1/publish",
    ]);
    expect(http.posts[0]!.body).toEqual({ code: "12345678" });
    const cert = http.posts[1]!.body as { token: string; ekeyhmac: string };
    expect(cert.token).toBe("t1");
    const pub = http.posts[2]!.body as PublishRequest;
    expect(pub).toMatchObject({
      healthAuthorityID: "vn.test",
      verificationPayload: "jwt",
      revisionToken: "old-rev",
      symptomOnsetInterval: symptomOnsetInterval("2021-08-03"),
    });
    expect(pub.temporaryExposureKeys).toHaveLength(3);
    const published = pub.temporaryExposureKeys.map((k) => ({
      keyData: base64ToBytes(k.key),
      rollingStartIntervalNumber: k.rollingStartNumber,
      rollingPeriod: k.rollingPeriod,
      transmissionRiskLevel: k.transmissionRisk,
    }));
    // The server's check: the certificate's tekmac (ekeyhmac) is the HMAC of exactly the published keys.
    expect(verifyTekMac(published, base64ToBytes(pub.hmacKey), cert.ekeyhmac)).toBe(true);
    expect(base64ToBytes(pub.hmacKey)).toHaveLength(32);
    expect(JSON.stringify(pub).length).toBeGreaterThanOrEqual(PUBLISH_PADDED_CHARS);
  });

  it("a fresh random HMAC key each time", async () => {
    const a = server(ok);
    const b = server(ok);
    await runUploadFlow({ ...deps(a), random: new SeededRandom(1) }, { code: "1", consent: true });
    await runUploadFlow({ ...deps(b), random: new SeededRandom(2) }, { code: "1", consent: true });
    const hmacKeyOf = (h: typeof a) => (h.posts[2]!.body as PublishRequest).hmacKey;
    expect(hmacKeyOf(a)).not.toBe(hmacKeyOf(b));
  });

  it("sends nothing without consent: true", async () => {
    for (const bad of [
      undefined,
      { code: "1" },
      { code: "1", consent: false },
      { code: "1", consent: "true" },
    ]) {
      const http = server(ok);
      await expect(runUploadFlow(deps(http), bad as never)).rejects.toBeInstanceOf(ConsentRequiredError);
      expect(http.posts).toHaveLength(0);
    }
  });

  it("a negative code stops after verify: no certificate, no publish", async () => {
    const http = server({ ...ok, "/v1/verify": { status: 200, body: { token: "t", testtype: "negative" } } });
    const err = await runUploadFlow(deps(http), { code: "1", consent: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(err).toMatchObject({ code: "negative_test", step: "policy" });
    expect(http.posts).toHaveLength(1);
  });

  it("server errors become UploadError with the step, status and server code", async () => {
    const http = server({ ...ok, "/v1/certificate": { status: 400, body: { errorCode: "token_expired" } } });
    const err = await runUploadFlow(deps(http), { code: "1", consent: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: "UploadError",
      code: "token_expired",
      step: "certificate",
      status: 400,
    });
    const bad = server({ ...ok, "/v1/publish": { status: 200, body: { nope: 1 } } });
    await expect(runUploadFlow(deps(bad), { code: "1", consent: true })).rejects.toMatchObject({
      code: "bad_response",
    });
  });

  describe("check-ins of an F0", () => {
    const report = { locationIdHash: "aA==", iv: "bA==", encryptedCheckInRecord: "cA==", mac: "dA==" };
    const wallet = () => {
      const calls = { n: 0 };
      return {
        calls,
        checkInReports: async () => {
          calls.n++;
          return { reports: [report, report], checkInIds: ["c1", "c2"] };
        },
      };
    };
    const answers = (testtype: string, insertedCheckInReports?: number) => ({
      ...ok,
      "/v1/verify": { status: 200, body: { token: "t1", testtype } },
      "/v1/publish": {
        status: 200,
        body: { revisionToken: "rev", insertedExposures: 3, insertedCheckInReports },
      },
    });

    it("a confirmed or likely upload carries the check-ins (default on) inside the padded body", async () => {
      for (const testtype of ["confirmed", "likely"]) {
        const http = server(answers(testtype, 2));
        const w = wallet();
        const out = await runUploadFlow(
          { ...deps(http), checkInReports: w.checkInReports },
          { code: "1", consent: true },
        );
        const pub = http.posts[2]!.body as PublishRequest;
        expect(pub.checkInProtectedReports).toEqual([report, report]);
        expect(out).toMatchObject({
          checkInReportCount: 2,
          insertedCheckInReports: 2,
          reportedCheckInIds: ["c1", "c2"],
        });
      }
    });

    it("sends none with shareCheckIns: false or for a close contact; unstored reports stay unreported", async () => {
      const off = server(answers("confirmed"));
      const w = wallet();
      const a = await runUploadFlow(
        { ...deps(off), checkInReports: w.checkInReports },
        { code: "1", consent: true, shareCheckIns: false },
      );
      const close = server(answers("close_contact"));
      const b = await runUploadFlow(
        { ...deps(close), checkInReports: w.checkInReports },
        { code: "1", consent: true },
      );
      expect(w.calls.n).toBe(0);
      for (const http of [off, close]) {
        expect((http.posts[2]!.body as PublishRequest).checkInProtectedReports).toBeUndefined();
      }
      expect([a.checkInReportCount, b.checkInReportCount]).toEqual([0, 0]);
      // The server dropped them (e.g. a replayed upload): the phone keeps them to send with a later upload.
      const dropped = server(answers("confirmed", 0));
      const c = await runUploadFlow(
        { ...deps(dropped), checkInReports: w.checkInReports },
        { code: "1", consent: true },
      );
      expect(c).toMatchObject({ checkInReportCount: 2, insertedCheckInReports: 0, reportedCheckInIds: [] });
    });
  });
});
