// The officials' campaign dashboard for a unit (their own by default, ?unit= to drill down): the figures and
// the 17:00 figure, the province map coloured against the target, commune tiles, the trend with the target
// line, the ranking of sub-units (sort, search), agency compliance and weekly report downloads.
import { useMemo, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Chart } from "../campaign/chart.tsx";
import {
  type ChartLabels,
  MAP_NAME,
  mapOption,
  tilesOption,
  trendOption,
  withCodes,
} from "../campaign/chart-options.ts";
import { echarts } from "../campaign/echarts.ts";
import {
  formatCount,
  formatCoverage,
  formatDay,
  type SortKey,
  STATUS_COLORS,
  sortRanking,
} from "../campaign/format.ts";
import { useCampaignApi, useLoad } from "../campaign/hooks.ts";
import type { Agency, RankedUnit, Report, Summary, TargetStatus } from "../campaign/types.ts";
import "../campaign/campaign.css";
import { ProblemAlert } from "../components/problem-alert.tsx";
import { useI18n } from "../i18n/context.ts";
import { AttributionPanel } from "../outreach/attribution.tsx";

const STATUSES: TargetStatus[] = ["reached", "on_track", "behind", "no_target", "no_data"];

function Figures({ summary }: { summary: Summary }) {
  const { t, language } = useI18n();
  const u = summary.unit;
  const p = u.progress;
  const snap = summary.snapshot;
  return (
    <ul class="figures">
      <li class="figure main" data-testid="figure-coverage">
        <span class="figure-label">{t("campaign.coverage")}</span>
        <span class="figure-value">{formatCoverage(u.coverageBp, language)}</span>
        <span class="figure-note">
          {u.target
            ? t("campaign.targetLine", {
                target: formatCoverage(u.target.percentBp, language),
                deadline: formatDay(u.target.deadline, language),
              })
            : t("campaign.targetNone")}
        </span>
      </li>
      <Figure id="installs" label={t("campaign.installs")} value={formatCount(u.installs, language)} />
      <Figure id="with-phone" label={t("campaign.withPhone")} value={formatCount(u.withPhone, language)} />
      <Figure
        id="subscribers"
        label={t("campaign.subscribers")}
        value={formatCount(u.subscribers, language)}
      />
      <Figure id="active" label={t("campaign.active")} value={formatCount(u.active, language)} />
      <Figure
        id="snapshot"
        label={t("campaign.snapshot")}
        value={snap ? formatCoverage(snap.coverageBp, language) : "–"}
        note={
          snap ? t("campaign.snapshotAt", { day: formatDay(snap.day, language) }) : t("campaign.snapshotNone")
        }
      />
      {p ? (
        <>
          <Figure
            id="projected"
            label={t("campaign.projected")}
            value={
              p.reached
                ? t("campaign.status.reached")
                : p.projectedDay
                  ? formatDay(p.projectedDay, language)
                  : "–"
            }
            note={t(p.onTrack ? "campaign.onTrack" : "campaign.behindNote")}
          />
          <Figure
            id="needed"
            label={t("campaign.neededPerDay")}
            value={p.neededPerDay === null ? "–" : formatCount(p.neededPerDay, language)}
            note={t("campaign.pace", { pace: formatCount(Math.round(p.pacePerDay), language) })}
          />
        </>
      ) : null}
    </ul>
  );
}

function Figure({ id, label, value, note }: { id: string; label: string; value: string; note?: string }) {
  return (
    <li class="figure" data-testid={`figure-${id}`}>
      <span class="figure-label">{label}</span>
      <span class="figure-value">{value}</span>
      {note ? <span class="figure-note">{note}</span> : null}
    </li>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <ul class="legend">
      {STATUSES.map((s) => (
        <li key={s}>
          <span class="swatch" style={{ background: STATUS_COLORS[s] }} />
          {t(`campaign.status.${s}`)}
        </li>
      ))}
    </ul>
  );
}

function Ranking({ units, onOpen }: { units: RankedUnit[]; onOpen: (code: string) => void }) {
  const { t, language } = useI18n();
  const [sort, setSort] = useState<SortKey>("rank");
  const [descending, setDescending] = useState(false);
  const [query, setQuery] = useState("");
  const rows = useMemo(() => sortRanking(units, sort, descending, query), [units, sort, descending, query]);
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort === key ? (descending ? "descending" : "ascending") : undefined}>
      <button
        type="button"
        onClick={() => {
          setDescending(sort === key ? !descending : key !== "rank" && key !== "name");
          setSort(key);
        }}
      >
        {label}
        {sort === key ? (descending ? " ▼" : " ▲") : ""}
      </button>
    </th>
  );
  return (
    <section class="panel" aria-labelledby="ranking-title">
      <h2 id="ranking-title">{t("campaign.ranking")}</h2>
      <div class="toolbar">
        <div class="field">
          <label for="ranking-search">{t("campaign.search")}</label>
          <input
            id="ranking-search"
            type="search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
      </div>
      <div class="table-wrap">
        <table class="data-table">
          <thead>
            <tr>
              {header("rank", "#")}
              {header("name", t("campaign.unit"))}
              {header("coverage", t("campaign.coverage"))}
              {header("progress", t("campaign.progress"))}
              {header("withPhone", t("campaign.withPhone"))}
              {header("installs", t("campaign.installs"))}
              {header("subscribers", t("campaign.subscribers"))}
              <th scope="col">{t("campaign.statusLabel")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.code} data-testid={`rank-${u.code}`}>
                <td>{u.rank}</td>
                <td>
                  <a
                    href={`?unit=${u.code}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(u.code);
                    }}
                  >
                    {u.name}
                  </a>
                </td>
                <td data-testid="coverage">{formatCoverage(u.coverageBp, language)}</td>
                <td>{formatCoverage(u.progressBp, language)}</td>
                <td>{formatCount(u.withPhone, language)}</td>
                <td>{formatCount(u.installs, language)}</td>
                <td>{formatCount(u.subscribers, language)}</td>
                <td>
                  <span class="status" style={{ background: STATUS_COLORS[u.status] }}>
                    {t(`campaign.status.${u.status}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Agencies({ agencies }: { agencies: Agency[] }) {
  const { t, language } = useI18n();
  return (
    <section class="panel" aria-labelledby="agencies-title">
      <h2 id="agencies-title">{t("campaign.agencies")}</h2>
      {agencies.length === 0 ? (
        <p>{t("campaign.noAgencies")}</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("campaign.agency")}</th>
                <th scope="col">{t("campaign.joined")}</th>
                <th scope="col">{t("campaign.headcount")}</th>
                <th scope="col">{t("campaign.compliance")}</th>
                <th scope="col">{t("campaign.target")}</th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((a, i) => (
                <tr key={a.id}>
                  <td>{i + 1}</td>
                  <td>{a.name}</td>
                  <td>{formatCount(a.joined, language)}</td>
                  <td>{formatCount(a.headcount, language)}</td>
                  <td>
                    <span
                      class="status"
                      style={{ background: STATUS_COLORS[a.belowTarget ? "behind" : "reached"] }}
                    >
                      {formatCoverage(a.complianceBp, language)}
                    </span>
                  </td>
                  <td>{formatCoverage(a.appliedTargetBp, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Reports({ code }: { code: string }) {
  const { t, language } = useI18n();
  const api = useCampaignApi();
  const reports = useLoad<Report[]>(code, () => api.reports(code));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.generateReport(code);
      reports.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel" aria-labelledby="reports-title">
      <h2 id="reports-title">{t("campaign.reports")}</h2>
      {error || reports.error ? <ProblemAlert error={error ?? reports.error} /> : null}
      <button type="button" class="button secondary" onClick={generate} disabled={busy}>
        {busy ? t("campaign.generating") : t("campaign.generate")}
      </button>
      {reports.data && reports.data.length === 0 ? <p>{t("campaign.noReports")}</p> : null}
      <ul class="link-list reports">
        {(reports.data ?? []).map((r) => (
          <li key={r.id}>
            <span>{t("campaign.weekOf", { day: formatDay(r.weekStart, language) })}</span>
            <a href={r.pdfUrl} download data-testid={`report-pdf-${r.weekStart}`}>
              {t("campaign.downloadPdf")}
            </a>
            <a href={r.xlsxUrl} download>
              {t("campaign.downloadXlsx")}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CampaignDashboardPage() {
  const { t, language } = useI18n();
  const api = useCampaignApi();
  const { query, route, path } = useLocation();
  const home = useLoad("home", () => api.home());
  const code = query.unit ?? home.data?.unitCode ?? null;
  const summary = useLoad(code, () => api.summary(code!));
  const trend = useLoad(code, () => api.trend(code!));
  const level = summary.data?.unit.level;
  const ranking = useLoad(code && level && level !== "commune" ? code : null, () => api.ranking(code!));
  const agencies = useLoad(code, () => api.agencies(code!));
  const showMap = level === "national" || level === "province";
  const map = useLoad(showMap ? "map" : null, async () => {
    const response = await fetch("/v1/units/map?format=geojson");
    const geojson = withCodes((await response.json()) as { features: { id?: string }[] });
    echarts.registerMap(MAP_NAME, geojson as never);
    return api.provinces();
  });
  const labels: ChartLabels = {
    coverage: t("campaign.coverage"),
    target: t("campaign.target"),
    noData: t("campaign.status.no_data"),
  };
  const open = (unit: string) => route(`${path}?unit=${unit}`);
  const visibleProvinces = new Set((map.data ?? []).map((p) => p.code));
  const error = home.error ?? summary.error;

  return (
    <div class="page campaign">
      <h1>{summary.data ? summary.data.unit.name : t("campaign.title")}</h1>
      {summary.data ? (
        <ol class="crumbs" aria-label={t("campaign.path")}>
          {summary.data.path.map((p, i, all) => (
            <li key={p.code}>
              {p.code === code || i < all.findIndex((x) => x.code === home.data?.unitCode) ? (
                <span aria-current={p.code === code ? "page" : undefined}>{p.name}</span>
              ) : (
                <a href={`${path}?unit=${p.code}`}>{p.name}</a>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
      {!summary.data && !error ? <p role="status">{t("app.loading")}</p> : null}
      {summary.data ? (
        <>
          <p class="hint">{t("campaign.asOf", { day: formatDay(summary.data.today, language) })}</p>
          <Figures summary={summary.data} />
          <div class="two-col">
            {showMap ? (
              <section class="panel" aria-labelledby="map-title">
                <h2 id="map-title">{t("campaign.map")}</h2>
                <Chart
                  testId="coverage-map"
                  label={t("campaign.mapLabel")}
                  height={420}
                  option={map.data ? mapOption(map.data, language, labels) : null}
                  onClick={(province) => visibleProvinces.has(province) && open(province)}
                />
                <Legend />
                <p class="hint">{t("campaign.mapHint")}</p>
              </section>
            ) : null}
            {level === "province" && ranking.data ? (
              <section class="panel" aria-labelledby="tiles-title">
                <h2 id="tiles-title">{t("campaign.tiles")}</h2>
                <Chart
                  testId="commune-tiles"
                  label={t("campaign.tilesLabel")}
                  height={420}
                  option={tilesOption(ranking.data, language, labels)}
                  onClick={() => undefined}
                />
                <Legend />
              </section>
            ) : null}
          </div>
          <section class="panel" aria-labelledby="trend-title">
            <h2 id="trend-title">{t("campaign.trend")}</h2>
            <Chart
              testId="trend-chart"
              label={t("campaign.trendLabel")}
              option={trend.data ? trendOption(trend.data, language, labels) : null}
            />
          </section>
          {ranking.data ? <Ranking units={ranking.data} onOpen={open} /> : null}
          {agencies.data ? <Agencies agencies={agencies.data} /> : null}
          {code ? <AttributionPanel code={code} /> : null}
          {code ? <Reports code={code} /> : null}
        </>
      ) : null}
    </div>
  );
}
