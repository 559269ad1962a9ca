// Fuzz of the declaration endpoints (submit, list, read, follow-up, withdraw, forget, officials' statistics):
// > 10,000 requests mixing garbage with near-valid bodies, keys, ids and queries. Every answer is 2xx or a 4xx
// problem+json, never 5xx; a rejected request (and any read) leaves every declaration table as it was; a key
// only ever sees its own declarations; an official only gets figures of units within their own.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFuzzClient, type FuzzClient, type FuzzRequest, weird } from "../platform/fuzz.testutil.ts";
import { CONDITIONS, EXPOSURES, SYMPTOMS } from "./catalog.ts";
import {
  BA_DINH,
  BEN_THANH,
  createDeclarationHarness,
  type DeclarationHarness,
  declarationState,
  healthBody,
  THU_DAU_MOT,
  travelBody,
} from "./declaration.testutil.ts";

const RUNS = { submit: 3600, followUp: 2000, read: 1600, withdraw: 1000, stats: 1800 };

describe("declaration endpoints under fuzzing", () => {
  let h: DeclarationHarness;
  let f: FuzzClient;
  /** Declarations per key, as the fuzz has made and withdrawn them. */
  const owned = new Map<string, string[]>();
  const keys: string[] = [];
  const officials: Record<string, string> = {};

  const ownerOf = (id: string) => [...owned.entries()].find(([, ids]) => ids.includes(id))?.[0];
  const seen = (endpoint: string) => f.seen(endpoint);
  const send = (endpoint: string, req: FuzzRequest, writes: boolean) => f.send(endpoint, req, writes);

  /** A near-valid object: some fields dropped, some replaced by odd values, maybe an extra one. */
  const mutate = (template: Record<string, unknown>) =>
    fc
      .tuple(
        fc.subarray(Object.keys(template)),
        fc.dictionary(fc.constantFrom(...Object.keys(template), "extra"), weird, { maxKeys: 2 }),
      )
      .map(([kept, replaced]) => ({ ...Object.fromEntries(kept.map((k) => [k, template[k]])), ...replaced }));
  const garbage = fc.oneof(
    fc.jsonValue().map((v) => ({ payload: JSON.stringify(v), contentType: "application/json" })),
    fc.string({ maxLength: 200 }).map((s) => ({ payload: s, contentType: "application/json" })),
    fc.string({ maxLength: 50 }).map((s) => ({ payload: s, contentType: "text/plain" })),
  );
  const jsonOrGarbage = (near: fc.Arbitrary<unknown>) =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: near.map((b) => ({ contentType: "application/json", payload: JSON.stringify(b) })),
      },
      { weight: 1, arbitrary: garbage },
    );

  const days = [
    "2026-05-10",
    "2026-05-11",
    "2026-05-12",
    "2026-05-09",
    "2026-04-20",
    "2026-05-20",
    "2026-02-30",
  ];
  const day = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...days) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const unitCode = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("79", "01", "48", BEN_THANH, THU_DAU_MOT, BA_DINH, "20194") },
    { weight: 1, arbitrary: fc.constantFrom("02", "99", "99999", "00001", "7", "", "26743 ", "７９") },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
  const codes = <T extends string>(all: readonly T[]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.subarray([...all]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.oneof(fc.constantFrom(...all), fc.string({ maxLength: 12 })), {
          maxLength: 15,
        }),
      },
    );
  const keyHeader = fc.oneof(
    { weight: 6, arbitrary: fc.constant("pool") },
    { weight: 2, arbitrary: fc.constant("none") },
    {
      weight: 1,
      arbitrary: fc.constantFrom("Bearer nonsense", `Bearer ${"Z".repeat(43)}`, "Basic eDp5", "Bearer "),
    },
  );
  const withKey = (choice: string, poolIndex: number): Record<string, string> => {
    if (choice === "none") return {};
    if (choice === "pool") {
      const key = keys[poolIndex % Math.max(1, keys.length)];
      return key ? { authorization: `Bearer ${key}` } : {};
    }
    return { authorization: choice };
  };
  const language = fc.constantFrom<Record<string, string>>(
    {},
    { "accept-language": "en" },
    { "accept-language": "vi-VN" },
  );

  beforeAll(async () => {
    h = await createDeclarationHarness({
      start: new Date("2026-05-10T03:00:00Z"),
      env: { DECLARATION_MAX_PER_DECLARANT: "25", DECLARATION_STATS_MIN_COUNT: "5" },
    });
    for (let i = 0; i < 4; i++) {
      const { id, key } = await h.declare(i % 2 ? travelBody("2026-05-09") : healthBody());
      keys.push(key);
      owned.set(key, [id]);
    }
    officials.national = await h.official("fuzz.national", "national", null);
    officials.province = await h.official("fuzz.hcm", "province", "79");
    officials.commune = await h.official("fuzz.benthanh", "commune", BEN_THANH);
    officials.agency = await h.official("fuzz.agency", "agency", "79");
    f = await createFuzzClient(
      () => h.t.app,
      () => declarationState(h.t),
    );
  });
  afterAll(async () => {
    await h?.close();
    if (f) console.log(`declaration fuzz: ${f.total} requests`, JSON.stringify(f.summary()));
  });

  it("POST /v1/declarations", async () => {
    const street = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("12 Lê Lợi", "Ấp 3, xã Tân Phú", "  số 5   ngõ 7 ") },
      { weight: 1, arbitrary: fc.string({ maxLength: 220 }) },
    );
    const ref = fc.record({ provinceCode: unitCode, communeCode: unitCode });
    const goodRef = fc.constantFrom(
      { provinceCode: "79", communeCode: BEN_THANH },
      { provinceCode: "79", communeCode: THU_DAU_MOT },
      { provinceCode: "01", communeCode: BA_DINH },
      { provinceCode: "48", communeCode: "20194" },
    );
    const goodName = fc.constantFrom("Nguyễn Văn An", "Trần Thị Bích Ngọc", "O'Brien-Smith", "Lý A");
    const goodPhone = fc.constantFrom("0912345678", "+84 912 345 678", "(028) 3829-1234", "+1 415 555 0100");
    /** A valid declaration of either kind, varied within the rules. */
    const valid = fc
      .record({
        kind: fc.constantFrom("health", "domestic_travel"),
        fullName: goodName,
        yearOfBirth: fc.integer({ min: 1930, max: 2025 }),
        gender: fc.constantFrom("male", "female", "other"),
        identity: fc.constantFrom(
          ["VN", "079190001234"],
          ["VN", "123456789"],
          ["VN", ""],
          ["FR", "X1234AB9"],
        ),
        phone: goodPhone,
        address: fc.tuple(goodRef, fc.constantFrom("12 Lê Lợi", "Ấp 3, xã Tân Phú")),
        symptoms: fc.subarray([...SYMPTOMS]),
        exposures: fc.subarray([...EXPOSURES]),
        conditions: fc.subarray([...CONDITIONS]),
        trip: fc.tuple(
          fc.constantFrom("plane", "train", "coach", "car"),
          fc.shuffledSubarray(
            [
              { provinceCode: "79", communeCode: BEN_THANH },
              { provinceCode: "01", communeCode: BA_DINH },
              { provinceCode: "48", communeCode: "20194" },
            ],
            { minLength: 2, maxLength: 2 },
          ),
          fc.constantFrom("2026-05-10", "2026-05-01", "2026-05-15"),
        ),
      })
      .map(
        ({ identity, address, trip, ...v }): Record<string, unknown> => ({
          kind: v.kind,
          fullName: v.fullName,
          yearOfBirth: v.yearOfBirth,
          gender: v.gender,
          nationality: identity[0],
          ...(identity[1] ? { idNumber: identity[1] } : {}),
          phone: v.phone,
          address: { ...address[0], street: address[1] },
          symptoms: v.symptoms,
          exposures: v.exposures,
          conditions: v.conditions,
          ...(v.kind === "domestic_travel"
            ? {
                travel: { transport: trip[0], departure: trip[1][0], destination: trip[1][1], date: trip[2] },
              }
            : {}),
        }),
      );
    /** Odd values per field: near misses of the rules and plain garbage. */
    const odd: fc.Arbitrary<Record<string, unknown>> = fc.record({
      kind: fc.oneof(fc.constantFrom("health", "domestic_travel"), fc.string({ maxLength: 20 })),
      fullName: fc.oneof(fc.string({ maxLength: 110 }), fc.string({ unit: "grapheme", maxLength: 20 })),
      yearOfBirth: fc.oneof(fc.integer({ min: 1890, max: 2030 }), weird),
      gender: fc.constantFrom("male", "x", ""),
      nationality: fc.constantFrom("XX", "vn", "US"),
      idNumber: fc.oneof(fc.constantFrom("12345678", "AB12"), fc.stringMatching(/^[A-Za-z0-9]{0,22}$/)),
      phone: fc.oneof(
        fc.constantFrom("0123", "0012345678"),
        fc.stringMatching(/^[0-9+ .()-]{0,22}$/),
        fc.string(),
      ),
      address: fc.tuple(ref, street).map(([r, st]) => ({ ...r, street: st })),
      symptoms: codes(SYMPTOMS),
      exposures: codes(EXPOSURES),
      conditions: codes(CONDITIONS),
      travel: fc.record(
        {
          transport: fc.constantFrom("plane", "rocket"),
          vehicleNumber: fc.oneof(fc.constantFrom("VN 213", "51B-123.45"), fc.string({ maxLength: 25 })),
          departure: fc.oneof(goodRef, ref),
          destination: fc.oneof(goodRef, ref),
          date: day,
        },
        { requiredKeys: ["transport", "departure", "destination", "date"] },
      ),
    });
    /** A valid body with one to three fields swapped for odd values. */
    const nearMiss = fc
      .tuple(
        valid,
        odd,
        fc.shuffledSubarray(Object.keys(healthBody()).concat("travel"), { minLength: 1, maxLength: 3 }),
      )
      .map(([v, o, fields]) => ({ ...v, ...Object.fromEntries(fields.map((f) => [f, o[f]])) }));
    const bodies = fc.oneof(
      { weight: 4, arbitrary: valid },
      { weight: 5, arbitrary: nearMiss },
      { weight: 1, arbitrary: valid.chain(mutate) },
    );
    const request = fc.tuple(keyHeader, fc.nat(), language, jsonOrGarbage(bodies));
    await fc.assert(
      fc.asyncProperty(request, async ([keyChoice, index, lang, body]) => {
        const auth = withKey(keyChoice, index);
        const res = await send(
          "POST /v1/declarations",
          {
            method: "POST",
            url: "/v1/declarations",
            headers: { "content-type": body.contentType, ...auth, ...lang },
            payload: body.payload,
          },
          true,
        );
        if (res.statusCode === 201) {
          const json = res.json();
          const key = json.declarantKey ?? auth.authorization?.slice(7);
          if (json.declarantKey && keys.length < 12) keys.push(json.declarantKey);
          owned.set(key, [...(owned.get(key) ?? []), json.declaration.id]);
        }
        if (res.statusCode === 400 && body.contentType === "application/json") {
          for (const e of res.json().errors ?? []) {
            expect(typeof e.pointer).toBe("string");
            expect(typeof e.detail).toBe("string");
          }
        }
      }),
      { numRuns: RUNS.submit },
    );
    expect(seen("POST /v1/declarations")).toEqual(
      expect.arrayContaining([
        "201",
        "400 validation",
        "401 declarant-unknown",
        "401 declarant-key-malformed",
        "409 declaration-limit",
      ]),
    );
  });

  const targetId = fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .nat()
        .map((i) => [...owned.values()].flat()[i % Math.max(1, [...owned.values()].flat().length)] ?? "x"),
    },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || "x") },
  );
  /** A key and a declaration id: the key's own declaration, or any key with any id. */
  const access = fc.oneof(
    {
      weight: 1,
      arbitrary: fc.nat().map((i) => {
        const pairs = [...owned.entries()].flatMap(([key, ids]) => ids.map((id) => [key, id] as const));
        const [key, id] = pairs[i % Math.max(1, pairs.length)] ?? ["", "x"];
        const auth: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
        return { auth, id };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(keyHeader, fc.nat(), targetId).map(([k, i, id]) => ({ auth: withKey(k, i), id })),
    },
  );
  const keyOfAuth = (auth: Record<string, string>) => auth.authorization?.slice(7) ?? "";

  it("PUT /v1/declarations/:id/follow-ups/:day", async () => {
    const near = fc.record(
      {
        symptoms: codes(SYMPTOMS),
        temperature: fc.oneof(fc.double({ min: 33, max: 44, noNaN: true }), fc.double(), weird),
      },
      { requiredKeys: ["symptoms"] },
    );
    const followUpDay = fc.oneof(
      { weight: 3, arbitrary: fc.constant("2026-05-10") },
      { weight: 2, arbitrary: day },
    );
    const request = fc.tuple(
      access,
      followUpDay,
      language,
      jsonOrGarbage(fc.oneof(near, near.chain(mutate))),
    );
    await fc.assert(
      fc.asyncProperty(request, async ([{ auth, id }, d, lang, body]) => {
        const res = await send(
          "PUT follow-up",
          {
            method: "PUT",
            url: `/v1/declarations/${id}/follow-ups/${encodeURIComponent(d) || "x"}`,
            headers: { "content-type": body.contentType, ...auth, ...lang },
            payload: body.payload,
          },
          true,
        );
        if (res.statusCode === 200) expect(ownerOf(id)).toBe(keyOfAuth(auth));
      }),
      { numRuns: RUNS.followUp },
    );
    expect(seen("PUT follow-up")).toEqual(
      expect.arrayContaining(["200", "400 validation", "404 not-found", "401 declarant-unknown"]),
    );
  });

  it("GET /v1/declarations and /v1/declarations/:id", async () => {
    const request = fc.tuple(
      access,
      fc.boolean(),
      fc.constantFrom("GET", "GET", "GET", "PATCH") as fc.Arbitrary<"GET" | "PATCH">,
    );
    await fc.assert(
      fc.asyncProperty(request, async ([{ auth, id }, list, method]) => {
        const url = list ? "/v1/declarations" : `/v1/declarations/${id}`;
        const res = await send(`${method} ${list ? "list" : "one"}`, { method, url, headers: auth }, false);
        if (res.statusCode !== 200) return;
        const key = keyOfAuth(auth);
        if (list) {
          const ids = res.json().declarations.map((d: { id: string }) => d.id);
          expect([...ids].sort()).toEqual([...(owned.get(key) ?? [])].sort());
        } else {
          expect(ownerOf(id)).toBe(key);
          expect(res.json().id).toBe(id);
        }
      }),
      { numRuns: RUNS.read },
    );
    expect(seen("GET one")).toEqual(expect.arrayContaining(["200", "404 not-found", "400 validation"]));
    expect(seen("GET list")).toEqual(expect.arrayContaining(["200", "401 declarant-key-required"]));
  });

  it("DELETE /v1/declarations/:id and /v1/declarations", async () => {
    const request = fc.tuple(access, fc.nat({ max: 30 }));
    await fc.assert(
      fc.asyncProperty(request, async ([{ auth, id }, dice]) => {
        const all = dice === 0;
        const key = keyOfAuth(auth);
        const url = all ? "/v1/declarations" : `/v1/declarations/${id}`;
        const res = await send(
          `DELETE ${all ? "all" : "one"}`,
          { method: "DELETE", url, headers: auth },
          true,
        );
        if (res.statusCode !== 204) return;
        if (all) {
          owned.delete(key);
          if (keys.includes(key)) keys.splice(keys.indexOf(key), 1);
        } else {
          expect(ownerOf(id)).toBe(key);
          owned.set(
            key,
            (owned.get(key) ?? []).filter((x) => x !== id),
          );
        }
        if (keys.length < 3 || [...owned.values()].flat().length < 10) {
          const fresh = await h.declare();
          keys.push(fresh.key);
          owned.set(fresh.key, [fresh.id]);
          await f.resnapshot();
        }
      }),
      { numRuns: RUNS.withdraw },
    );
    expect(seen("DELETE one")).toEqual(expect.arrayContaining(["204", "404 not-found"]));
  });

  it("GET /v1/declarations/stats", async () => {
    const inScope: Record<string, (unit: string | undefined) => boolean> = {
      national: () => true,
      province: (u) => u === undefined || ["79", BEN_THANH, THU_DAU_MOT].includes(u),
      commune: (u) => u === undefined || u === BEN_THANH,
      agency: () => false,
    };
    const who = fc.constantFrom("national", "province", "commune", "agency", "none", "garbage");
    const query = fc.record(
      { unit: unitCode, from: day, to: day, other: fc.string({ maxLength: 6 }) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(who, query, language, async (role, q, lang) => {
        const token =
          role === "none" ? undefined : role === "garbage" ? "nonsense-token-123" : officials[role];
        const params = new URLSearchParams(
          Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined),
        );
        const res = await send(
          "GET stats",
          {
            method: "GET",
            url: `/v1/declarations/stats?${params}`,
            headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...lang },
          },
          false,
        );
        if (res.statusCode === 200) {
          expect(inScope[role]?.(q.unit), `${role} read ${q.unit}`).toBe(true);
          const stats = res.json();
          expect(stats.days.length).toBeGreaterThan(0);
          const shown = JSON.stringify(stats).match(/"[a-zA-Z_]+":(\d+)/g) ?? [];
          for (const cell of shown) {
            const n = Number(cell.split(":")[1]);
            expect(n === 0 || n >= 5 || cell.startsWith('"minCount"'), cell).toBe(true);
          }
        }
      }),
      { numRuns: RUNS.stats },
    );
    expect(seen("GET stats")).toEqual(
      expect.arrayContaining(["200", "400 validation", "401 unauthorized", "403 forbidden"]),
    );
    expect(f.total).toBeGreaterThanOrEqual(10_000);
  });
});
