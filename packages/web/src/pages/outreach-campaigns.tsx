// Outreach campaigns (national, province and commune officials): the campaigns of the official's area with
// per-round figures, start/pause, audience CSV upload (bad lines listed), and a form to create one.
import { useMemo, useState } from "preact/hooks";
import { useLoad } from "../campaign/hooks.ts";
import "../campaign/campaign.css";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useI18n } from "../i18n/context.ts";
import {
  type AudienceResult,
  actionsOf,
  type Campaign,
  type CampaignForm,
  campaignRequest,
  DEFAULT_TEMPLATE,
  deliverySummary,
  type FormError,
  outreachApi,
} from "../outreach/campaigns.ts";
import { useServices } from "../services.ts";

const EMPTY_FORM: CampaignForm = {
  name: "",
  channel: "sms",
  audienceKind: "list",
  unitCode: "",
  template: DEFAULT_TEMPLATE,
  subject: "",
  zaloTemplateId: "",
  start: "",
  quietStart: "21:00",
  quietEnd: "07:00",
  repeatEveryDays: "7",
  stopDay: "",
  maxMessages: "3",
};

export function OutreachCampaignsPage() {
  const { t, language } = useI18n();
  const { client, session } = useServices();
  const api = useMemo(() => outreachApi(client, () => session.token), [client, session]);
  const campaigns = useLoad("campaigns", () => api.list());
  const [form, setForm] = useState<CampaignForm>({
    ...EMPTY_FORM,
    unitCode: session.current?.account.unitCode ?? "VN",
  });
  const [error, setError] = useState<unknown>(null);
  const [formError, setFormError] = useState<FormError | null>(null);
  const [upload, setUpload] = useState<{ id: number; result: AudienceResult } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<CampaignForm>) => setForm((f) => ({ ...f, ...patch }));
  const number = (n: number) => n.toLocaleString(language === "vi" ? "vi-VN" : "en-GB");
  const time = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(language === "vi" ? "vi-VN" : "en-GB", { timeZone: "Asia/Ho_Chi_Minh" })
      : "–";

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      campaigns.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const request = campaignRequest(form);
    if ("error" in request) {
      setFormError(request.error);
      return;
    }
    setFormError(null);
    void run(async () => {
      await api.create(request.body);
      setForm({ ...EMPTY_FORM, unitCode: form.unitCode });
    });
  };

  const uploadFile = (c: Campaign, file: File | undefined) => {
    if (!file) return;
    void run(async () => setUpload({ id: c.id, result: await api.uploadAudience(c.id, file) }));
  };

  return (
    <section class="page campaign">
      <h1>{t("outreach.title")}</h1>
      <p>{t("outreach.intro")}</p>
      {campaigns.error || error ? <ProblemAlert error={campaigns.error ?? error} /> : null}
      <div class="table-wrap">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t("outreach.name")}</th>
              <th scope="col">{t("outreach.channel")}</th>
              <th scope="col">{t("outreach.status")}</th>
              <th scope="col">{t("outreach.recipients")}</th>
              <th scope="col">{t("outreach.rounds")}</th>
              <th scope="col">{t("outreach.sent")}</th>
              <th scope="col">{t("outreach.failed")}</th>
              <th scope="col">{t("outreach.optedOut")}</th>
              <th scope="col">{t("outreach.nextRound")}</th>
              <th scope="col">{t("outreach.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {(campaigns.data ?? []).map((c) => {
              const s = deliverySummary(c.stats.totals);
              return (
                <tr key={c.id}>
                  <td>
                    {c.name}
                    <br />
                    <small>
                      {c.audience.unitName} · src={c.source}
                    </small>
                  </td>
                  <td>{t(`outreach.channels.${c.channel}`)}</td>
                  <td>{t(`outreach.statuses.${c.status}`)}</td>
                  <td>{number(c.stats.recipients)}</td>
                  <td>
                    {c.stats.rounds.map((r) => (
                      <div key={r.round}>
                        {t("outreach.roundLine", {
                          round: r.round,
                          sent: number(r.counts.sent + r.counts.delivered),
                          queued: number(r.counts.queued + r.counts.sending),
                        })}
                      </div>
                    ))}
                  </td>
                  <td>
                    {number(s.sent)}
                    {s.deliveredRate !== null
                      ? ` (${Math.round(s.deliveredRate * 100)}% ${t("outreach.delivered")})`
                      : ""}
                  </td>
                  <td>{number(c.stats.totals.failed)}</td>
                  <td>{number(c.stats.optedOut)}</td>
                  <td>{time(c.nextRoundAt)}</td>
                  <td>
                    {actionsOf(c.status).map((a) => (
                      <button
                        key={a}
                        type="button"
                        class="button secondary"
                        disabled={busy}
                        onClick={() => void run(() => api.act(c.id, a))}
                      >
                        {t(`outreach.${a}`)}
                      </button>
                    ))}
                    {c.status !== "ended" ? (
                      <label class="button secondary">
                        {t("outreach.upload")}
                        <input
                          type="file"
                          accept=".csv,text/csv"
                          hidden
                          onChange={(e) => uploadFile(c, e.currentTarget.files?.[0])}
                        />
                      </label>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {campaigns.data?.length === 0 ? <p>{t("outreach.none")}</p> : null}
      {upload ? (
        <div class="alert alert-info" role="status">
          <p>
            {t("outreach.uploaded", {
              added: number(upload.result.added),
              duplicates: number(upload.result.duplicates),
              recipients: number(upload.result.recipients),
            })}
          </p>
          {upload.result.problems.length > 0 ? (
            <ul>
              {upload.result.problems.slice(0, 50).map((p) => (
                <li key={p.line}>{t("outreach.badLine", { line: p.line, reason: p.reason })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <h2>{t("outreach.create")}</h2>
      <form class="form narrow" onSubmit={submit} aria-busy={busy}>
        <div class="field">
          <label for="o-name">{t("outreach.name")}</label>
          <input
            id="o-name"
            required
            value={form.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="o-channel">{t("outreach.channel")}</label>
          <select
            id="o-channel"
            value={form.channel}
            onChange={(e) => set({ channel: e.currentTarget.value as CampaignForm["channel"] })}
          >
            {(["sms", "zalo", "email"] as const).map((c) => (
              <option key={c} value={c}>
                {t(`outreach.channels.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="o-unit">{t("outreach.unitCode")}</label>
          <input
            id="o-unit"
            required
            pattern="VN|[0-9]{2}|[0-9]{5}"
            value={form.unitCode}
            onInput={(e) => set({ unitCode: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="o-audience">{t("outreach.audience")}</label>
          <select
            id="o-audience"
            value={form.audienceKind}
            onChange={(e) => set({ audienceKind: e.currentTarget.value as CampaignForm["audienceKind"] })}
          >
            <option value="list">{t("outreach.audienceList")}</option>
            <option value="unit">{t("outreach.audienceUnit")}</option>
          </select>
        </div>
        <div class="field">
          <label for="o-template">{t("outreach.template")}</label>
          <textarea
            id="o-template"
            rows={3}
            required
            value={form.template}
            onInput={(e) => set({ template: e.currentTarget.value })}
          />
          <small>
            {t("outreach.templateHelp", {
              unit: "{{unit}}",
              link: "{{link}}",
              optout_link: "{{optout_link}}",
            })}
          </small>
        </div>
        {form.channel === "email" ? (
          <div class="field">
            <label for="o-subject">{t("outreach.subject")}</label>
            <input
              id="o-subject"
              value={form.subject}
              onInput={(e) => set({ subject: e.currentTarget.value })}
            />
          </div>
        ) : null}
        {form.channel === "zalo" ? (
          <div class="field">
            <label for="o-zalo">{t("outreach.zaloTemplate")}</label>
            <input
              id="o-zalo"
              value={form.zaloTemplateId}
              onInput={(e) => set({ zaloTemplateId: e.currentTarget.value })}
            />
          </div>
        ) : null}
        <div class="field">
          <label for="o-start">{t("outreach.start")}</label>
          <input
            id="o-start"
            type="datetime-local"
            required
            value={form.start}
            onInput={(e) => set({ start: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="o-quiet-start">{t("outreach.quietHours")}</label>
          <input
            id="o-quiet-start"
            type="time"
            value={form.quietStart}
            onInput={(e) => set({ quietStart: e.currentTarget.value })}
          />
          <input
            aria-label={t("outreach.quietEnd")}
            type="time"
            value={form.quietEnd}
            onInput={(e) => set({ quietEnd: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="o-repeat">{t("outreach.repeat")}</label>
          <input
            id="o-repeat"
            inputMode="numeric"
            value={form.repeatEveryDays}
            onInput={(e) => set({ repeatEveryDays: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="o-stop">{t("outreach.stop")}</label>
          <input
            id="o-stop"
            type="date"
            value={form.stopDay}
            onInput={(e) => set({ stopDay: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="o-max">{t("outreach.maxMessages")}</label>
          <input
            id="o-max"
            inputMode="numeric"
            required
            value={form.maxMessages}
            onInput={(e) => set({ maxMessages: e.currentTarget.value })}
          />
        </div>
        {formError ? (
          <p class="alert alert-error" role="alert">
            {t(formError)}
          </p>
        ) : null}
        <div class="actions">
          <button class="button" type="submit" disabled={busy}>
            {t("outreach.createButton")}
          </button>
        </div>
      </form>
    </section>
  );
}
