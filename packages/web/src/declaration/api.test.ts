import { describe, expect, it } from "vitest";
import { ApiClient } from "../api/client.ts";
import { createI18n } from "../i18n/index.ts";
import { declarationApi } from "./api.ts";
import { DECLARANT_KEY_STORAGE_KEY, DeclarantKeyStore } from "./key-store.ts";
import { problemTexts, withoutErrors } from "./messages.ts";

const KEY = "k".repeat(43);

describe("declarationApi", () => {
  it("sends the declarant key as Bearer, never the officials' session, and the UI language", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const client = new ApiClient({
      token: () => "official-session",
      fetch: async (url, init) => {
        calls.push({ url, init });
        const body = url.endsWith("/provinces")
          ? { provinces: [] }
          : url === "/v1/declarations" && init.method === "GET"
            ? { declarations: [] }
            : {};
        return new Response(init.method === "DELETE" ? null : JSON.stringify(body), {
          status: init.method === "DELETE" ? 204 : 200,
          headers: { "content-type": "application/json" },
        });
      },
    });
    const api = declarationApi(client);
    const body = {
      kind: "health" as const,
      fullName: "Lê Văn Tám",
      yearOfBirth: 1990,
      gender: "male" as const,
      nationality: "VN",
      phone: "0912345678",
      address: { provinceCode: "79", communeCode: "26743", street: "1 Lê Lợi" },
      symptoms: [],
      exposures: [],
      conditions: [],
    };
    await api.submit(body, null, "vi");
    await api.submit(body, KEY, "en");
    await api.list(KEY);
    await api.followUp(KEY, "abc", "2026-05-10", { symptoms: ["fever"], temperature: 38 }, "vi");
    await api.withdraw(KEY, "abc");
    await api.forget(KEY);
    await api.stats({ unit: "79", from: "2026-05-01", to: "" }, "vi");
    await api.provinces();
    await api.unit("79");
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "POST /v1/declarations",
      "POST /v1/declarations",
      "GET /v1/declarations",
      "PUT /v1/declarations/abc/follow-ups/2026-05-10",
      "DELETE /v1/declarations/abc",
      "DELETE /v1/declarations",
      "GET /v1/declarations/stats?unit=79&from=2026-05-01",
      "GET /v1/units/provinces",
      "GET /v1/units/79",
    ]);
    const headers = calls.map((c) => c.init.headers as Record<string, string>);
    expect(headers[0]?.authorization).toBeUndefined();
    expect(headers[0]?.["accept-language"]).toBe("vi");
    expect(headers[1]?.authorization).toBe(`Bearer ${KEY}`);
    expect(headers[1]?.["accept-language"]).toBe("en");
    for (const i of [2, 3, 4, 5]) expect(headers[i]?.authorization).toBe(`Bearer ${KEY}`);
    expect(headers[6]?.authorization).toBe("Bearer official-session");
    expect(headers[7]?.authorization).toBeUndefined();
    expect(JSON.parse(String(calls[3]?.init.body))).toEqual({ symptoms: ["fever"], temperature: 38 });
  });
});

describe("DeclarantKeyStore", () => {
  it("keeps a well-formed key in storage, and in memory when storage refuses", () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    const store = new DeclarantKeyStore(storage);
    expect(store.get()).toBeNull();
    store.set(KEY);
    expect(map.get(DECLARANT_KEY_STORAGE_KEY)).toBe(KEY);
    expect(new DeclarantKeyStore(storage).get()).toBe(KEY);
    map.set(DECLARANT_KEY_STORAGE_KEY, "tampered");
    expect(new DeclarantKeyStore(storage).get()).toBeNull();
    store.clear();
    expect(map.has(DECLARANT_KEY_STORAGE_KEY)).toBe(false);

    const refusing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    const memory = new DeclarantKeyStore(refusing);
    memory.set(KEY);
    expect(memory.get()).toBe(KEY);
    memory.clear();
    expect(memory.get()).toBeNull();
  });
});

describe("messages", () => {
  it("translates the client's problems with the server's codes, with limits", () => {
    const vi = createI18n("vi");
    const en = createI18n("en");
    const problems = { "#/fullName": { code: "too-long", limit: 100 }, "#/x": { code: "no-such-code" } };
    expect(problemTexts(problems, vi.t)).toEqual({
      "#/fullName": "Tối đa 100 ký tự.",
      "#/x": "Giá trị không hợp lệ.",
    });
    expect(problemTexts(problems, en.t)["#/fullName"]).toBe("Enter at most 100 characters.");
  });

  it("drops a field's errors and those under it", () => {
    const errors = { "#/travel": "a", "#/travel/date": "b", "#/travelx": "c", "#/phone": "d" };
    expect(withoutErrors(errors, "#/travel")).toEqual({ "#/travelx": "c", "#/phone": "d" });
  });
});
