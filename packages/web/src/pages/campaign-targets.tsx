// Coverage targets (national and province officials): the target of the official's unit and of each unit
// below it - own or inherited - and a form to set ("60% by 31/08") or remove a unit's own target.
import { useState } from "preact/hooks";
import { formatCoverage, formatDay } from "../campaign/format.ts";
import { useCampaignApi, useLoad } from "../campaign/hooks.ts";
import "../campaign/campaign.css";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useI18n } from "../i18n/context.ts";

export function CampaignTargetsPage() {
  const { t, language } = useI18n();
  const api = useCampaignApi();
  const home = useLoad("home", () => api.home());
  const root = home.data?.unitCode ?? null;
  const units = useLoad(root, async () => [
    await api.summary(root!).then((s) => s.unit),
    ...(await api.ranking(root!)),
  ]);
  const [unit, setUnit] = useState("");
  const [percent, setPercent] = useState("60");
  const [deadline, setDeadline] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const selected = unit || root || "";

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await action();
      setSaved(true);
      units.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page campaign">
      <h1>{t("campaign.targetsTitle")}</h1>
      <p>{t("campaign.targetsIntro")}</p>
      {home.error || units.error ? <ProblemAlert error={home.error ?? units.error} /> : null}
      <form
        class="form narrow"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api.setTarget(selected, Number(percent.replace(",", ".")), deadline));
        }}
        aria-busy={busy}
      >
        <div class="field">
          <label for="target-unit">{t("campaign.unit")}</label>
          <select id="target-unit" value={selected} onChange={(e) => setUnit(e.currentTarget.value)}>
            {(units.data ?? []).map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="target-percent">{t("campaign.targetPercent")}</label>
          <input
            id="target-percent"
            inputMode="decimal"
            required
            pattern="[0-9]{1,3}([.,][0-9]{1,2})?"
            value={percent}
            onInput={(e) => setPercent(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="target-deadline">{t("campaign.deadline")}</label>
          <input
            id="target-deadline"
            type="date"
            required
            value={deadline}
            onInput={(e) => setDeadline(e.currentTarget.value)}
          />
        </div>
        <div class="actions">
          <button class="button" type="submit" disabled={busy || !selected}>
            {t("campaign.saveTarget")}
          </button>
          <button
            type="button"
            class="button secondary"
            disabled={busy || !selected}
            onClick={() => void run(() => api.deleteTarget(selected))}
          >
            {t("campaign.removeTarget")}
          </button>
        </div>
      </form>
      {saved ? (
        <p class="alert alert-info" role="status">
          {t("campaign.targetSaved")}
        </p>
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
      <div class="table-wrap">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("campaign.unit")}</th>
              <th scope="col">{t("campaign.target")}</th>
              <th scope="col">{t("campaign.deadline")}</th>
              <th scope="col">{t("campaign.coverage")}</th>
              <th scope="col">{t("campaign.targetSource")}</th>
            </tr>
          </thead>
          <tbody>
            {(units.data ?? []).map((u, i) => (
              <tr key={u.code}>
                <td>{i + 1}</td>
                <td>{u.name}</td>
                <td>{u.target ? formatCoverage(u.target.percentBp, language) : "–"}</td>
                <td>{u.target ? formatDay(u.target.deadline, language) : "–"}</td>
                <td>{formatCoverage(u.coverageBp, language)}</td>
                <td>{u.target ? t(u.target.inherited ? "campaign.inherited" : "campaign.own") : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
