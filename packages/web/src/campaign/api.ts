// The campaign API calls of the console, one typed function each, over the shared ApiClient; the subscriber
// file goes up as the raw request body (CSV or XLSX), so that call uses fetch with the session token.
import { type ApiClient, postRaw } from "../api/client.ts";
import type {
  Agency,
  Home,
  RankedUnit,
  Report,
  Summary,
  TargetView,
  Trend,
  UnitFigures,
  Upload,
} from "./types.ts";

export interface CampaignApi {
  home(): Promise<Home>;
  summary(code: string): Promise<Summary>;
  trend(code: string, days?: number): Promise<Trend>;
  ranking(code: string): Promise<RankedUnit[]>;
  provinces(): Promise<UnitFigures[]>;
  agencies(code: string): Promise<Agency[]>;
  reports(code: string): Promise<Report[]>;
  generateReport(code: string): Promise<Report>;
  target(code: string): Promise<TargetView>;
  setTarget(code: string, percent: number, deadline: string): Promise<TargetView>;
  deleteTarget(code: string): Promise<TargetView>;
  uploads(): Promise<Upload[]>;
  /** POST /v1/campaign/subscribers with the file as the body; rejects with ApiError (422: `rowErrors`). */
  uploadSubscribers(file: Blob, fileName: string): Promise<{ uploadId: number; rows: number }>;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const unit = (code: string) => `/v1/campaign/units/${encodeURIComponent(code)}`;

export function campaignApi(
  client: ApiClient,
  token: () => string | null,
  fetchImpl: typeof fetch = fetch,
): CampaignApi {
  const auth = { auth: true };
  return {
    home: () => client.get<Home>("/v1/campaign/home", auth),
    summary: (code) => client.get<Summary>(unit(code), auth),
    trend: (code, days = 60) => client.get<Trend>(`${unit(code)}/trend?days=${days}`, auth),
    ranking: async (code) => (await client.get<{ units: RankedUnit[] }>(`${unit(code)}/ranking`, auth)).units,
    provinces: async () =>
      (await client.get<{ provinces: UnitFigures[] }>("/v1/campaign/provinces", auth)).provinces,
    agencies: async (code) =>
      (await client.get<{ agencies: Agency[] }>(`${unit(code)}/agencies`, auth)).agencies,
    reports: async (code) => (await client.get<{ reports: Report[] }>(`${unit(code)}/reports`, auth)).reports,
    generateReport: (code) => client.post<Report>(`${unit(code)}/reports`, {}, auth),
    target: (code) => client.get<TargetView>(`${unit(code)}/target`, auth),
    setTarget: (code, percent, deadline) =>
      client.request<TargetView>("PUT", `${unit(code)}/target`, { body: { percent, deadline }, auth: true }),
    deleteTarget: (code) => client.request<TargetView>("DELETE", `${unit(code)}/target`, auth),
    uploads: async () =>
      (await client.get<{ uploads: Upload[] }>("/v1/campaign/subscribers/uploads", auth)).uploads,
    uploadSubscribers: (file, fileName) =>
      postRaw<{ uploadId: number; rows: number }>(
        fetchImpl,
        `/v1/campaign/subscribers?filename=${encodeURIComponent(fileName)}`,
        file,
        fileName.toLowerCase().endsWith(".xlsx") ? XLSX_TYPE : "text/csv",
        token(),
      ),
  };
}
