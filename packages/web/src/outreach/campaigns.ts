// Outreach campaigns in the console: the API calls (the audience goes up as a raw text/csv body) and the pure
// view logic - the create form to a request body (local Asia/Ho_Chi_Minh times), totals and delivery rates.
import { type ApiClient, postRaw } from "../api/client.ts";

export type Channel = "sms" | "zalo" | "email";
export type StatusCounts = Record<
  "queued" | "sending" | "sent" | "delivered" | "failed" | "cancelled",
  number
>;

export interface Campaign {
  id: number;
  name: string;
  channel: Channel;
  audience: { kind: "list" | "unit"; unitCode: string; unitName: string };
  template: string;
  schedule: {
    startAt: string;
    quietHours: { start: string; end: string };
    repeatEveryDays: number | null;
    stopAt: string | null;
  };
  maxMessages: number;
  status: "draft" | "running" | "paused" | "ended";
  roundsPlanned: number;
  nextRoundAt: string | null;
  source: string;
  stats: {
    recipients: number;
    optedOut: number;
    totals: StatusCounts;
    rounds: { round: number; counts: StatusCounts }[];
  };
}

export interface AudienceResult {
  added: number;
  duplicates: number;
  problems: { line: number; reason: string }[];
  recipients: number;
}

export interface CampaignForm {
  name: string;
  channel: Channel;
  audienceKind: "list" | "unit";
  unitCode: string;
  template: string;
  subject: string;
  zaloTemplateId: string;
  /** <input type="datetime-local"> value, read as Asia/Ho_Chi_Minh time. */
  start: string;
  quietStart: string;
  quietEnd: string;
  repeatEveryDays: string;
  /** <input type="date">, the last day (inclusive) of the campaign; empty = none. */
  stopDay: string;
  maxMessages: string;
}

export const DEFAULT_TEMPLATE =
  "{{unit}} đề nghị bạn cài Bluezone để được cảnh báo tiếp xúc: {{link}} Soạn TU CHOI để từ chối.";

/** "2026-03-02T09:00" (Vietnam time) -> ISO instant; null when malformed. */
export function vietnamTimeToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const date = new Date(`${local}:00+07:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export type FormError =
  | "outreach.errorName"
  | "outreach.errorStart"
  | "outreach.errorRepeat"
  | "outreach.errorMax"
  | "outreach.errorZalo"
  | "outreach.errorStop";

/** The POST /v1/outreach/campaigns body of the form, or the i18n key of the first problem. */
export function campaignRequest(
  form: CampaignForm,
): { body: Record<string, unknown> } | { error: FormError } {
  if (!form.name.trim()) return { error: "outreach.errorName" };
  const startAt = vietnamTimeToIso(form.start);
  if (!startAt) return { error: "outreach.errorStart" };
  const repeat = form.repeatEveryDays.trim() === "" ? null : Number(form.repeatEveryDays);
  if (repeat !== null && !(Number.isInteger(repeat) && repeat >= 1 && repeat <= 365))
    return { error: "outreach.errorRepeat" };
  const max = Number(form.maxMessages);
  if (!(Number.isInteger(max) && max >= 1 && max <= 50)) return { error: "outreach.errorMax" };
  if (form.channel === "zalo" && !form.zaloTemplateId.trim()) return { error: "outreach.errorZalo" };
  const stopAt = form.stopDay ? vietnamTimeToIso(`${form.stopDay}T23:59`) : null;
  if (stopAt && stopAt < startAt) return { error: "outreach.errorStop" };
  return {
    body: {
      name: form.name.trim(),
      channel: form.channel,
      audience: { kind: form.audienceKind, unitCode: form.unitCode },
      template: form.template,
      ...(form.channel === "email" && form.subject.trim() ? { subject: form.subject.trim() } : {}),
      ...(form.channel === "zalo" ? { zaloTemplateId: form.zaloTemplateId.trim() } : {}),
      schedule: {
        startAt,
        quietHours: { start: form.quietStart, end: form.quietEnd },
        repeatEveryDays: repeat,
        stopAt,
      },
      maxMessages: max,
    },
  };
}

/** Sent (incl. delivered) and delivery rate (delivered / sent, null before any report) of some counts. */
export function deliverySummary(c: StatusCounts): {
  sent: number;
  deliveredRate: number | null;
  pending: number;
} {
  const sent = c.sent + c.delivered;
  return {
    sent,
    deliveredRate: sent + c.failed > 0 && c.delivered > 0 ? c.delivered / (sent + c.failed) : null,
    pending: c.queued + c.sending,
  };
}

/** The actions a campaign in `status` offers. */
export const actionsOf = (status: Campaign["status"]): ("start" | "pause")[] =>
  status === "draft" || status === "paused" ? ["start"] : status === "running" ? ["pause"] : [];

export interface OutreachApi {
  list(): Promise<Campaign[]>;
  create(body: Record<string, unknown>): Promise<Campaign>;
  act(id: number, action: "start" | "pause"): Promise<Campaign>;
  uploadAudience(id: number, csv: Blob | string): Promise<AudienceResult>;
}

export function outreachApi(
  client: ApiClient,
  token: () => string | null,
  fetchImpl: typeof fetch = fetch,
): OutreachApi {
  const auth = { auth: true };
  return {
    list: async () => (await client.get<{ campaigns: Campaign[] }>("/v1/outreach/campaigns", auth)).campaigns,
    create: (body) => client.post<Campaign>("/v1/outreach/campaigns", body, auth),
    act: (id, action) => client.post<Campaign>(`/v1/outreach/campaigns/${id}/${action}`, {}, auth),
    uploadAudience: (id, csv) =>
      postRaw<AudienceResult>(fetchImpl, `/v1/outreach/campaigns/${id}/audience`, csv, "text/csv", token()),
  };
}
