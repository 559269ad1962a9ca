// The citizen's declaration API end to end on a real database: submit (both variants), list, read, follow-ups,
// withdraw and forget, validation messages in Vietnamese and English, key handling, sealing at rest, nothing
// identifying in the logs, and the rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, sql } from "../platform/db/database.ts";
import { PROBLEM_CONTENT_TYPE, problemType } from "../platform/errors.ts";
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
import { MESSAGES } from "./messages.ts";

let h: DeclarationHarness;

beforeAll(async () => {
  h = await createDeclarationHarness({ captureLogs: true });
});
afterAll(async () => {
  await h?.close();
});

const counts = async () =>
  rows<{ day: string; commune_code: string; metric: string; count: number }>(
    h.t.db,
    sql`SELECT day::text, commune_code, metric, count FROM declaration_counts ORDER BY day, commune_code, metric`,
  );

describe("submit", () => {
  it("stores a health declaration, returns a new declarant key once, and the view normalised with unit names", async () => {
    const res = await h.submit(healthBody());
    expect(res.statusCode).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    const { declaration, declarantKey } = res.json();
    expect(declarantKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(declaration).toMatchObject({
      kind: "health",
      declaredOn: "2026-05-10",
      fullName: "Nguyễn Thị Thu Hà",
      yearOfBirth: 1990,
      gender: "female",
      nationality: "VN",
      idNumber: "079190001234",
      phone: "0912345678",
      address: {
        province: { code: "79", name: "Thành phố Hồ Chí Minh" },
        commune: { code: BEN_THANH, name: "Phường Bến Thành" },
        street: "12 Lê Lợi",
      },
      symptoms: ["fever", "cough"],
      exposures: ["contact_f1"],
      conditions: ["hypertension"],
      travel: null,
      followUps: [],
    });
    expect(declaration.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // A second declaration with the key joins the same declarant (no new key).
    h.advance(60_000);
    const again = await h.submit(travelBody("2026-05-09"), { key: declarantKey });
    expect(again.statusCode).toBe(201);
    expect(again.json().declarantKey).toBeUndefined();
    expect(again.json().declaration.travel).toEqual({
      transport: "plane",
      vehicleNumber: "VN 213",
      departure: {
        province: { code: "01", name: "Thành phố Hà Nội" },
        commune: { code: BA_DINH, name: "Phường Ba Đình" },
      },
      destination: {
        province: { code: "79", name: "Thành phố Hồ Chí Minh" },
        commune: { code: THU_DAU_MOT, name: "Phường Thủ Dầu Một" },
      },
      date: "2026-05-09",
    });
    const list = await h.asDeclarant(declarantKey, "GET", "/v1/declarations");
    expect(list.statusCode).toBe(200);
    expect(list.json().declarations.map((d: { kind: string }) => d.kind)).toEqual([
      "domestic_travel",
      "health",
    ]);
  });

  it("keeps identifying and health answers sealed: the database holds none of them in clear", async () => {
    const { id } = await h.declare(healthBody({ fullName: "Phạm Minh Khôi", phone: "0987 654 321" }));
    const [row] = await rows<{ dump: string }>(
      h.t.db,
      sql`SELECT row_to_json(d)::text || encode(d.sealed, 'escape') AS dump FROM declarations d WHERE id = ${id}`,
    );
    expect(row?.dump).toContain(BEN_THANH);
    for (const secret of ["Khôi", "Khoi", "0987654321", "079190001234", "Lê Lợi", "hypertension", "1990"]) {
      expect(row?.dump, secret).not.toContain(secret);
    }
    const [key] = await rows<{ key_hash: string }>(h.t.db, sql`SELECT key_hash FROM declarants LIMIT 1`);
    expect(key?.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("counts the declaration in the same transaction: its commune's day, each symptom and exposure, arrivals", async () => {
    const before = await declarationState(h.t);
    const beforeCounts = await counts();
    const at = (commune: string, metric: string) =>
      beforeCounts.find((c) => c.commune_code === commune && c.metric === metric)?.count ?? 0;
    await h.declare(travelBody("2026-05-10", { symptoms: ["fever"], exposures: ["place_with_cases"] }));
    const after = await counts();
    const now = (commune: string, metric: string) =>
      after.find((c) => c.commune_code === commune && c.metric === metric)?.count ?? 0;
    expect(now(BEN_THANH, "declarations")).toBe(at(BEN_THANH, "declarations") + 1);
    expect(now(BEN_THANH, "domestic_travel")).toBe(at(BEN_THANH, "domestic_travel") + 1);
    expect(now(BEN_THANH, "symptom.fever")).toBe(at(BEN_THANH, "symptom.fever") + 1);
    expect(now(BEN_THANH, "symptom.cough")).toBe(at(BEN_THANH, "symptom.cough"));
    expect(now(BEN_THANH, "exposure.place_with_cases")).toBe(at(BEN_THANH, "exposure.place_with_cases") + 1);
    expect(now(THU_DAU_MOT, "arrivals")).toBe(at(THU_DAU_MOT, "arrivals") + 1);
    expect(await declarationState(h.t)).not.toBe(before);
  });

  it("answers field errors in Vietnamese by default and in English on request, storing nothing", async () => {
    const before = await declarationState(h.t);
    const bad = healthBody({ fullName: "", phone: "12", symptoms: ["fever", "fever"], yearOfBirth: 1850 });
    delete bad.gender;
    const vi = await h.submit(bad);
    expect(vi.statusCode).toBe(400);
    expect(vi.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
    expect(vi.headers["content-language"]).toBe("vi");
    const problem = vi.json();
    expect(problem.type).toBe(problemType("validation"));
    expect(problem.title).toBe("Thông tin khai báo chưa hợp lệ");
    const byPointer = Object.fromEntries(
      problem.errors.map((e: { pointer: string; code: string; detail: string }) => [e.pointer, e]),
    );
    expect(byPointer["#/gender"]).toMatchObject({ in: "body", code: "choose", detail: MESSAGES.choose.vi });
    expect(byPointer["#/fullName"]).toMatchObject({ code: "too-short", detail: "Cần ít nhất 2 ký tự." });
    expect(byPointer["#/phone"]).toMatchObject({ code: "too-short" });
    expect(byPointer["#/symptoms"]).toMatchObject({ code: "duplicate" });
    expect(byPointer["#/yearOfBirth"]).toMatchObject({
      code: "too-small",
      detail: "Giá trị nhỏ nhất là 1900.",
    });

    const en = await h.submit(bad, { lang: "en-GB,en;q=0.9" });
    expect(en.headers["content-language"]).toBe("en");
    expect(en.json().errors.find((e: { pointer: string }) => e.pointer === "#/gender").detail).toBe(
      "Please choose one.",
    );
    expect(await declarationState(h.t)).toBe(before);
  });

  it("checks units and rules the schema cannot: commune in province, travel only when travelling, dates", async () => {
    const before = await declarationState(h.t);
    const res = await h.submit(
      healthBody({
        phone: "0123 456",
        idNumber: "12345678",
        address: { provinceCode: "01", communeCode: BEN_THANH, street: "12 Lê Lợi" },
        travel: travelBody("2026-05-10").travel,
      }),
      { lang: "vi" },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`)).toEqual(
      [
        "#/idNumber id-number-invalid",
        "#/phone phone-invalid",
        "#/address/communeCode commune-not-in-province",
        "#/travel travel-not-allowed",
      ],
    );
    const unknown = await h.submit(
      healthBody({ address: { provinceCode: "02", communeCode: "99999", street: "x y" } }),
    );
    expect(unknown.json().errors.map((e: { code: string }) => e.code)).toEqual([
      "unit-unknown",
      "unit-unknown",
    ]);
    const late = await h.submit(travelBody("2026-04-01"), { lang: "en" });
    expect(late.json().errors).toEqual([
      {
        in: "body",
        pointer: "#/travel/date",
        code: "travel-date-out-of-range",
        detail: "The travel date must be between 14 days ago and 7 days ahead.",
      },
    ]);
    expect(await declarationState(h.t)).toBe(before);
  });

  it("refuses malformed and unknown keys without storing anything", async () => {
    const before = await declarationState(h.t);
    const malformed = await h.submit(healthBody(), { key: "not-a-key" });
    expect(malformed.statusCode).toBe(401);
    expect(malformed.json().type).toBe(problemType("declarant-key-malformed"));
    const unknown = await h.submit(healthBody(), { key: "A".repeat(43) });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers["www-authenticate"]).toBe("Bearer");
    expect(unknown.json().type).toBe(problemType("declarant-unknown"));
    expect(await declarationState(h.t)).toBe(before);
  });
});

describe("one's own declarations", () => {
  it("reads, follows up day by day, and nobody else can see or touch them", async () => {
    const mine = await h.declare(healthBody({ fullName: "Lê Văn Tám" }));
    const other = await h.declare(healthBody({ fullName: "Đỗ Thị Mai" }));

    const read = await h.asDeclarant(mine.key, "GET", `/v1/declarations/${mine.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().fullName).toBe("Lê Văn Tám");
    // Someone else's key, no key, or a made-up key: never the declaration.
    expect((await h.asDeclarant(other.key, "GET", `/v1/declarations/${mine.id}`)).statusCode).toBe(404);
    const anonymous = await h.t.app.inject({ method: "GET", url: `/v1/declarations/${mine.id}` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().type).toBe(problemType("declarant-key-required"));
    expect((await h.asDeclarant("B".repeat(43), "GET", "/v1/declarations")).statusCode).toBe(401);
    const otherList = (await h.asDeclarant(other.key, "GET", "/v1/declarations")).json().declarations;
    expect(otherList.map((d: { id: string }) => d.id)).toEqual([other.id]);

    const first = await h.asDeclarant(mine.key, "PUT", `/v1/declarations/${mine.id}/follow-ups/2026-05-10`, {
      symptoms: ["fever"],
      temperature: 38.26,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ day: "2026-05-10", symptoms: ["fever"], temperature: 38.3 });
    h.advance(86_400_000);
    await h.asDeclarant(mine.key, "PUT", `/v1/declarations/${mine.id}/follow-ups/2026-05-11`, {
      symptoms: [],
    });
    // The same day again replaces that day's entry.
    await h.asDeclarant(mine.key, "PUT", `/v1/declarations/${mine.id}/follow-ups/2026-05-10`, {
      symptoms: ["cough"],
      temperature: 37.2,
    });
    const followUps = (await h.asDeclarant(mine.key, "GET", `/v1/declarations/${mine.id}`)).json().followUps;
    expect(
      followUps.map((f: { day: string; symptoms: string[]; temperature: number | null }) => f),
    ).toMatchObject([
      { day: "2026-05-10", symptoms: ["cough"], temperature: 37.2 },
      { day: "2026-05-11", symptoms: [], temperature: null },
    ]);

    const before = await declarationState(h.t);
    const future = await h.asDeclarant(mine.key, "PUT", `/v1/declarations/${mine.id}/follow-ups/2026-05-12`, {
      symptoms: [],
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([
      { in: "params", pointer: "#/day", code: "day-in-future", detail: MESSAGES["day-in-future"].vi },
    ]);
    const early = await h.asDeclarant(mine.key, "PUT", `/v1/declarations/${mine.id}/follow-ups/2026-05-09`, {
      symptoms: [],
    });
    expect(early.json().errors[0].code).toBe("day-before-declaration");
    const hot = await h.asDeclarant(mine.key, "PUT", `/v1/declarations/${mine.id}/follow-ups/2026-05-11`, {
      symptoms: ["headache"],
      temperature: 45,
    });
    expect(hot.json().errors[0]).toMatchObject({ pointer: "#/temperature", code: "too-large" });
    const foreign = await h.asDeclarant(
      other.key,
      "PUT",
      `/v1/declarations/${mine.id}/follow-ups/2026-05-11`,
      {
        symptoms: [],
      },
    );
    expect(foreign.statusCode).toBe(404);
    expect(await declarationState(h.t)).toBe(before);
  });

  it("withdraws a declaration: gone with its follow-ups and out of the counts; others untouched", async () => {
    h.clock.now = new Date("2026-05-12T02:00:00Z");
    const baseline = await counts();
    const kept = await h.declare(healthBody({ symptoms: ["fatigue"] }));
    const { id, key } = await h.declare(healthBody({ symptoms: ["fatigue", "chills"] }), kept.key);
    await h.asDeclarant(key, "PUT", `/v1/declarations/${id}/follow-ups/2026-05-12`, { symptoms: [] });

    expect((await h.asDeclarant("C".repeat(43), "DELETE", `/v1/declarations/${id}`)).statusCode).toBe(401);
    const other = await h.declare(healthBody());
    expect((await h.asDeclarant(other.key, "DELETE", `/v1/declarations/${id}`)).statusCode).toBe(404);

    const res = await h.asDeclarant(key, "DELETE", `/v1/declarations/${id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
    expect((await h.asDeclarant(key, "GET", `/v1/declarations/${id}`)).statusCode).toBe(404);
    expect((await h.asDeclarant(key, "DELETE", `/v1/declarations/${id}`)).statusCode).toBe(404);
    const [left] = await rows<{ n: number }>(
      h.t.db,
      sql`SELECT count(*)::int AS n FROM declaration_follow_ups WHERE declaration_id = ${id}`,
    );
    expect(left?.n).toBe(0);
    // Only `kept` and `other` are counted on 2026-05-12.
    const day = (await counts()).filter((c) => c.day === "2026-05-12");
    expect(baseline.filter((c) => c.day === "2026-05-12")).toEqual([]);
    expect(Object.fromEntries(day.map((c) => [c.metric, c.count]))).toMatchObject({
      declarations: 2,
      "symptom.fatigue": 1,
      "symptom.chills": 0,
      "symptom.fever": 1,
      with_symptoms: 2,
    });
    const list = (await h.asDeclarant(kept.key, "GET", "/v1/declarations")).json().declarations;
    expect(list.map((d: { id: string }) => d.id)).toEqual([kept.id]);
  });

  it("forgets a declarant key with every declaration", async () => {
    const a = await h.declare(healthBody());
    await h.declare(travelBody("2026-05-12"), a.key);
    expect((await h.asDeclarant(a.key, "DELETE", "/v1/declarations")).statusCode).toBe(204);
    expect((await h.asDeclarant(a.key, "GET", "/v1/declarations")).statusCode).toBe(401);
    expect((await h.submit(healthBody(), { key: a.key })).statusCode).toBe(401);
  });

  it("limits how many declarations one key holds", async () => {
    const limited = await createDeclarationHarness({ env: { DECLARATION_MAX_PER_DECLARANT: "2" } });
    try {
      const { key } = await limited.declare();
      await limited.declare(healthBody(), key);
      const third = await limited.submit(healthBody(), { key });
      expect(third.statusCode).toBe(409);
      expect(third.json().type).toBe(problemType("declaration-limit"));
    } finally {
      await limited.close();
    }
  });
});

describe("privacy of the logs and limits", () => {
  it("logs no name, phone, document number, street or key", async () => {
    h.t.logs.length = 0;
    const { id, key } = await h.declare(
      healthBody({ fullName: "Vũ Thị Hoa", phone: "0901 222 333", idNumber: "001301012345" }),
    );
    await h.asDeclarant(key, "GET", `/v1/declarations/${id}`);
    await h.submit(healthBody({ fullName: "Vũ 9", phone: "0901 222 333" }));
    const text = h.t.logs.join("\n");
    expect(h.t.logs.length).toBeGreaterThan(2);
    for (const secret of ["Hoa", "0901", "001301012345", "Lê Lợi", key, id]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it("rate-limits the public endpoints per client", async () => {
    const limited = await createDeclarationHarness({
      env: { DECLARATION_SUBMIT_RATE_LIMIT: "3", DECLARATION_READ_RATE_LIMIT: "2" },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await limited.submit(healthBody({ phone: "1" }))).statusCode);
      expect(statuses).toEqual([400, 400, 400, 429]);
      const limitedRes = await limited.submit(healthBody());
      expect(limitedRes.headers["content-type"]).toContain(PROBLEM_CONTENT_TYPE);
      expect(limitedRes.json().type).toBe(problemType("rate-limited"));
      const reads = [];
      for (let i = 0; i < 3; i++)
        reads.push((await limited.asDeclarant("D".repeat(43), "GET", "/v1/declarations")).statusCode);
      expect(reads).toEqual([401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
