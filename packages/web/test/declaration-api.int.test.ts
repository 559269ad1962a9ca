// The web app's declaration module against the real server (every feature, PGlite): its form limits match
// the server's, its client-side validation agrees with the server (a form the device accepts is accepted by
// the server, one it refuses is refused), and the calls work end to end. (Lists and types are the server's own.)
import { createTestApp, DECLARATION_LIMITS, features, type TestApp } from "@bluezone/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, ApiError, type FetchLike } from "../src/api/client.ts";
import { declarationApi } from "../src/declaration/api.ts";
import { CONDITIONS, EXPOSURES, SYMPTOMS } from "../src/declaration/types.ts";
import { type DeclarationForm, emptyForm, LIMITS, validateDeclaration } from "../src/declaration/validate.ts";

const now = new Date("2026-05-10T03:00:00Z");
let t: TestApp;

/** A fetch that goes through app.inject (no socket). */
const injectFetch: FetchLike = async (url, init) => {
  const res = await t.app.inject({
    method: init.method as "GET" | "POST" | "PUT" | "DELETE",
    url,
    headers: init.headers as Record<string, string>,
    ...(typeof init.body === "string" ? { payload: init.body } : {}),
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers))
    if (value !== undefined) headers.set(name, String(value));
  return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode, headers });
};

beforeAll(async () => {
  t = await createTestApp({
    features,
    clock: () => now,
    env: {
      WEB_ENABLED: "false",
      DECLARATION_SUBMIT_RATE_LIMIT: "100000",
      DECLARATION_READ_RATE_LIMIT: "100000",
    },
  });
});
afterAll(async () => {
  await t?.close();
});

describe("web declaration limits match the server", () => {
  // The lists and the request/response types come from the server itself (@bluezone/server/api); the
  // form's length limits are the web's own copy for instant feedback, so they are checked here.
  it("has the server's limits", () => {
    expect(LIMITS).toEqual(DECLARATION_LIMITS);
  });
});

/** What the form would send without checks (for forms the device refuses). */
function rawBody(form: DeclarationForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: form.kind,
    fullName: form.fullName.trim(),
    yearOfBirth: /^\d+$/.test(form.yearOfBirth.trim()) ? Number(form.yearOfBirth) : form.yearOfBirth,
    nationality: form.nationality,
    phone: form.phone.trim(),
    address: { provinceCode: form.provinceCode, communeCode: form.communeCode, street: form.street.trim() },
    symptoms: form.symptoms,
    exposures: form.exposures,
    conditions: form.conditions,
  };
  if (form.gender) body.gender = form.gender;
  if (form.idNumber.trim()) body.idNumber = form.idNumber.trim().toUpperCase();
  if (form.kind === "domestic_travel") {
    body.travel = {
      transport: form.transport || undefined,
      ...(form.vehicleNumber.trim() ? { vehicleNumber: form.vehicleNumber.trim() } : {}),
      departure: { provinceCode: form.departureProvince, communeCode: form.departureCommune },
      destination: { provinceCode: form.destinationProvince, communeCode: form.destinationCommune },
      date: form.travelDate,
    };
  }
  return body;
}

describe("client-side validation mirrors the server's", () => {
  it("accepts exactly what the server accepts", async () => {
    const good = [
      ["79", "26743"],
      ["79", "25747"],
      ["01", "00004"],
    ] as const;
    const bad = [
      ["", ""],
      ["79", ""],
    ] as const;
    /** Mostly valid values, sometimes a near miss, rarely anything at all. */
    const pick = <T>(valid: readonly T[], odd: readonly T[], any?: fc.Arbitrary<T>) =>
      fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...valid) },
        { weight: 2, arbitrary: fc.constantFrom(...odd) },
        ...(any ? [{ weight: 1, arbitrary: any }] : []),
      );
    const place = pick<readonly [string, string]>(good, bad);
    const form = fc.record({
      kind: fc.constantFrom("health", "domestic_travel"),
      fullName: pick(
        ["Nguyễn Văn An", " Lê Thị Hoa ", "O'Brien"],
        ["A", "Lê 2", ""],
        fc.string({ maxLength: 110 }),
      ),
      yearOfBirth: pick(
        ["1990", "2026", "1906"],
        ["2027", "1905", "1899", "19x0", ""],
        fc.string({ maxLength: 6 }),
      ),
      gender: pick(["male", "female", "other"], [""]),
      nationality: fc.constantFrom("VN", "VN", "FR", "US"),
      idNumber: pick(
        ["", "079190001234", "123456789", "C1234567"],
        ["12345678", "X1234AB9", "ab"],
        fc.string({ maxLength: 22 }),
      ),
      phone: pick(
        ["0912 345 678", "+84912345678", "(028) 3829-1234", "+1 415 555 0100"],
        ["0123", "abc"],
        fc.string({ maxLength: 24 }),
      ),
      address: place,
      street: pick(["12 Lê Lợi", " Ấp 3 "], ["--", "x", ""], fc.string({ maxLength: 210 })),
      symptoms: fc.subarray([...SYMPTOMS]),
      exposures: fc.subarray([...EXPOSURES]),
      conditions: fc.subarray([...CONDITIONS]),
      transport: pick(["plane", "coach"], [""]),
      vehicleNumber: pick(["", "VN 213", "51B-123.45"], ["VN#1"], fc.string({ maxLength: 24 })),
      departure: place,
      destination: place,
      travelDate: pick(["2026-05-10", "2026-04-26", "2026-05-17"], ["2026-04-25", "2026-05-18", ""]),
    });
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(form, async (f) => {
        const state: DeclarationForm = {
          ...emptyForm(),
          ...f,
          provinceCode: f.address[0],
          communeCode: f.address[1],
          departureProvince: f.departure[0],
          departureCommune: f.departure[1],
          destinationProvince: f.destination[0],
          destinationCommune: f.destination[1],
        } as DeclarationForm;
        const checked = validateDeclaration(state, now);
        const body = checked.ok ? checked.body : rawBody(state);
        const res = await t.app.inject({
          method: "POST",
          url: "/v1/declarations",
          headers: { "content-type": "application/json" },
          payload: JSON.stringify(body),
        });
        const what = `${JSON.stringify(body)} -> ${res.body.slice(0, 400)} / ${JSON.stringify(checked)}`;
        if (checked.ok) {
          expect(res.statusCode, what).toBe(201);
          accepted++;
        } else {
          expect(res.statusCode, what).toBe(400);
          refused++;
        }
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});

describe("declarationApi end to end", () => {
  it("declares, lists, follows up, reads the figures and deletes through the web client", async () => {
    const api = declarationApi(new ApiClient({ fetch: injectFetch }));
    const form: DeclarationForm = {
      ...emptyForm(),
      fullName: "Trần Văn Bình",
      yearOfBirth: "1985",
      gender: "male",
      phone: "0912 345 678",
      provinceCode: "79",
      communeCode: "26743",
      street: "5 Nguyễn Huệ",
      symptoms: ["cough"],
    };
    const checked = validateDeclaration(form, now);
    if (!checked.ok) throw new Error("form should be valid");
    const first = await api.submit(checked.body, null, "vi");
    const key = first.declarantKey as string;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.declaration.address.commune.name).toBe("Phường Bến Thành");
    await api.followUp(key, first.declaration.id, "2026-05-10", { symptoms: [], temperature: 37.2 }, "vi");
    const list = await api.list(key);
    expect(list.map((d) => d.id)).toEqual([first.declaration.id]);
    expect(list[0]?.followUps).toMatchObject([{ day: "2026-05-10", temperature: 37.2 }]);

    const refused = await api
      .submit({ ...checked.body, phone: "12" }, key, "en")
      .catch((e: unknown) => e as ApiError);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).problem.errors?.[0]).toMatchObject({ pointer: "#/phone" });

    const provinces = await api.provinces();
    expect(provinces).toHaveLength(34);
    expect((await api.unit("79")).children).toHaveLength(168);

    await api.withdraw(key, first.declaration.id);
    expect(await api.list(key)).toEqual([]);
    await api.forget(key);
    await expect(api.list(key)).rejects.toMatchObject({ status: 401 });
  });
});
