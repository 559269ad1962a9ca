// Telco subscriber counts upload (national and province officials): a CSV or XLSX file with unit code,
// subscribers and date (Vietnamese or English headers); every bad row is listed with its line, nothing is
// imported unless all rows are good; recent uploads below.
import { useState } from "preact/hooks";
import { ApiError } from "../api/client.ts";
import { formatCount } from "../campaign/format.ts";
import { useCampaignApi, useLoad } from "../campaign/hooks.ts";
import { ROW_ERROR_CODES, type RowError } from "../campaign/types.ts";
import "../campaign/campaign.css";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useI18n } from "../i18n/context.ts";

export function CampaignSubscribersPage() {
  const { t, language } = useI18n();
  const api = useCampaignApi();
  const uploads = useLoad("uploads", () => api.uploads());
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [done, setDone] = useState<number | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setRowErrors([]);
    setDone(null);
    try {
      const result = await api.uploadSubscribers(file, file.name);
      setDone(result.rows);
      uploads.reload();
    } catch (e) {
      const rows = e instanceof ApiError ? (e.problem.rowErrors as RowError[] | undefined) : undefined;
      if (rows) setRowErrors(rows);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page narrow campaign">
      <h1>{t("campaign.subscribersTitle")}</h1>
      <p>{t("campaign.subscribersIntro")}</p>
      <pre class="hint">
        mã đơn vị,số thuê bao,ngày{"\n"}00004,63296,01/08/2025{"\n"}01,11969712,01/08/2025
      </pre>
      <form class="form" onSubmit={submit} aria-busy={busy}>
        <div class="field">
          <label for="subscriber-file">{t("campaign.file")}</label>
          <input
            id="subscriber-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <button class="button" type="submit" disabled={busy || !file}>
          {busy ? t("campaign.uploading") : t("campaign.upload")}
        </button>
      </form>
      {done !== null ? (
        <p class="alert alert-info" role="status">
          {t("campaign.uploaded", { rows: formatCount(done, language) })}
        </p>
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
      {rowErrors.length > 0 ? (
        <div class="table-wrap">
          <table class="data-table row-errors">
            <caption>{t("campaign.rowErrors", { count: rowErrors.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("campaign.line")}</th>
                <th scope="col">{t("campaign.column")}</th>
                <th scope="col">{t("campaign.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {rowErrors.map((r) => (
                <tr key={`${r.line}-${r.column}-${r.code}`}>
                  <td>{r.line}</td>
                  <td>{r.column ? t(`campaign.columns.${r.column}`) : "–"}</td>
                  <td>
                    {(ROW_ERROR_CODES as readonly string[]).includes(r.code)
                      ? t(`campaign.rowError.${r.code}`, { value: r.value ?? "" })
                      : r.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>{t("campaign.recentUploads")}</h2>
      {uploads.data && uploads.data.length === 0 ? <p>{t("campaign.noUploads")}</p> : null}
      <ul class="link-list">
        {(uploads.data ?? []).map((u) => (
          <li key={u.id}>
            {u.fileName} – {t("campaign.uploadRows", { rows: formatCount(u.rows, language) })} –{" "}
            {new Date(u.uploadedAt).toLocaleString(language === "vi" ? "vi-VN" : "en-GB")}
          </li>
        ))}
      </ul>
    </section>
  );
}
