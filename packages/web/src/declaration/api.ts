// The declaration API calls of the web app, one typed function each, over the shared ApiClient: the citizen's
// calls carry the declarant key as Bearer (never the officials' session), and ask for messages in the UI language.
import type { ApiClient } from "../api/client.ts";
import type {
  AdminUnitView,
  DeclarationRequest,
  DeclarationView,
  FollowUpRequest,
  FollowUpView,
  StatsQuery,
  StatsView,
  SubmitResponse,
  UnitDetailView,
} from "./types.ts";

export interface DeclarationApi {
  /** POST /v1/declarations (with the declarant key when the device has one). */
  submit(body: DeclarationRequest, key: string | null, language: string): Promise<SubmitResponse>;
  /** GET /v1/declarations. */
  list(key: string): Promise<DeclarationView[]>;
  /** PUT /v1/declarations/:id/follow-ups/:day. */
  followUp(
    key: string,
    id: string,
    day: string,
    body: FollowUpRequest,
    language: string,
  ): Promise<FollowUpView>;
  /** DELETE /v1/declarations/:id. */
  withdraw(key: string, id: string): Promise<void>;
  /** DELETE /v1/declarations: every declaration and the key itself. */
  forget(key: string): Promise<void>;
  /** GET /v1/declarations/stats (officials, session token). */
  stats(query: StatsQuery, language: string): Promise<StatsView>;
  /** GET /v1/units/provinces. */
  provinces(): Promise<AdminUnitView[]>;
  /** GET /v1/units/:code (with its children). */
  unit(code: string): Promise<UnitDetailView>;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export function declarationApi(client: ApiClient): DeclarationApi {
  return {
    submit: (body, key, language) =>
      client.post<SubmitResponse>("/v1/declarations", body, {
        headers: { "accept-language": language, ...(key ? bearer(key) : {}) },
      }),
    list: async (key) =>
      (await client.get<{ declarations: DeclarationView[] }>("/v1/declarations", { headers: bearer(key) }))
        .declarations,
    followUp: (key, id, day, body, language) =>
      client.put<FollowUpView>(
        `/v1/declarations/${encodeURIComponent(id)}/follow-ups/${encodeURIComponent(day)}`,
        body,
        { headers: { ...bearer(key), "accept-language": language } },
      ),
    withdraw: (key, id) =>
      client.delete<void>(`/v1/declarations/${encodeURIComponent(id)}`, { headers: bearer(key) }),
    forget: (key) => client.delete<void>("/v1/declarations", { headers: bearer(key) }),
    stats: (query, language) => {
      const params = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
      );
      const qs = params.toString();
      return client.get<StatsView>(`/v1/declarations/stats${qs ? `?${qs}` : ""}`, {
        auth: true,
        headers: { "accept-language": language },
      });
    },
    provinces: async () =>
      (await client.get<{ provinces: AdminUnitView[] }>("/v1/units/provinces")).provinces,
    unit: (code) => client.get<UnitDetailView>(`/v1/units/${encodeURIComponent(code)}`),
  };
}
