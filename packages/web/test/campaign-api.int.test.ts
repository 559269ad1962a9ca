// The console's campaign API module against the real server (auth + campaign, PGlite): every call works end
// to end, including the raw subscriber upload with its row errors. (Its types are derived from the server's
// TypeBox schemas in @bluezone/server/api, so they cannot drift.)
import { authFeature, campaignFeature, createAccount, createTestApp, type TestApp } from "@bluezone/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, ApiError, type FetchLike } from "../src/api/client.ts";
import { type CampaignApi, campaignApi } from "../src/campaign/api.ts";

/** A fetch through app.inject, with string or Blob bodies. */
const injectFetch =
  (t: TestApp): FetchLike =>
  async (url, init) => {
    const body = init.body instanceof Blob ? Buffer.from(await init.body.arrayBuffer()) : init.body;
    const res = await t.app.inject({
      method: init.method as "GET",
      url,
      headers: init.headers as Record<string, string>,
      ...(typeof body === "string" || Buffer.isBuffer(body) ? { payload: body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers))
      if (value !== undefined) headers.set(name, String(value));
    return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode, headers });
  };

let t: TestApp;
let api: CampaignApi;

beforeAll(async () => {
  t = await createTestApp({ features: [authFeature, campaignFeature], env: { AUTH_SCRYPT_COST: "10" } });
  await createAccount(
    t.db,
    { username: "national", password: "password-123", role: "national" },
    { scryptCost: 10 },
  );
  const fetch = injectFetch(t);
  const client = new ApiClient({ fetch });
  const { token } = await client.post<{ token: string }>("/v1/auth/login", {
    username: "national",
    password: "password-123",
  });
  const authed = new ApiClient({ fetch, token: () => token });
  api = campaignApi(authed, () => token, fetch as typeof globalThis.fetch);
});
afterAll(async () => {
  await t?.close();
});

describe("campaign API calls", () => {
  it("reads figures, sets a target and uploads subscriber files", async () => {
    expect(await api.home()).toMatchObject({ unitCode: "VN", level: "national" });
    await expect(
      api.uploadSubscribers(new Blob(["unit code,subscribers,date\n00004,x,2025-08-01\n"]), "t.csv"),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof ApiError &&
        e.status === 422 &&
        JSON.stringify(e.problem.rowErrors) ===
          JSON.stringify([
            {
              line: 2,
              column: "subscribers",
              code: "invalid-number",
              value: "x",
              message: '"x" is not a whole number between 1 and 200000000',
            },
          ]),
    );
    expect(
      await api.uploadSubscribers(new Blob(["unit code,subscribers,date\n00004,100,2025-08-01\n"]), "t.csv"),
    ).toMatchObject({ rows: 1 });
    expect((await api.uploads())[0]).toMatchObject({ fileName: "t.csv", rows: 1 });
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(await api.setTarget("01", 60, deadline)).toMatchObject({ own: { percentBp: 6000, deadline } });
    const summary = await api.summary("00004");
    expect(summary.unit).toMatchObject({
      subscribers: 100,
      coverage: "0.00%",
      target: { unitCode: "01", inherited: true },
    });
    expect((await api.ranking("01")).length).toBe(126);
    expect((await api.provinces()).length).toBe(34);
    expect((await api.trend("00004", 7)).points).toHaveLength(7);
    expect(await api.deleteTarget("01")).toMatchObject({ own: null, applied: null });
  });
});
